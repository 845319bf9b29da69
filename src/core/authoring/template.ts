// Go text/template structure of a Modelfile TEMPLATE: {{ }} delimiters balanced, and every if / range / with /
// block / define closed by {{ end }} (text/template's parse rules; comments {{/* */}} may hold anything).

export interface TemplateProblem {
  message: string;
  /** Offsets within the template text. */
  start: number;
  end: number;
}

const OPENERS = /^(if|range|with|block|define)\b/;
/** A template this broken is not being edited by hand: report the first ones only. */
const MAX_PROBLEMS = 50;

export function checkTemplate(t: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const open: Array<{ word: string; start: number; end: number }> = [];
  // Next "}}" / "{{" at or after a position, remembered: positions only grow, so the scan stays linear.
  let closeAt = -2;
  const nextClose = (from: number) => {
    if (closeAt === -2 || (closeAt >= 0 && closeAt < from)) closeAt = t.indexOf('}}', from);
    return closeAt;
  };
  let openAt = -2;
  const nextOpen = (from: number) => {
    if (openAt === -2 || (openAt >= 0 && openAt < from)) openAt = t.indexOf('{{', from);
    return openAt;
  };
  let i = 0;
  while (i < t.length && problems.length < MAX_PROBLEMS) {
    const a = nextOpen(i);
    const stray = nextClose(i);
    if (stray >= 0 && (a < 0 || stray < a)) {
      problems.push({ message: 'stray }} without an opening {{', start: stray, end: stray + 2 });
      i = stray + 2;
      continue;
    }
    if (a < 0) break;
    let bodyStart = a + 2;
    if (t.startsWith('/*', bodyStart) || t.startsWith('- /*', bodyStart)) {
      const endComment = t.indexOf('*/', bodyStart);
      const close = endComment < 0 ? -1 : nextClose(endComment);
      if (close < 0) {
        problems.push({ message: 'comment {{/* is never closed by */}}', start: a, end: a + 2 });
        break;
      }
      i = close + 2;
      continue;
    }
    const close = nextClose(bodyStart);
    const following = nextOpen(bodyStart);
    if (close < 0 || (following >= 0 && following < close)) {
      problems.push({ message: '{{ is never closed by }}', start: a, end: a + 2 });
      i = bodyStart;
      continue;
    }
    if (t[bodyStart] === '-') bodyStart++;
    let body = t.slice(bodyStart, close).trim();
    if (body.endsWith(' -') || body === '-') body = body.replace(/-$/, '').trim();
    const word = OPENERS.exec(body)?.[1];
    if (word) open.push({ word, start: a, end: close + 2 });
    else if (/^end\b/.test(body)) {
      if (!open.pop()) problems.push({ message: '{{ end }} without an open if, range, with, block or define', start: a, end: close + 2 });
    }
    i = close + 2;
  }
  for (const o of open.slice(0, MAX_PROBLEMS - problems.length))
    problems.push({ message: `{{ ${o.word} }} is never closed by {{ end }}`, start: o.start, end: o.end });
  return problems;
}
