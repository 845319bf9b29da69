// Offsets ↔ zero-based line/column, ranges and diagnostics shared by every reader.
import type { ConfigDiagnostic, Severity, SourceRange } from '../types';

/** Readers look at no more than this; longer files get one diagnostic instead of a parse. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; col: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: o - this.starts[lo] };
  }

  range(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
  }

  /** The whole line holding `offset`, without its line break. */
  lineRange(offset: number): SourceRange {
    const { line } = this.position(offset);
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.range(start, end);
  }
}

/** Diagnostics stay on one line whatever the file holds (values from files may carry newlines or escapes). */
export function diag(severity: Severity, code: string, message: string, range: SourceRange): ConfigDiagnostic {
  return { severity, code, message: oneLine(message, 400), range };
}

/** `s` on one line, control characters as spaces, cut to `max` characters with an ellipsis. */
export function oneLine(s: string, max = 60): string {
  const flat = (s.length > max * 2 ? s.slice(0, max * 2) : s).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g,
    ' ',
  );
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const EMPTY_RANGE: SourceRange = { startLine: 0, startCol: 0, endLine: 0, endCol: 0 };

/** Bad input that no reader should try: too large or binary. */
export function rejectInput(text: string, code: string): ConfigDiagnostic | undefined {
  if (text.length > MAX_CONFIG_BYTES) {
    return diag('error', `${code}.too-large`, `File is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; not read`, EMPTY_RANGE);
  }
  // NUL bytes in the first 8 KB: a binary file, not a config.
  if (text.slice(0, 8192).includes('\0')) {
    return diag('error', `${code}.binary`, 'File looks binary (NUL bytes); not read', EMPTY_RANGE);
  }
  return undefined;
}

/** Work a reader does per document before it stops with one "too complex" diagnostic (options applied, macro
 *  characters expanded): linear in the file for real configs, a cap for files built to blow up. */
export const MAX_CONFIGS_PER_FILE = 5000;
export const MAX_DIAGNOSTICS_PER_CONFIG = 50;
/** Diagnostics one document shows at most (16,000 squiggles help nobody and slow the editor). */
export const MAX_DIAGNOSTICS_PER_FILE = 200;
/** Shell words per document (a real launch script has a few hundred). */
export const MAX_WORDS_PER_FILE = 20_000;

export function tooComplex(code: string, why: string, range: SourceRange = EMPTY_RANGE): ConfigDiagnostic {
  return diag('error', `${code}.too-complex`, `File is too complex to read: ${why}`, range);
}

/** Deepest nesting of YAML flow collections ([ {), outside quotes and comments, and the `]` / `}` that close
 *  nothing (the library makes an error of each, ~1 µs apiece); a linear scan so a file of `{{{{…` or `}}}}…` is
 *  refused before the YAML library works through it. */
export function flowShape(text: string): { depth: number; strayClosers: number } {
  let depth = 0;
  let max = 0;
  let strayClosers = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const p = text[i - 1];
      if (i === 0 || p === ' ' || p === '[' || p === '{' || p === ',' || p === ':' || p === '\n') quote = c;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > max) max = depth;
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth--;
      else strayClosers++;
    }
  }
  return { depth: max, strayClosers };
}

/** Directory part of a path (either separator), '.' when none. */
export function dirOf(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return fileName[0];
  return fileName.slice(0, i);
}

export function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return fileName.slice(i + 1);
}

/** Strict whole-number parse: "8192" → 8192; "8k", "1e3", "" → undefined. */
export function parseIntStrict(s: string): number | undefined {
  const t = s.trim();
  if (!/^[+-]?\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}

export function parseFloatStrict(s: string): number | undefined {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
