// Config readers: which format a file is, and its run configurations with exact value ranges.
import type { ParseResult } from '../types';
import { mentionsServerImage, parseCommandLine as readCommandLine } from './commandLine';
import { parseLlamaCppPython as readLlamaCppPython } from './llamaCppPython';
import { parseLlamaSwap as readLlamaSwap } from './llamaSwap';
import { parseModelfile as readModelfile } from './modelfile';
import { parsePresetIni as readPresetIni } from './presetIni';
import { baseName, diag, EMPTY_RANGE, MAX_CONFIG_BYTES, MAX_DIAGNOSTICS_PER_FILE } from './text';

export type ConfigFormat = 'modelfile' | 'llama-swap' | 'preset-ini' | 'command-line' | 'llama-cpp-python';

export { isLlamaProgram } from './commandLine';

type Reader = (fileName: string, text: string) => ParseResult;
/** A reader whose every error (its own or a library's) becomes one diagnostic at its edge. */
const guarded =
  (read: Reader): Reader =>
  (fileName, text) => {
    try {
      return capDiagnostics(read(fileName, text));
    } catch (err) {
      return internalError(err);
    }
  };

/** At most MAX_DIAGNOSTICS_PER_FILE diagnostics, the last one saying how many more there were. */
function capDiagnostics(r: ParseResult): ParseResult {
  if (r.diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE) return r;
  const more = r.diagnostics.length - (MAX_DIAGNOSTICS_PER_FILE - 1);
  const kept = r.diagnostics.slice(0, MAX_DIAGNOSTICS_PER_FILE - 1);
  kept.push(
    diag(
      'info',
      'config.more-problems',
      `${more} more problems in this file are not shown`,
      r.diagnostics[MAX_DIAGNOSTICS_PER_FILE - 1].range,
    ),
  );
  return { ...r, diagnostics: kept };
}
export const parseModelfile = guarded(readModelfile);
export const parseLlamaSwap = guarded(readLlamaSwap);
export const parsePresetIni = guarded(readPresetIni);
export const parseCommandLine = guarded(readCommandLine);
export const parseLlamaCppPython = guarded(readLlamaCppPython);
export { splitCommands } from './shellWords';
export type { Word, Command } from './shellWords';
export { LineIndex, MAX_CONFIG_BYTES } from './text';

const LLAMA_NAMES = /\bllama-(server|cli)\b|LLAMA_ARG_[A-Z_]/;
/** llama-server, LLAMA_ARG_* or a llama.cpp server image (scanned without backtracking). */
const mentionsLlama = (text: string): boolean => LLAMA_NAMES.test(text) || mentionsServerImage(text);

/** The format of a file, from its name first and its text second; undefined for files this reads nothing from. */
export function detectFormat(fileName: string, text: string): ConfigFormat | undefined {
  const base = baseName(fileName);
  const lower = base.toLowerCase();
  if (lower === 'modelfile' || lower.endsWith('.modelfile') || lower.startsWith('modelfile.')) return 'modelfile';
  // Only the head of huge files is sniffed.
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (/\.ya?ml$/.test(lower)) {
    if (/^models[ \t]*:/m.test(head) && /^[ \t]+cmd[ \t]*:/m.test(head)) return 'llama-swap';
    if (/^services[ \t]*:/m.test(head) && mentionsLlama(head)) return 'command-line';
    return undefined;
  }
  if (lower.endsWith('.ini')) return /^[ \t]*\[[^\]\n]+\]/m.test(head) ? 'preset-ini' : undefined;
  if (lower.endsWith('.json')) {
    return /"(n_ctx|n_gpu_layers|model_alias|clip_model_path|hf_model_repo_id)"\s*:/.test(head) && /"model"\s*:/.test(head)
      ? 'llama-cpp-python'
      : undefined;
  }
  if (text.length <= MAX_CONFIG_BYTES && mentionsLlama(head)) {
    if (
      /\.(sh|bash|zsh|service|mk|env|ps1|bat|cmd|txt|conf)$/.test(lower) ||
      !lower.includes('.') ||
      /^(dockerfile|containerfile|makefile)/.test(lower) ||
      /\.(dockerfile|containerfile)$/.test(lower)
    ) {
      return 'command-line';
    }
  }
  return undefined;
}

/** Every run configuration in the file (read as `format`, by default the one its name says), with reader diagnostics. Never throws. */
export function parseConfigFile(
  fileName: string,
  text: string,
  format: ConfigFormat | undefined = detectFormat(fileName, text),
): ParseResult {
  try {
    switch (format) {
      case 'modelfile':
        return parseModelfile(fileName, text);
      case 'llama-swap':
        return parseLlamaSwap(fileName, text);
      case 'preset-ini':
        return parsePresetIni(fileName, text);
      case 'command-line':
        return parseCommandLine(fileName, text);
      case 'llama-cpp-python':
        return parseLlamaCppPython(fileName, text);
      default:
        return { configs: [], diagnostics: [] };
    }
  } catch (err) {
    return internalError(err);
  }
}

/** A reader bug must not take the editor down; say so on one line. */
function internalError(err: unknown): ParseResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    configs: [],
    diagnostics: [diag('error', 'config.internal-error', `Model Fit could not read this file: ${message}`, EMPTY_RANGE)],
  };
}
