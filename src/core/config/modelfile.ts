// Ollama Modelfile reader: FROM / PARAMETER / ADAPTER … → one RunConfig with exact value ranges.
// Follows ollama/ollama parser/parser.go: case-insensitive instructions, `#` comments at the start of a
// command, values to the end of the line or inside "…" / """…""" (which may span lines).
import type { ConfigDiagnostic, ParseResult, RunConfig, RunSettings, SettingKey, SourceRange } from '../types';
import { OLLAMA_DEFAULT_NUM_CTX, OLLAMA_DEPRECATED_PARAMS, OLLAMA_PARAMS, parseGoBool } from './ollamaParams';
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
  const reader = new ModelfileReader(text);
  reader.readAll();
  const { froms, diagnostics, idx } = reader;
  if (!froms.length) {
    diagnostics.push(
      diag('error', 'modelfile.missing-from', 'No FROM instruction: a Modelfile must name its base model', idx.lineRange(0)),
    );
    return { configs: [], diagnostics };
  }
  return { configs: [runConfigOf(fileName, reader, froms[froms.length - 1])], diagnostics };
}

const isSpace = (c: string) => c === ' ' || c === '\t';
const isNl = (c: string) => c === '\n' || c === '\r';

/** One pass over a Modelfile; `i` is the read position, the rest is what has been read so far. */
class ModelfileReader {
  readonly idx: LineIndex;
  readonly diagnostics: ConfigDiagnostic[] = [];
  readonly settings: RunSettings = {};
  readonly ranges: Partial<Record<SettingKey, SourceRange>> = {};
  readonly froms: Value[] = [];
  readonly lora: string[] = [];
  private readonly n: number;
  private i = 0;

  constructor(private readonly text: string) {
    this.idx = new LineIndex(text);
    this.n = text.length;
  }

  readAll(): void {
    const { text, n } = this;
    while (this.i < n) {
      const c = text[this.i];
      if (isSpace(c) || isNl(c) || c === '\uFEFF') {
        this.i++;
        continue;
      }
      if (c === '#') {
        this.skipLine();
        continue;
      }
      if (!this.readInstruction()) break;
    }
  }

  /** One instruction and its value; false when an unterminated quote ends the file. */
  private readInstruction(): boolean {
    const { text, n, idx } = this;
    const word = this.wordAt(/[A-Za-z]/);
    const name = word.text.toLowerCase();
    if (!word.text || (this.i < n && !isSpace(text[this.i]) && !isNl(text[this.i])) || !INSTRUCTIONS.has(name)) {
      this.reportUnknownInstruction(word.start);
      return true;
    }
    let param: Value | undefined;
    if (name === 'parameter' || name === 'message') {
      while (this.i < n && isSpace(text[this.i])) this.i++;
      param = this.wordAt(name === 'parameter' ? /[A-Za-z0-9_]/ : /[A-Za-z]/);
    }
    const value = this.readValue();
    if (value === undefined) return false;
    if (value === 'eof' || (param && !param.text)) {
      this.diagnostics.push(
        diag('error', 'modelfile.missing-value', `${word.text.toUpperCase()} needs a value`, idx.lineRange(word.start)),
      );
      return true;
    }
    this.applyInstruction(name, param, value);
    return true;
  }

  /** Reports the whole first token of the line, then skips the line. */
  private reportUnknownInstruction(start: number): void {
    const { text, n } = this;
    while (this.i < n && !isSpace(text[this.i]) && !isNl(text[this.i])) this.i++;
    const shown = text.slice(start, Math.min(this.i, start + 40));
    this.diagnostics.push(
      diag(
        'error',
        'modelfile.unknown-instruction',
        `Unknown instruction "${shown}": expected FROM, PARAMETER, TEMPLATE, SYSTEM, ADAPTER, LICENSE, MESSAGE or REQUIRES`,
        this.idx.range(start, this.i),
      ),
    );
    this.skipLine();
  }

  private applyInstruction(name: string, param: Value | undefined, value: Value): void {
    const { idx, froms } = this;
    switch (name) {
      case 'from':
        if (froms.length) {
          this.diagnostics.push(
            diag(
              'warning',
              'modelfile.duplicate-from',
              `Duplicate FROM: the model is already set to "${froms[froms.length - 1].text}"; the last FROM is used`,
              idx.range(value.start, value.end),
            ),
          );
        }
        froms.push(value);
        break;
      case 'adapter':
        this.lora.push(value.text);
        this.ranges.lora = idx.range(value.start, value.end);
        break;
      case 'message':
        if (!MESSAGE_ROLES.has(param!.text)) {
          this.diagnostics.push(
            diag(
              'error',
              'modelfile.bad-role',
              `MESSAGE role must be system, user or assistant, not "${param!.text}"`,
              idx.range(param!.start, param!.end),
            ),
          );
        }
        break;
      case 'parameter':
        this.applyParameter(param!, value);
        break;
      default:
        break;
    }
  }

