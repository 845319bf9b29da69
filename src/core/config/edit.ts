// Writing settings into a config file in its own syntax. Each format gets the ways a setting can be written
// next to the model reference; the caller applies each, re-reads the file and keeps the first that reads back
// as intended (so `-c N` never lands inside a quoted list item or a JSON string).
import type { RunConfig, RunSettings, SourceRange, TextEdit } from '../types';
import type { ConfigFormat } from './index';

/** Settings a quick fix can write. */
export type EditableSettings = Pick<RunSettings, 'ctx' | 'ngl' | 'cacheTypeK' | 'cacheTypeV' | 'nCpuMoe' | 'flashAttn'>;
type Key = keyof EditableSettings;

const LLAMA_FLAGS: Record<Key, string> = {
  ctx: '-c',
  ngl: '-ngl',
  cacheTypeK: '-ctk',
  cacheTypeV: '-ctv',
  nCpuMoe: '--n-cpu-moe',
  flashAttn: '-fa',
};
const INI_KEYS: Record<Key, string> = {
  ctx: 'ctx-size',
  ngl: 'n-gpu-layers',
  cacheTypeK: 'cache-type-k',
  cacheTypeV: 'cache-type-v',
  nCpuMoe: 'n-cpu-moe',
  flashAttn: 'flash-attn',
};
const MODELFILE_PARAMS: Partial<Record<Key, string>> = { ctx: 'num_ctx', ngl: 'num_gpu' };
const JSON_KEYS: Partial<Record<Key, string>> = {
  ctx: 'n_ctx',
  ngl: 'n_gpu_layers',
  cacheTypeK: 'type_k',
  cacheTypeV: 'type_v',
  flashAttn: 'flash_attn',
};
/** llama-cpp-python takes KV cache types as ggml type ids (ggml.h enum ggml_type). */
const GGML_TYPE_IDS: Record<string, number> = { f32: 0, f16: 1, q4_0: 2, q4_1: 3, q5_0: 6, q5_1: 7, q8_0: 8, bf16: 30 };

/** The setting's name in this format, for fix titles ("num_ctx", "-c", "ctx-size", "n_ctx"). */
export function settingName(format: ConfigFormat | string | undefined, key: Key): string {
  switch (format) {
    case 'modelfile':
      return MODELFILE_PARAMS[key] ?? key;
    case 'preset-ini':
      return INI_KEYS[key];
    case 'llama-cpp-python':
      return JSON_KEYS[key] ?? key;
    default:
      return LLAMA_FLAGS[key];
  }
}

/** Whether this format can carry the setting at all (a Modelfile has no KV cache type: Ollama sets it server-wide). */
export function canWrite(format: ConfigFormat | string | undefined, key: Key): boolean {
  switch (format) {
    case 'modelfile':
      return key in MODELFILE_PARAMS;
    case 'llama-cpp-python':
      return key in JSON_KEYS;
    case 'preset-ini':
    case 'llama-swap':
    case 'command-line':
      return true;
    default:
      return false;
  }
}

function valueText(format: string | undefined, key: Key, value: EditableSettings[Key]): string {
  if (format === 'llama-cpp-python') {
    if (key === 'cacheTypeK' || key === 'cacheTypeV') return String(GGML_TYPE_IDS[String(value)] ?? value);
    if (key === 'flashAttn') return value === 'on' ? 'true' : 'false';
  }
  return String(value);
}

function point(line: number, col: number): SourceRange {
  return { startLine: line, startCol: col, endLine: line, endCol: col };
}

/** Where and how the settings the file does not have yet can be inserted: one renderer per way. */
function insertions(format: string | undefined, lines: string[], model: SourceRange): Array<(pairs: Array<[string, string]>) => TextEdit> {
  const line = lines[model.endLine] ?? '';
  const cr = line.endsWith('\r');
  const eol = cr ? line.length - 1 : line.length;
  const nl = cr ? '\r\n' : '\n';
  const after = line[model.endCol];
  const quote = after === '"' || after === "'" ? after : undefined;
  switch (format) {
    case 'modelfile':
      return [(pairs) => ({ range: point(model.endLine, eol), newText: pairs.map(([k, v]) => `${nl}PARAMETER ${k} ${v}`).join('') })];
    case 'preset-ini':
      return [(pairs) => ({ range: point(model.endLine, eol), newText: pairs.map(([k, v]) => `${nl}${k} = ${v}`).join('') })];
    case 'llama-cpp-python':
      if (after !== '"') return [];
      return [(pairs) => ({ range: point(model.endLine, model.endCol + 1), newText: pairs.map(([k, v]) => `, "${k}": ${v}`).join('') })];
    case 'command-line':
    case 'llama-swap': {
      const words = (pairs: Array<[string, string]>) => pairs.flatMap(([k, v]) => [k, v]);
      const out: Array<(pairs: Array<[string, string]>) => TextEdit> = [
        // A word of a shell line or of a whole-command string (YAML scalar, block scalar).
        (pairs) => ({
          range: point(model.endLine, model.endCol),
          newText: words(pairs)
            .map((w) => ` ${w}`)
            .join(''),
        }),
      ];
      if (quote) {
        const q = quote;
        // A quoted shell word: after its closing quote.
        out.push((pairs) => ({
          range: point(model.endLine, model.endCol + 1),
          newText: words(pairs)
            .map((w) => ` ${w}`)
            .join(''),
        }));
        // An item of a JSON / YAML flow list (exec-form CMD, compose command: [...]).
        out.push((pairs) => ({
          range: point(model.endLine, model.endCol + 1),
          newText: words(pairs)
            .map((w) => `, ${q}${w}${q}`)
            .join(''),
        }));
      } else {
        out.push((pairs) => ({
          range: point(model.endLine, model.endCol),
          newText: words(pairs)
            .map((w) => `, ${w}`)
            .join(''),
        }));
      }
      // An item of a YAML block list (`- /models/x.gguf`): new items below, in the same style.
      const item = /^(\s*-\s+)(["']?)/.exec(line);
      if (item) {
        const [, lead, q] = item;
        out.push((pairs) => ({
          range: point(model.endLine, eol),
          newText: words(pairs)
            .map((w) => `${nl}${lead}${q}${w}${q}`)
            .join(''),
        }));
      }
      return out;
    }
    default:
      return [];
  }
}

/**
 * The ways to write these settings into the file, best guess first: values the file already has are replaced
 * where they are written; the others are inserted after the model reference. Empty when the format cannot
 * carry one of them or there is no model reference to anchor on.
 */
export function settingEditVariants(
  format: ConfigFormat | string | undefined,
  lines: string[],
  config: RunConfig,
  values: EditableSettings,
): TextEdit[][] {
  const keys = (Object.keys(values) as Key[]).filter((k) => values[k] !== undefined);
  if (!keys.length || keys.some((k) => !canWrite(format, k))) return [];
  const replace: TextEdit[] = [];
  const missing: Array<[string, string]> = [];
  for (const k of keys) {
    const text = valueText(format, k, values[k]);
    const at = config.ranges[k];
    if (at) replace.push({ range: at, newText: text });
    else missing.push([settingName(format, k), text]);
  }
  if (!missing.length) return [replace];
  const model = config.ranges.model;
  if (!model) return [];
  return insertions(format, lines, model).map((render) => [...replace, render(missing)]);
}
