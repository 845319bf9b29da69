// Outline and folding: Modelfile commands (with their """ blocks) and llama-swap models. Line-based, linear.
import { LineIndex } from '../config/text';
import type { SourceRange } from '../types';
import { scanModelfile } from './modelfileScan';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'instruction' | 'parameter' | 'model' | 'key';
  /** The whole entry, and the part to select (its name). */
  range: SourceRange;
  selection: SourceRange;
  children: OutlineSymbol[];
}

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The last line a span of [start, end) touches, not counting a final newline. */
function lastLine(idx: LineIndex, start: number, end: number): number {
  return idx.position(Math.max(start, end - 1)).line;
}

export function modelfileOutline(text: string): OutlineSymbol[] {
  const idx = new LineIndex(text);
  return scanModelfile(text)
    .commands.filter((c) => c.known)
    .map((c) => {
      const name = c.word.text.toUpperCase();
      const value = c.value?.text ?? '';
      const firstValueLine =
        value
          .split('\n')
          .find((l) => l.trim())
          ?.trim() ?? '';
      return {
        name:
          name === 'PARAMETER' && c.arg ? `${c.arg.text} ${clip(value, 40)}` : name === 'MESSAGE' && c.arg ? `MESSAGE ${c.arg.text}` : name,
        detail: name === 'PARAMETER' ? 'PARAMETER' : clip(firstValueLine),
        kind: name === 'PARAMETER' ? 'parameter' : 'instruction',
        range: idx.range(c.word.start, Math.max(c.value ? c.value.end + c.value.quote.length : c.word.end, c.arg?.end ?? 0)),
        selection: idx.range(c.word.start, c.arg?.end ?? c.word.end),
        children: [],
      } satisfies OutlineSymbol;
    });
}

export function modelfileFolding(text: string): FoldRange[] {
  const idx = new LineIndex(text);
  const out: FoldRange[] = [];
  for (const c of scanModelfile(text).commands) {
    if (!c.value?.quote) continue;
    const a = idx.position(c.word.start).line;
    const b = lastLine(idx, c.value.start, c.value.end + c.value.quote.length);
    if (b > a) out.push({ startLine: a, endLine: b });
  }
  // Runs of two or more comment lines.
  const lines = text.split('\n');
  let runStart = -1;
  for (let l = 0; l <= lines.length; l++) {
    const isComment = l < lines.length && /^\s*#/.test(lines[l]);
    if (isComment && runStart < 0) runStart = l;
    if (!isComment && runStart >= 0) {
      if (l - 1 > runStart) out.push({ startLine: runStart, endLine: l - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  return out.sort((x, y) => x.startLine - y.startLine);
}

/** llama-swap: one symbol per entry under `models:`, its keys as children. */
export function llamaSwapOutline(text: string): OutlineSymbol[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const indent = (s: string) => s.length - s.trimStart().length;
  const blank = (s: string) => !s.trim() || /^\s*#/.test(s);
  const out: OutlineSymbol[] = [];
  const m0 = lines.findIndex((l) => /^models\s*:\s*(#.*)?$/.test(l));
  if (m0 < 0) return out;
  let modelIndent = -1;
  let current: { sym: OutlineSymbol; keyIndent: number } | undefined;
  let lastContent = m0;
  const close = (end: number) => {
    if (!current) return;
    current.sym.range = { ...current.sym.range, endLine: end, endCol: lines[end].length };
    for (const ch of current.sym.children) {
      if (ch.range.endLine > end) ch.range = { ...ch.range, endLine: end, endCol: lines[end].length };
    }
    current = undefined;
  };
  for (let l = m0 + 1; l < lines.length; l++) {
    const s = lines[l];
    if (blank(s)) continue;
    const ind = indent(s);
    if (ind === 0) break;
    const key = /^(\s*)(["']?)([^"'#:]+)\2\s*:/.exec(s);
    if (modelIndent < 0) modelIndent = ind;
    if (ind === modelIndent && key) {
      close(lastContent);
      const name = key[3].trim();
      const start = key[1].length + key[2].length;
      current = {
        keyIndent: -1,
        sym: {
          name,
          detail: 'model',
          kind: 'model',
          range: { startLine: l, startCol: ind, endLine: l, endCol: s.length },
          selection: { startLine: l, startCol: start, endLine: l, endCol: start + name.length },
          children: [],
        },
      };
      out.push(current.sym);
    } else if (current && key && ind > modelIndent) {
      if (current.keyIndent < 0) current.keyIndent = ind;
      if (ind === current.keyIndent) {
        const prev = current.sym.children[current.sym.children.length - 1];
        if (prev) prev.range = { ...prev.range, endLine: lastContent, endCol: lines[lastContent].length };
        const name = key[3].trim();
        const rest = s.slice(s.indexOf(':') + 1).trim();
        current.sym.children.push({
          name,
          detail: clip(rest === '|' || rest === '>' ? '' : rest),
          kind: 'key',
          range: { startLine: l, startCol: ind, endLine: l, endCol: s.length },
          selection: { startLine: l, startCol: ind, endLine: l, endCol: ind + name.length },
          children: [],
        });
      }
    }
    lastContent = l;
  }
  close(lastContent);
  // The last child of each model ends with the model.
  for (const m of out) {
    const last = m.children[m.children.length - 1];
    if (last) last.range = { ...last.range, endLine: m.range.endLine, endCol: m.range.endCol };
  }
  return out;
}
