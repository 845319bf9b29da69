// Authoring lint for Modelfiles (and file paths in llama.cpp configs): each finding has a rule code from
// lintRules.ts and, where the fix is certain, a quick fix. Pure apart from the `exists` check on paths.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { parseConfigFile } from '../config';
import { parseGoBool } from '../config/ollamaParams';
import { dirOf, LineIndex, parseFloatStrict, parseIntStrict } from '../config/text';
import {
  MESSAGE_ROLES, MODELFILE_INSTRUCTIONS, OLLAMA_DEPRECATED_PARAMETERS, OLLAMA_PARAMETERS, modelfileInstruction, ollamaParameter,
} from '../data/ollamaModelfile';
import type { FitDiagnostic, QuickFix, RunConfig, SourceRange } from '../types';
import { didYouMean } from './didYouMean';
import { LINT_RULES } from './lintRules';
import { scanModelfile, type ModelfileCommand, type Span } from './modelfileScan';
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

export function lintModelfile(fileName: string, text: string, opts: LintOptions = {}): FitDiagnostic[] {
  const exists = opts.exists ?? defaultExists;
  const idx = new LineIndex(text);
  const out: FitDiagnostic[] = [];
  const range = (s: { start: number; end: number }): SourceRange => idx.range(s.start, s.end);
  const report = (code: string, message: string, r: SourceRange, fixes: QuickFix[] = []) => {
    out.push({ severity: LINT_RULES[code]?.severity ?? 'warning', code, message, range: r, fixes });
  };
  const replace = (title: string, s: Span, newText: string, preferred = true): QuickFix => ({
    title, kind: 'fix.lint', preferred, edits: [{ range: range(s), newText }],
  });
  const removeLine = (title: string, c: ModelfileCommand): QuickFix => ({
    title, kind: 'fix.lint', edits: [{ range: idx.range(c.lineStart, c.end), newText: '' }],
  });
  const lineOf = (c: ModelfileCommand) => idx.position(c.word.start).line + 1;

  const scan = scanModelfile(text);
  const lastByKey = new Map<string, ModelfileCommand>();
  const duplicates: Array<{ key: string; earlier: ModelfileCommand; later: ModelfileCommand }> = [];
  let sawFrom = false;

  const guesses = new Map<string, string | undefined>();
  const guess = (word: string, candidates: readonly string[]) => {
    const key = `${candidates === PARAMETER_NAMES ? 'p' : 'i'}:${word}`;
    if (!guesses.has(key)) guesses.set(key, didYouMean(word, candidates));
    return guesses.get(key);
  };

  for (const c of scan.commands) {
    if (out.length >= MAX_FINDINGS) break;
    const name = c.word.text.toLowerCase();
    if (!c.known) {
      const guessed = guess(c.word.text.replace(/[^A-Za-z]+$/, ''), INSTRUCTION_NAMES);
      report('modelfile.unknown-instruction',
        `Unknown instruction "${c.word.text.slice(0, 40)}"${guessed ? `: did you mean ${guessed}?` : ''}`, range(c.word),
        guessed ? [replace(`Change to ${guessed}`, c.word, guessed)] : []);
      continue;
    }
    if (!c.value || (c.arg && !c.arg.text)) {
      if (c !== scan.commands[scan.commands.length - 1] || scan.unterminatedAt === undefined) {
        report('modelfile.missing-value', `${c.word.text.toUpperCase()} needs a value`, idx.lineRange(c.word.start));
      }
      if (name === 'from') sawFrom = true;
      continue;
    }
    const info = modelfileInstruction(name);
    switch (name) {
      case 'from':
        sawFrom = true;
        checkPath(c, 'FROM');
        break;
      case 'adapter':
      case 'draft':
        checkPath(c, name.toUpperCase(), name === 'adapter');
        break;
      case 'message':
        checkRole(c);
        break;
      case 'template':
        for (const p of checkTemplate(c.value.text)) {
          report('modelfile.template-unbalanced', `TEMPLATE: ${p.message}`, idx.range(c.value.start + p.start, c.value.start + p.end));
        }
        break;
      case 'parameter':
        checkParameter(c);
        break;
      default:
        break;
    }
    const key = name === 'parameter' ? `parameter ${c.arg!.text.toLowerCase()}` : name;
    const param = name === 'parameter' ? ollamaParameter(c.arg!.text) : undefined;
    const repeatable = name === 'parameter' ? !param || param.repeatable === true : info?.repeatable !== false;
    if (!repeatable) {
      const earlier = lastByKey.get(key);
      if (earlier) duplicates.push({ key, earlier, later: c });
      lastByKey.set(key, c);
    }
  }

  for (const { key, earlier, later } of duplicates.slice(0, MAX_FINDINGS)) {
    const target = earlier.arg ?? earlier.word;
    const shown = key.startsWith('parameter ') ? `PARAMETER ${key.slice(10)}` : key.toUpperCase();
    const fix = removeLine(`Remove the ${shown} on line ${lineOf(earlier)}`, earlier);
    if (key === 'from') {
      report('modelfile.duplicate-from', `Duplicate FROM: line ${lineOf(later)} sets the model again and the last FROM is used`,
        range(earlier.value ?? target), [fix]);
    } else if (key.startsWith('parameter ')) {
      const p = key.slice('parameter '.length);
      report('modelfile.duplicate-parameter',
        `${p} is set again on line ${lineOf(later)}; this value (${earlier.value!.text.slice(0, 30)}) is overridden`, range(target), [fix]);
    } else {
      report('modelfile.duplicate-instruction',
        `${key.toUpperCase()} is given again on line ${lineOf(later)}; this one is overridden`, range(earlier.word), [fix]);
    }
  }

  if (scan.unterminatedAt !== undefined) {
    const q = text.startsWith('"""', scan.unterminatedAt) ? '"""' : '"';
    report('modelfile.unterminated-string', `Unterminated ${q} string: no closing ${q}`,
      idx.range(scan.unterminatedAt, scan.unterminatedAt + q.length));
  }
  if (!sawFrom) report('modelfile.missing-from', 'No FROM instruction: a Modelfile must name its base model', idx.lineRange(0));
  return out;

  function checkPath(c: ModelfileCommand, what: string, alwaysPath = false): void {
    const v = c.value!;
    if (!alwaysPath && !looksLikeLocalPath(v.text)) return;
    const abs = resolveFromFile(fileName, v.text, opts.env);
    if (!exists(abs)) report('modelfile.missing-file', `${what} ${v.text.slice(0, 80)}: no such file or directory (${abs.slice(0, 200)})`, range(v));
  }

  function checkRole(c: ModelfileCommand): void {
    const role = c.arg!;
    if (MESSAGE_ROLES.includes(role.text)) return;
    const guess = MESSAGE_ROLES.includes(role.text.toLowerCase()) ? role.text.toLowerCase() : didYouMean(role.text, MESSAGE_ROLES);
    report('modelfile.bad-role', `MESSAGE role must be system, user or assistant, not "${role.text.slice(0, 30)}"${guess ? `: did you mean ${guess}?` : ''}`,
      range(role), guess ? [replace(`Change to ${guess}`, role, guess)] : []);
  }

  function checkParameter(c: ModelfileCommand): void {
    const pName = c.arg!;
    const v = c.value!;
    const key = pName.text.toLowerCase();
    if (DEPRECATED.has(key)) {
      report('modelfile.deprecated-parameter', `PARAMETER ${key} is deprecated: Ollama accepts it and ignores it`, range(pName),
        [removeLine(`Remove PARAMETER ${key}`, c)]);
      return;
    }
    const p = ollamaParameter(key);
    if (!p) {
      const guessed = guess(key, PARAMETER_NAMES);
      report('modelfile.unknown-parameter',
        `Unknown parameter "${pName.text.slice(0, 40)}": Ollama refuses to create this model${guessed ? `; did you mean ${guessed}?` : ''}`,
        range(pName), guessed ? [replace(`Change to ${guessed}`, pName, guessed)] : []);
      return;
    }
    const raw = v.text.trim();
    if (p.type === 'string') {
      if (p.name === 'stop' && v.quote === '' && v.rawEnd > v.end) {
        report('modelfile.stop-needs-quotes', 'Unquoted stop value ends in blanks that Ollama trims away: quote it to keep them',
          idx.range(v.start, v.rawEnd), [replace('Quote the stop sequence', { text: '', start: v.start, end: v.rawEnd }, `"${text.slice(v.start, v.rawEnd)}"`)]);
      }
      return;
    }
    if (p.type === 'bool') {
      if (parseGoBool(raw) === undefined) {
        const lower = raw.toLowerCase();
        const fix = ['yes', 'on', 'enabled'].includes(lower) ? 'true' : ['no', 'off', 'disabled'].includes(lower) ? 'false' : undefined;
        report('modelfile.bad-value', `${p.name} must be true or false, not "${raw.slice(0, 40)}"`, range(v),
          fix ? [replace(`Change to ${fix}`, v, fix)] : []);
      }
      return;
    }
    const num = p.type === 'int' ? parseIntStrict(raw) : parseFloatStrict(raw);
    if (num === undefined) {
      const asFloat = parseFloatStrict(raw);
      const fixes = p.type === 'int' && asFloat !== undefined ? [replace(`Change to ${Math.round(asFloat)}`, v, String(Math.round(asFloat)))] : [];
      report('modelfile.bad-value', `${p.name} must be ${p.type === 'int' ? 'a whole number' : 'a number'}, not "${raw.slice(0, 40)}"`, range(v), fixes);
      return;
    }
    if ((p.min !== undefined && num < p.min) || (p.max !== undefined && num > p.max)) {
      const bounds = p.max !== undefined ? `between ${p.min ?? '-∞'} and ${p.max}` : `at least ${p.min}`;
      report('modelfile.out-of-range', `${p.name} must be ${bounds}, not ${raw}`, range(v));
      return;
    }
    const legacy = p.legacyValues?.find((l) => l.value === num);
    if (legacy) {
      report('modelfile.legacy-value', `${p.name} ${raw}: ${legacy.why}`, range(v), [
        removeLine(`Remove PARAMETER ${p.name} (use Ollama's default)`, c),
      ]);
    }
  }
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
        out.push({ severity: LINT_RULES['llama-args.missing-file'].severity, code: 'llama-args.missing-file',
          message: `${what} ${path.slice(0, 80)}: no such file (${abs.slice(0, 200)})`, range: r, fixes: [] });
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
