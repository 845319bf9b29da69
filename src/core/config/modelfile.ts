// Ollama Modelfile reader: FROM / PARAMETER / ADAPTER … → one RunConfig with exact value ranges.
// Follows ollama/ollama parser/parser.go: case-insensitive instructions, `#` comments at the start of a
// command, values to the end of the line or inside "…" / """…""" (which may span lines).
import type { ConfigDiagnostic, ParseResult, RunConfig, RunSettings, SettingKey, SourceRange } from '../types';
import {
  OLLAMA_DEFAULT_NUM_CTX, OLLAMA_DEPRECATED_PARAMS, OLLAMA_PARAMS, parseGoBool,
} from './ollamaParams';
import { MESSAGE_ROLES as MESSAGE_ROLE_NAMES, MODELFILE_INSTRUCTIONS } from '../data/ollamaModelfile';
import { diag, dirOf, LineIndex, parseFloatStrict, parseIntStrict, rejectInput } from './text';

const INSTRUCTIONS = new Set(MODELFILE_INSTRUCTIONS.map((ins) => ins.name.toLowerCase()));
const MESSAGE_ROLES = new Set(MESSAGE_ROLE_NAMES);

interface Value {
  text: string;
  start: number;
  end: number;
}

export function parseModelfile(fileName: string, text: string): ParseResult {
  const rejected = rejectInput(text, 'modelfile');
  if (rejected) return { configs: [], diagnostics: [rejected] };
  const idx = new LineIndex(text);
  const diagnostics: ConfigDiagnostic[] = [];
  const settings: RunSettings = {};
  const ranges: Partial<Record<SettingKey, SourceRange>> = {};
  const froms: Value[] = [];
  const lora: string[] = [];
  const n = text.length;
  let i = 0;

  const isSpace = (c: string) => c === ' ' || c === '\t';
  const isNl = (c: string) => c === '\n' || c === '\r';
  const skipLine = () => { while (i < n && text[i] !== '\n') i++; };
  const wordAt = (re: RegExp): Value => {
    const start = i;
    while (i < n && re.test(text[i])) i++;
    return { text: text.slice(start, i), start, end: i };
  };

  /** The value after an instruction; undefined after reporting an unterminated quote (parsing stops). */
  const readValue = (): Value | undefined | 'eof' => {
    while (i < n && isSpace(text[i])) i++;
    if (text.startsWith('"""', i)) {
      const close = text.indexOf('"""', i + 3);
      if (close < 0) {
        diagnostics.push(diag('error', 'modelfile.unterminated-string', 'Unterminated """ string: no closing """', idx.range(i, i + 3)));
        i = n;
        return undefined;
      }
      const v = { text: text.slice(i + 3, close), start: i + 3, end: close };
      i = close + 3;
      skipLine();
      return v;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        diagnostics.push(diag('error', 'modelfile.unterminated-string', 'Unterminated " string: no closing "', idx.range(i, i + 1)));
        i = n;
        return undefined;
      }
      const v = { text: text.slice(i + 1, close), start: i + 1, end: close };
      i = close + 1;
      skipLine();
      return v;
    }
    const start = i;
    while (i < n && !isNl(text[i])) i++;
    let end = i;
    while (end > start && isSpace(text[end - 1])) end--;
    skipLine();
    if (end === start) return 'eof';
    return { text: text.slice(start, end), start, end };
  };

  while (i < n) {
    const c = text[i];
    if (isSpace(c) || isNl(c) || c === '\uFEFF') { i++; continue; }
    if (c === '#') { skipLine(); continue; }
    const word = wordAt(/[A-Za-z]/);
    const name = word.text.toLowerCase();
    if (!word.text || (i < n && !isSpace(text[i]) && !isNl(text[i])) || !INSTRUCTIONS.has(name)) {
      // Report the whole first token of the line.
      const start = word.start;
      while (i < n && !isSpace(text[i]) && !isNl(text[i])) i++;
      const shown = text.slice(start, Math.min(i, start + 40));
      diagnostics.push(diag('error', 'modelfile.unknown-instruction',
        `Unknown instruction "${shown}": expected FROM, PARAMETER, TEMPLATE, SYSTEM, ADAPTER, LICENSE, MESSAGE or REQUIRES`,
        idx.range(start, i)));
      skipLine();
      continue;
    }
    let param: Value | undefined;
    if (name === 'parameter' || name === 'message') {
      while (i < n && isSpace(text[i])) i++;
      param = wordAt(name === 'parameter' ? /[A-Za-z0-9_]/ : /[A-Za-z]/);
    }
    const value = readValue();
    if (value === undefined) break;
    if (value === 'eof' || (param && !param.text)) {
      diagnostics.push(diag('error', 'modelfile.missing-value', `${word.text.toUpperCase()} needs a value`, idx.lineRange(word.start)));
      continue;
    }
    switch (name) {
      case 'from':
        if (froms.length) {
          diagnostics.push(diag('warning', 'modelfile.duplicate-from',
            `Duplicate FROM: the model is already set to "${froms[froms.length - 1].text}"; the last FROM is used`, idx.range(value.start, value.end)));
        }
        froms.push(value);
        break;
      case 'adapter':
        lora.push(value.text);
        ranges.lora = idx.range(value.start, value.end);
        break;
      case 'message':
        if (!MESSAGE_ROLES.has(param!.text)) {
          diagnostics.push(diag('error', 'modelfile.bad-role', `MESSAGE role must be system, user or assistant, not "${param!.text}"`,
            idx.range(param!.start, param!.end)));
        }
        break;
      case 'parameter':
        applyParameter(param!, value);
        break;
      default:
        break;
    }
  }

  function applyParameter(p: Value, v: Value): void {
    const key = p.text.toLowerCase();
    const range = idx.range(v.start, v.end);
    if (OLLAMA_DEPRECATED_PARAMS.has(key)) {
      diagnostics.push(diag('warning', 'modelfile.deprecated-parameter', `PARAMETER ${key} is deprecated and ignored by Ollama`,
        idx.range(p.start, p.end)));
      return;
    }
    const type = OLLAMA_PARAMS.get(key);
    if (!type) {
      diagnostics.push(diag('error', 'modelfile.unknown-parameter', `Unknown parameter "${p.text}": Ollama refuses to create this model`,
        idx.range(p.start, p.end)));
      return;
    }
    const raw = v.text.trim();
    let num: number | undefined;
    if (type === 'int') num = parseIntStrict(raw);
    else if (type === 'float') num = parseFloatStrict(raw);
    else if (type === 'bool') {
      if (parseGoBool(raw) === undefined) {
        diagnostics.push(diag('error', 'modelfile.bad-value', `${key} must be true or false, not "${raw}"`, range));
      }
      return;
    } else return;
    if (num === undefined) {
      diagnostics.push(diag('error', 'modelfile.bad-value',
        `${key} must be ${type === 'int' ? 'a whole number' : 'a number'}, not "${raw.slice(0, 40)}"`, range));
      return;
    }
    switch (key) {
      case 'num_ctx':
        if (num < 1) {
          diagnostics.push(diag('error', 'modelfile.bad-value', `num_ctx must be at least 1, not ${num}`, range));
          return;
        }
        settings.ctx = num;
        ranges.ctx = range;
        break;
      case 'num_gpu':
        // Ollama: -1 (its default) means "decide from free VRAM"; other negatives are treated alike.
        settings.ngl = num < 0 ? 'auto' : num;
        ranges.ngl = range;
        break;
      case 'num_batch':
        if (num < 1) {
          diagnostics.push(diag('warning', 'modelfile.bad-value', `num_batch ${num} is ignored: Ollama only passes a positive batch size`, range));
          return;
        }
        // Ollama passes num_batch to llama-server as both -b and -ub.
        settings.batch = num;
        settings.ubatch = num;
        ranges.batch = range;
        ranges.ubatch = range;
        break;
      case 'num_thread':
        if (num > 0) {
          settings.threads = num;
          ranges.threads = range;
        }
        break;
      default:
        break;
    }
  }

  if (!froms.length) {
    diagnostics.push(diag('error', 'modelfile.missing-from', 'No FROM instruction: a Modelfile must name its base model', idx.lineRange(0)));
    return { configs: [], diagnostics };
  }
  const from = froms[froms.length - 1];
  ranges.model = idx.range(from.start, from.end);
  // Defaults that depend on the server or on the pulled model (its params layer) are filled in by the
  // resolver (settingsFromModel); here they are only said in words.
  const defaultsApplied: string[] = [];
  if (settings.ctx === undefined) {
    defaultsApplied.push(
      `num_ctx: the model's own PARAMETER num_ctx, else OLLAMA_CONTEXT_LENGTH, else Ollama's default ${OLLAMA_DEFAULT_NUM_CTX} (newer Ollama raises it to 32768 with ≥ 24 GiB of VRAM and 262144 with ≥ 48 GiB; capped at the trained context)`,
    );
  }
  settings.parallel = 1;
  defaultsApplied.push('parallel: 1 (OLLAMA_NUM_PARALLEL default; Ollama allocates num_ctx × parallel KV cells)');
  if (settings.ngl === undefined) defaultsApplied.push('num_gpu: Ollama fits as many layers as free VRAM allows');
  if (settings.batch === undefined) {
    defaultsApplied.push(`num_batch: Ollama picks 512 up to num_ctx 4096, 1024 up to 32768, 2048 above (lower when VRAM is tight)`);
  }
  defaultsApplied.push('flash attention: set by the server (OLLAMA_FLASH_ATTENTION), auto where the GPU supports it');
  defaultsApplied.push('KV cache type: set by the server (OLLAMA_KV_CACHE_TYPE), default f16');
  if (lora.length) settings.lora = lora;
  const config: RunConfig = {
    label: `FROM ${from.text}`,
    runtime: 'ollama',
    modelRef: from.text,
    baseDir: dirOf(fileName),
    settings,
    ranges,
    defaultsApplied,
    range: idx.lineRange(from.start),
  };
  return { configs: [config], diagnostics };
}
