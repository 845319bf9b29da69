// Which configuration and which setting a cursor position points at (hover targets). No vscode import.
import type { ConfigAnalysis, SettingKey, SourceRange } from '../core/types';

export type HoverKind = 'model' | 'ctx' | 'ngl';

export interface HoverTarget {
  analysis: ConfigAnalysis;
  index: number;
  kind: HoverKind;
  range: SourceRange;
}

const KINDS: Array<[HoverKind, SettingKey]> = [
  ['model', 'model'],
  ['ctx', 'ctx'],
  ['ngl', 'ngl'],
];

export function rangeContains(r: SourceRange, line: number, col: number): boolean {
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && col < r.startCol) return false;
  if (line === r.endLine && col > r.endCol) return false;
  return true;
}

/**
 * The setting under (line, col): an exact hit on a setting's value first; otherwise anywhere on the model's line(s)
 * or the invocation's first line, so hovering FROM, `llama-server` or the path's surroundings still explains the
 * model. Names (`-c`, `num_ctx`) get their docs from the authoring hover instead, so the two never overlap.
 */
export function hoverTargetAt(configs: ConfigAnalysis[], line: number, col: number): HoverTarget | undefined {
  for (let index = 0; index < configs.length; index++) {
    const analysis = configs[index];
    for (const [kind, key] of KINDS) {
      const r = analysis.config.ranges[key];
      if (r && rangeContains(r, line, col)) return { analysis, index, kind, range: r };
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
