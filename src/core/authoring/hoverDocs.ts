// Docs on names: Modelfile instructions and PARAMETER names, llama.cpp options (command lines, llama-swap cmd,
// presets keys, LLAMA_ARG_* variables). The fit hover on values stays in src/vscode/format/hover.ts; these
// ranges cover only the names, so the two never say the same thing.
import { lookupEnv, lookupOption, lookupPresetKey } from '../config/llamaArgs';
import { modelfileInstruction, ollamaParameter, OLLAMA_DEPRECATED_PARAMETERS } from '../data/ollamaModelfile';
import { LineIndex } from '../config/text';
import type { SourceRange } from '../types';
import { flagDocumentation, parameterDocumentation, type FlagDialect } from './completion';
import { scanModelfile, type Span } from './modelfileScan';

export interface DocHover {
  markdown: string;
  range: SourceRange;
}

const on = (line: number, start: number, end: number): SourceRange => ({ startLine: line, startCol: start, endLine: line, endCol: end });

/** The word of `chars` around col on the line. */
function wordAround(lineText: string, col: number, chars: RegExp): { text: string; start: number; end: number } | undefined {
  let start = col;
  let end = col;
  while (start > 0 && chars.test(lineText[start - 1])) start--;
  while (end < lineText.length && chars.test(lineText[end])) end++;
  return end > start ? { text: lineText.slice(start, end), start, end } : undefined;
}

export function modelfileDocHover(text: string, line: number, col: number): DocHover | undefined {
  const idx = new LineIndex(text);
  const hit = (sp: Span) => {
    const a = idx.position(sp.start);
    return a.line === line && col >= a.col && col <= a.col + (sp.end - sp.start) ? on(line, a.col, a.col + (sp.end - sp.start)) : undefined;
  };
  for (const c of scanModelfile(text).commands) {
    if (idx.position(c.word.start).line > line) break;
    const ins = c.known ? modelfileInstruction(c.word.text) : undefined;
    if (!ins) continue;
    const onWord = hit(c.word);
    if (onWord) {
      return {
        markdown: `**${ins.name}** — ${ins.doc}\n\n\`${ins.syntax}\`${ins.since ? ` · since Ollama ${ins.since}` : ''}`,
        range: onWord,
      };
    }
    const onArg = ins.name === 'PARAMETER' && c.arg?.text ? hit(c.arg) : undefined;
    if (!onArg) continue;
    const p = ollamaParameter(c.arg!.text);
    if (p) return { markdown: parameterDocumentation(p), range: onArg };
    const dep = OLLAMA_DEPRECATED_PARAMETERS.find((d) => d.name === c.arg!.text.toLowerCase());
    return dep
      ? { markdown: `**PARAMETER ${dep.name}** — deprecated since Ollama ${dep.since}: accepted and ignored.`, range: onArg }
      : undefined;
  }
  return undefined;
}

export function llamaFlagDocHover(text: string, line: number, col: number, dialect: FlagDialect): DocHover | undefined {
  const lineText = (text.split('\n')[line] ?? '').replace(/\r$/, '');
  const w = wordAround(lineText, col, /[\w-]/);
  if (!w) return undefined;
  const range = on(line, w.start, w.end);
  if (/^LLAMA_ARG_/.test(w.text)) {
    const hit = lookupEnv(w.text);
    return hit ? { markdown: flagDocumentation(hit.spec), range } : undefined;
  }
  if (dialect === 'preset-ini') {
    // Only the key before "=".
    if (!/^\s*$/.test(lineText.slice(0, w.start)) || !/^\s*=/.test(lineText.slice(w.end))) return undefined;
    const hit = lookupPresetKey(w.text);
    return hit ? { markdown: flagDocumentation(hit.spec), range } : undefined;
  }
  if (!w.text.startsWith('-')) return undefined;
  const hit = lookupOption(w.text);
  return hit ? { markdown: flagDocumentation(hit.spec), range } : undefined;
}
