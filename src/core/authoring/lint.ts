// Authoring lint for Modelfiles (and file paths in llama.cpp configs): each finding has a rule code from
// lintRules.ts and, where the fix is certain, a quick fix. Pure apart from the `exists` check on paths.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { parseConfigFile } from '../config';
import { parseGoBool } from '../config/ollamaParams';
import { dirOf, LineIndex, parseFloatStrict, parseIntStrict } from '../config/text';
import {
  MESSAGE_ROLES,
  MODELFILE_INSTRUCTIONS,
  OLLAMA_DEPRECATED_PARAMETERS,
  OLLAMA_PARAMETERS,
  modelfileInstruction,
  ollamaParameter,
} from '../data/ollamaModelfile';
import type { FitDiagnostic, QuickFix, RunConfig, SourceRange } from '../types';
import { didYouMean } from './didYouMean';
import { LINT_RULES } from './lintRules';
import { scanModelfile, type ModelfileCommand, type ModelfileScan, type ModelfileValue, type Span } from './modelfileScan';
import { checkTemplate } from './template';

export interface LintOptions {
  /** Does this absolute path exist? Defaults to the file system. */
  exists?: (path: string) => boolean;
  env?: Record<string, string | undefined>;
}

/** Findings per file: past this the file is not a Modelfile being written, and more would only cost time. */
export const MAX_FINDINGS = 1000;

const INSTRUCTION_NAMES = MODELFILE_INSTRUCTIONS.map((i) => i.name);
const PARAMETER_NAMES = OLLAMA_PARAMETERS.map((p) => p.name);
const DEPRECATED = new Set(OLLAMA_DEPRECATED_PARAMETERS.map((p) => p.name));

