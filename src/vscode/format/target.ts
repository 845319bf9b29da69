// Which configuration and which setting a cursor position points at (hover targets). No vscode import.
import type { ConfigAnalysis, SettingKey, SourceRange } from '../../core/types';

export type HoverKind = 'model' | 'ctx' | 'ngl';

export interface HoverTarget {
  analysis: ConfigAnalysis;
  index: number;
  kind: HoverKind;
  range: SourceRange;
}

const KINDS: Array<[HoverKind, SettingKey]> = [['model', 'model'], ['ctx', 'ctx'], ['ngl', 'ngl']];

export function rangeContains(r: SourceRange, line: number, col: number): boolean {
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && col < r.startCol) return false;
  if (line === r.endLine && col > r.endCol) return false;
  return true;
}

/** The flag or key word under the cursor ("-c", "num_ctx", "--n-gpu-layers"), as [start, end) columns. */
function wordAt(lineText: string, col: number): [number, number] | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[\w.-]/.test(c);
  if (!isWord(lineText[col]) && !isWord(lineText[col - 1])) return undefined;
  let s = col;
  let e = col;
  while (s > 0 && isWord(lineText[s - 1])) s--;
  while (e < lineText.length && isWord(lineText[e])) e++;
  return s < e ? [s, e] : undefined;
}

/**
 * The setting under (line, col): an exact hit on a setting's range first; then the flag or key written just before
 * a setting's value (`-c` in `-c 8192`, `num_ctx`, `"n_ctx":`); otherwise anywhere on the model's line(s) or the
 * invocation's first line, so hovering FROM, `llama-server` or the path's surroundings still explains the model.
 */
export function hoverTargetAt(configs: ConfigAnalysis[], line: number, col: number, lineText?: string): HoverTarget | undefined {
  for (let index = 0; index < configs.length; index++) {
    const analysis = configs[index];
    for (const [kind, key] of KINDS) {
      const r = analysis.config.ranges[key];
      if (r && rangeContains(r, line, col)) return { analysis, index, kind, range: r };
    }
  }
  const word = lineText === undefined ? undefined : wordAt(lineText, col);
  if (word && lineText !== undefined) {
    for (let index = 0; index < configs.length; index++) {
      const analysis = configs[index];
      for (const [kind, key] of KINDS) {
        const r = analysis.config.ranges[key];
        // Only separators between the word and the value: spaces, `=`, `:`, quotes and list commas.
        if (r && r.startLine === line && r.startCol >= word[1] && /^[\s=:,"']*$/.test(lineText.slice(word[1], r.startCol))) {
          return { analysis, index, kind, range: { startLine: line, startCol: word[0], endLine: line, endCol: word[1] } };
        }
      }
    }
  }
  for (let index = 0; index < configs.length; index++) {
    const analysis = configs[index];
    const r = analysis.config.ranges.model ?? analysis.config.range;
    const own = analysis.config.range;
    if ((line >= r.startLine && line <= r.endLine) || (line >= own.startLine && line <= own.endLine)) {
      return { analysis, index, kind: 'model', range: line >= r.startLine && line <= r.endLine ? r : own };
    }
  }
  return undefined;
}