  private skipLine(): void {
    while (this.i < this.n && this.text[this.i] !== '\n') this.i++;
  }

  private wordAt(re: RegExp): Value {
    const start = this.i;
    while (this.i < this.n && re.test(this.text[this.i])) this.i++;
    return { text: this.text.slice(start, this.i), start, end: this.i };
  }

  /** The value after an instruction; undefined after reporting an unterminated quote (parsing stops). */
  private readValue(): Value | undefined | 'eof' {
    const { text, n } = this;
    while (this.i < n && isSpace(text[this.i])) this.i++;
    if (text.startsWith('"""', this.i)) return this.readQuoted('"""');
    if (text[this.i] === '"') return this.readQuoted('"');
    const start = this.i;
    while (this.i < n && !isNl(text[this.i])) this.i++;
    let end = this.i;
    while (end > start && isSpace(text[end - 1])) end--;
    this.skipLine();
    if (end === start) return 'eof';
    return { text: text.slice(start, end), start, end };
  }

  /** A "…" or """…""" value starting at `i`; the rest of its last line is ignored. */
  private readQuoted(quote: '"' | '"""'): Value | undefined {
    const open = this.i;
    const close = this.text.indexOf(quote, open + quote.length);
    if (close < 0) {
      this.diagnostics.push(
        diag(
          'error',
          'modelfile.unterminated-string',
          `Unterminated ${quote} string: no closing ${quote}`,
          this.idx.range(open, open + quote.length),
        ),
      );
      this.i = this.n;
      return undefined;
    }
    const v = { text: this.text.slice(open + quote.length, close), start: open + quote.length, end: close };
    this.i = close + quote.length;
    this.skipLine();
    return v;
  }

  private applyParameter(p: Value, v: Value): void {
    const { idx, diagnostics } = this;
    const key = p.text.toLowerCase();
    const range = idx.range(v.start, v.end);
    if (OLLAMA_DEPRECATED_PARAMS.has(key)) {
      diagnostics.push(
        diag(
          'warning',
          'modelfile.deprecated-parameter',
          `PARAMETER ${key} is deprecated and ignored by Ollama`,
          idx.range(p.start, p.end),
        ),
      );
      return;
    }
    const type = OLLAMA_PARAMS.get(key);
    if (!type) {
      diagnostics.push(
        diag(
          'error',
          'modelfile.unknown-parameter',
          `Unknown parameter "${p.text}": Ollama refuses to create this model`,
          idx.range(p.start, p.end),
        ),
      );
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
      diagnostics.push(
        diag(
          'error',
          'modelfile.bad-value',
          `${key} must be ${type === 'int' ? 'a whole number' : 'a number'}, not "${raw.slice(0, 40)}"`,
          range,
        ),
      );
      return;
    }
    this.applyNumericParameter(key, num, range);
  }

  /** The numeric parameters that change memory or speed; the others are only checked. */
  private applyNumericParameter(key: string, num: number, range: SourceRange): void {
    const { settings, ranges, diagnostics } = this;
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
          diagnostics.push(
            diag('warning', 'modelfile.bad-value', `num_batch ${num} is ignored: Ollama only passes a positive batch size`, range),
          );
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
}

/** The Modelfile's one run: the last FROM, the settings read, and Ollama's defaults for the rest. */
function runConfigOf(fileName: string, reader: ModelfileReader, from: Value): RunConfig {
  const { settings, ranges, idx, lora } = reader;
  ranges.model = idx.range(from.start, from.end);
  const defaultsApplied = ollamaDefaultsInWords(settings);
  if (lora.length) settings.lora = lora;
  return {
    label: `FROM ${from.text}`,
    runtime: 'ollama',
    modelRef: from.text,
    baseDir: dirOf(fileName),
    settings,
    ranges,
    defaultsApplied,
    range: idx.lineRange(from.start),
  };
}

/** Sets parallel to Ollama's 1 and says in words what the server will pick for what the file leaves out. */
function ollamaDefaultsInWords(settings: RunSettings): string[] {
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
  return defaultsApplied;
}
