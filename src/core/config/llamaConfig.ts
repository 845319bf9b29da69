// Turns one llama.cpp invocation's accumulated options into a RunConfig (or a diagnostic when it names no model).
import type { ConfigDiagnostic, RunConfig, SourceRange } from '../types';
import type { LlamaArgState } from './llamaArgs';
import type { Word } from './shellWords';
import { diag, LineIndex } from './text';

export interface LlamaConfigPlace {
  label: string;
  baseDir: string;
  /** The configuration's own range (first line of the invocation / model entry). */
  range: SourceRange;
  /** Where to report "no model" (the program name or the entry key). */
  anchor: SourceRange;
}

export function llamaRunConfig(state: LlamaArgState, place: LlamaConfigPlace, diagnostics: ConfigDiagnostic[]): RunConfig | undefined {
  for (const d of state.diagnostics) diagnostics.push(d); // no spread: 100k arguments overflow the stack
  const modelRef = state.modelRef();
  if (!modelRef) {
    if (state.modelsPreset) {
      diagnostics.push(
        diag(
          'info',
          'llama-args.models-preset',
          `Router mode: models come from the presets file "${state.modelsPreset.path}"; open it for per-model estimates`,
          state.modelsPreset.range,
        ),
      );
    } else {
      diagnostics.push(
        diag(
          'info',
          'llama-args.no-model',
          `${place.label}: no model given (-m, -hf or LLAMA_ARG_MODEL); nothing to estimate`,
          place.anchor,
        ),
      );
    }
    return undefined;
  }
  return {
    label: place.label,
    runtime: 'llama.cpp',
    modelRef,
    baseDir: place.baseDir,
    settings: state.settings,
    ranges: state.ranges,
    defaultsApplied: state.defaults(),
    range: place.range,
  };
}

/** The plain word → range mapping: word positions are file offsets. */
export function plainSpan(idx: LineIndex): (w: Word, from: number) => SourceRange {
  return (w, from) => (w.pos.length > from ? idx.range(w.pos[from], w.pos[w.pos.length - 1] + 1) : idx.range(w.start, w.end));
}