function defaultExists(path: string): boolean {
  try {
    fs.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** FROM / ADAPTER values Ollama reads as file paths rather than model names. */
export function looksLikeLocalPath(value: string): boolean {
  return /^(\.{1,2}[/\\]|[/\\]|~[/\\]|[A-Za-z]:[/\\])/.test(value) || /\.(gguf|safetensors|bin)$/i.test(value);
}

/** A path as Ollama resolves it: ~ to the home directory, relative to the Modelfile's directory. */
export function resolveFromFile(fileName: string, value: string, env: Record<string, string | undefined> = process.env): string {
  const home = env.HOME || env.USERPROFILE || '';
  const p = value.startsWith('~') && home ? nodePath.join(home, value.slice(1)) : value;
  return nodePath.isAbsolute(p) || /^[A-Za-z]:[/\\]/.test(p) ? p : nodePath.join(dirOf(fileName), p);
}

type Duplicate = { key: string; earlier: ModelfileCommand; later: ModelfileCommand };

/** One Modelfile being linted: its findings so far, and the helpers that build them with ranges and quick fixes. */
class ModelfileLint {
  readonly out: FitDiagnostic[] = [];
  readonly idx: LineIndex;
  readonly exists: (path: string) => boolean;
  /** did-you-mean answers, cached: a file repeating one typo pays for it once. */
  private readonly guesses = new Map<string, string | undefined>();

  constructor(
    readonly fileName: string,
    readonly text: string,
    readonly opts: LintOptions,
  ) {
    this.idx = new LineIndex(text);
    this.exists = opts.exists ?? defaultExists;
  }

  range(s: { start: number; end: number }): SourceRange {
    return this.idx.range(s.start, s.end);
  }

  report(code: string, message: string, r: SourceRange, fixes: QuickFix[] = []): void {
    this.out.push({ severity: LINT_RULES[code]?.severity ?? 'warning', code, message, range: r, fixes });
  }

  replace(title: string, s: Span, newText: string, preferred = true): QuickFix {
    return { title, kind: 'fix.lint', preferred, edits: [{ range: this.range(s), newText }] };
  }

  removeLine(title: string, c: ModelfileCommand): QuickFix {
    return { title, kind: 'fix.lint', edits: [{ range: this.idx.range(c.lineStart, c.end), newText: '' }] };
  }

  lineOf(c: ModelfileCommand): number {
    return this.idx.position(c.word.start).line + 1;
  }

  guess(word: string, candidates: readonly string[]): string | undefined {
    const key = `${candidates === PARAMETER_NAMES ? 'p' : 'i'}:${word}`;
    if (!this.guesses.has(key)) this.guesses.set(key, didYouMean(word, candidates));
    return this.guesses.get(key);
  }
}

function checkPath(l: ModelfileLint, c: ModelfileCommand, what: string, alwaysPath = false): void {
  const v = c.value!;
  if (!alwaysPath && !looksLikeLocalPath(v.text)) return;
  const abs = resolveFromFile(l.fileName, v.text, l.opts.env);
  if (!l.exists(abs))
    l.report('modelfile.missing-file', `${what} ${v.text.slice(0, 80)}: no such file or directory (${abs.slice(0, 200)})`, l.range(v));
}

function checkRole(l: ModelfileLint, c: ModelfileCommand): void {
  const role = c.arg!;
  if (MESSAGE_ROLES.includes(role.text)) return;
  const guess = MESSAGE_ROLES.includes(role.text.toLowerCase()) ? role.text.toLowerCase() : didYouMean(role.text, MESSAGE_ROLES);
  l.report(
    'modelfile.bad-role',
    `MESSAGE role must be system, user or assistant, not "${role.text.slice(0, 30)}"${guess ? `: did you mean ${guess}?` : ''}`,
    l.range(role),
    guess ? [l.replace(`Change to ${guess}`, role, guess)] : [],
  );
}

type OllamaParameter = NonNullable<ReturnType<typeof ollamaParameter>>;

/** An unquoted stop value loses its trailing blanks. */
function checkStopValue(l: ModelfileLint, p: OllamaParameter, v: ModelfileValue): void {
  if (p.name === 'stop' && v.quote === '' && v.rawEnd > v.end) {
    l.report(
      'modelfile.stop-needs-quotes',
      'Unquoted stop value ends in blanks that Ollama trims away: quote it to keep them',
      l.idx.range(v.start, v.rawEnd),
      [l.replace('Quote the stop sequence', { text: '', start: v.start, end: v.rawEnd }, `"${l.text.slice(v.start, v.rawEnd)}"`)],
    );
  }
}

function checkBoolValue(l: ModelfileLint, p: OllamaParameter, v: ModelfileValue, raw: string): void {
  if (parseGoBool(raw) !== undefined) return;
  const lower = raw.toLowerCase();
  const fix = ['yes', 'on', 'enabled'].includes(lower) ? 'true' : ['no', 'off', 'disabled'].includes(lower) ? 'false' : undefined;
  l.report(
    'modelfile.bad-value',
    `${p.name} must be true or false, not "${raw.slice(0, 40)}"`,
    l.range(v),
    fix ? [l.replace(`Change to ${fix}`, v, fix)] : [],
  );
}

/** A number parameter: parses, within its bounds, not a value Ollama treats as legacy. */
function checkNumberValue(l: ModelfileLint, c: ModelfileCommand, p: OllamaParameter, v: ModelfileValue, raw: string): void {
  const num = p.type === 'int' ? parseIntStrict(raw) : parseFloatStrict(raw);
  if (num === undefined) {
    const asFloat = parseFloatStrict(raw);
    const fixes =
      p.type === 'int' && asFloat !== undefined ? [l.replace(`Change to ${Math.round(asFloat)}`, v, String(Math.round(asFloat)))] : [];
    l.report(
      'modelfile.bad-value',
      `${p.name} must be ${p.type === 'int' ? 'a whole number' : 'a number'}, not "${raw.slice(0, 40)}"`,
      l.range(v),
      fixes,
    );
    return;
  }
  if ((p.min !== undefined && num < p.min) || (p.max !== undefined && num > p.max)) {
    const bounds = p.max !== undefined ? `between ${p.min ?? '-∞'} and ${p.max}` : `at least ${p.min}`;
    l.report('modelfile.out-of-range', `${p.name} must be ${bounds}, not ${raw}`, l.range(v));
    return;
  }
  const legacy = p.legacyValues?.find((x) => x.value === num);
  if (legacy) {
    l.report('modelfile.legacy-value', `${p.name} ${raw}: ${legacy.why}`, l.range(v), [
      l.removeLine(`Remove PARAMETER ${p.name} (use Ollama's default)`, c),
    ]);
  }
}

function checkParameter(l: ModelfileLint, c: ModelfileCommand): void {
  const pName = c.arg!;
  const v = c.value!;
  const key = pName.text.toLowerCase();
  if (DEPRECATED.has(key)) {
    l.report('modelfile.deprecated-parameter', `PARAMETER ${key} is deprecated: Ollama accepts it and ignores it`, l.range(pName), [
      l.removeLine(`Remove PARAMETER ${key}`, c),
    ]);
    return;
  }
  const p = ollamaParameter(key);
  if (!p) {
    const guessed = l.guess(key, PARAMETER_NAMES);
    l.report(
      'modelfile.unknown-parameter',
      `Unknown parameter "${pName.text.slice(0, 40)}": Ollama refuses to create this model${guessed ? `; did you mean ${guessed}?` : ''}`,
      l.range(pName),
      guessed ? [l.replace(`Change to ${guessed}`, pName, guessed)] : [],
    );
    return;
  }
  const raw = v.text.trim();
  if (p.type === 'string') checkStopValue(l, p, v);
  else if (p.type === 'bool') checkBoolValue(l, p, v, raw);
  else checkNumberValue(l, c, p, v, raw);
}

/** The checks of one known instruction that has its value. */
function checkInstruction(l: ModelfileLint, c: ModelfileCommand, name: string): void {
  switch (name) {
    case 'from':
      checkPath(l, c, 'FROM');
      break;
    case 'adapter':
    case 'draft':
      checkPath(l, c, name.toUpperCase(), name === 'adapter');
      break;
    case 'message':
      checkRole(l, c);
      break;
    case 'template':
      for (const p of checkTemplate(c.value!.text)) {
        l.report('modelfile.template-unbalanced', `TEMPLATE: ${p.message}`, l.idx.range(c.value!.start + p.start, c.value!.start + p.end));
      }
      break;
    case 'parameter':
      checkParameter(l, c);
      break;
    default:
      break;
  }
}

/** The key a command sets, when setting it twice overrides the first (FROM, most parameters); undefined when it may repeat. */
function overridingKey(c: ModelfileCommand, name: string): string | undefined {
  if (name === 'parameter') {
    const param = ollamaParameter(c.arg!.text);
    return !param || param.repeatable === true ? undefined : `parameter ${c.arg!.text.toLowerCase()}`;
  }
  return modelfileInstruction(name)?.repeatable !== false ? undefined : name;
}

/** Every command's own checks; gives back whether a FROM was seen and the commands that override an earlier one. */
function checkCommands(l: ModelfileLint, scan: ModelfileScan): { sawFrom: boolean; duplicates: Duplicate[] } {
  const lastByKey = new Map<string, ModelfileCommand>();
  const duplicates: Duplicate[] = [];
  let sawFrom = false;
  for (const c of scan.commands) {
    if (l.out.length >= MAX_FINDINGS) break;
    const name = c.word.text.toLowerCase();
    if (!c.known) {
      const guessed = l.guess(c.word.text.replace(/[^A-Za-z]+$/, ''), INSTRUCTION_NAMES);
      l.report(
        'modelfile.unknown-instruction',
        `Unknown instruction "${c.word.text.slice(0, 40)}"${guessed ? `: did you mean ${guessed}?` : ''}`,
        l.range(c.word),
        guessed ? [l.replace(`Change to ${guessed}`, c.word, guessed)] : [],
      );
      continue;
    }
    if (name === 'from') sawFrom = true;
    if (!c.value || (c.arg && !c.arg.text)) {
      // The last command of a file cut by an unterminated string gets that finding instead.
      if (c !== scan.commands[scan.commands.length - 1] || scan.unterminatedAt === undefined) {
        l.report('modelfile.missing-value', `${c.word.text.toUpperCase()} needs a value`, l.idx.lineRange(c.word.start));
      }
      continue;
    }
    checkInstruction(l, c, name);
    const key = overridingKey(c, name);
    if (key !== undefined) {
      const earlier = lastByKey.get(key);
      if (earlier) duplicates.push({ key, earlier, later: c });
      lastByKey.set(key, c);
    }
  }
  return { sawFrom, duplicates };
}

function reportDuplicates(l: ModelfileLint, duplicates: Duplicate[]): void {
  for (const { key, earlier, later } of duplicates.slice(0, MAX_FINDINGS)) {
    const target = earlier.arg ?? earlier.word;
    const shown = key.startsWith('parameter ') ? `PARAMETER ${key.slice(10)}` : key.toUpperCase();
    const fix = l.removeLine(`Remove the ${shown} on line ${l.lineOf(earlier)}`, earlier);
    if (key === 'from') {
      l.report(
        'modelfile.duplicate-from',
        `Duplicate FROM: line ${l.lineOf(later)} sets the model again and the last FROM is used`,
        l.range(earlier.value ?? target),
        [fix],
      );
    } else if (key.startsWith('parameter ')) {
      const p = key.slice('parameter '.length);
      l.report(
        'modelfile.duplicate-parameter',
        `${p} is set again on line ${l.lineOf(later)}; this value (${earlier.value!.text.slice(0, 30)}) is overridden`,
        l.range(target),
        [fix],
      );
    } else {
      l.report(
        'modelfile.duplicate-instruction',
        `${key.toUpperCase()} is given again on line ${l.lineOf(later)}; this one is overridden`,
        l.range(earlier.word),
        [fix],
      );
    }
  }
}

export function lintModelfile(fileName: string, text: string, opts: LintOptions = {}): FitDiagnostic[] {
  const l = new ModelfileLint(fileName, text, opts);
  const scan = scanModelfile(text);
  const { sawFrom, duplicates } = checkCommands(l, scan);
  reportDuplicates(l, duplicates);
  if (scan.unterminatedAt !== undefined) {
    const q = text.startsWith('"""', scan.unterminatedAt) ? '"""' : '"';
    l.report(
      'modelfile.unterminated-string',
      `Unterminated ${q} string: no closing ${q}`,
      l.idx.range(scan.unterminatedAt, scan.unterminatedAt + q.length),
    );
  }
  if (!sawFrom) l.report('modelfile.missing-from', 'No FROM instruction: a Modelfile must name its base model', l.idx.lineRange(0));
  return l.out;
}

/** --mmproj / --lora files of llama.cpp configs that do not exist (paths relative to the config's directory). */
export function lintLlamaPaths(fileName: string, text: string, opts: LintOptions = {}): FitDiagnostic[] {
  const exists = opts.exists ?? defaultExists;
  const out: FitDiagnostic[] = [];
  const parsed = parseConfigFile(fileName, text);
  for (const config of parsed.configs) {
    if (config.runtime === 'ollama') continue;
    const check = (what: string, path: string, r: SourceRange | undefined) => {
      if (!r || /^(https?:)/.test(path)) return;
      const abs = resolveConfigPath(config, path, opts.env);
      if (!exists(abs)) {
        out.push({
          severity: LINT_RULES['llama-args.missing-file'].severity,
          code: 'llama-args.missing-file',
          message: `${what} ${path.slice(0, 80)}: no such file (${abs.slice(0, 200)})`,
          range: r,
          fixes: [],
        });
      }
    };
    if (config.settings.mmproj) check('--mmproj', config.settings.mmproj, config.ranges.mmproj);
    // One range covers every --lora file: report each missing one there.
    for (const f of config.settings.lora ?? []) check('--lora', f, config.ranges.lora);
  }
  return out;
}

function resolveConfigPath(config: RunConfig, path: string, env?: Record<string, string | undefined>): string {
  const home = (env ?? process.env).HOME || '';
  const p = path.startsWith('~') && home ? nodePath.join(home, path.slice(1)) : path;
  return nodePath.isAbsolute(p) ? p : nodePath.join(config.baseDir, p);
}
