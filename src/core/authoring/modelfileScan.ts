// Modelfile → its commands with exact offsets, unknown instructions included: what lint, outline, folding and
// completion read. Tokenizes as ollama/ollama parser/parser.go does (instruction letters, then a PARAMETER name
// or MESSAGE role, then the value to the end of the line or inside "…" / """…"""); one pass, linear in the text.
import { MODELFILE_INSTRUCTIONS } from '../data/ollamaModelfile';

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface ModelfileValue extends Span {
  quote: '' | '"' | '"""';
  /** Unquoted values: the offset after trailing blanks the parser trims away. */
  rawEnd: number;
}

export interface ModelfileCommand {
  /** The first word as written (may be unknown, e.g. "PARAMETR"). */
  word: Span;
  /** Lower case name when the word is an instruction Ollama knows. */
  known: boolean;
  /** PARAMETER name or MESSAGE role. */
  arg?: Span;
  value?: ModelfileValue;
  /** Offset of the line start and of the end of the command (after its last line's newline). */
  lineStart: number;
  end: number;
}

export interface ModelfileScan {
  commands: ModelfileCommand[];
  /** Offset of an opening quote that is never closed (the scan stops there). */
  unterminatedAt?: number;
}

const INSTRUCTION_WORDS = new Set(MODELFILE_INSTRUCTIONS.map((i) => i.name.toLowerCase()));

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
const isNl = (c: string | undefined) => c === '\n' || c === '\r';

export function scanModelfile(text: string): ModelfileScan {
  const n = text.length;
  const commands: ModelfileCommand[] = [];
  let i = 0;
  const toLineEnd = () => {
    while (i < n && text[i] !== '\n') i++;
    if (i < n) i++;
  };
  const word = (re: RegExp): Span => {
    const start = i;
    while (i < n && re.test(text[i])) i++;
    return { text: text.slice(start, i), start, end: i };
  };

  while (i < n) {
    const c = text[i];
    if (isSpace(c) || isNl(c) || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '#') {
      toLineEnd();
      continue;
    }
    let lineStart = i;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    const letters = word(/[A-Za-z]/);
    let w = letters;
    if (i < n && !isSpace(text[i]) && !isNl(text[i])) {
      // Not a plain word ("PARAMETR:", "FROM=x"): the whole first token is the unknown instruction.
      while (i < n && !isSpace(text[i]) && !isNl(text[i])) i++;
      w = { text: text.slice(letters.start, i), start: letters.start, end: i };
    }
    const name = w.text.toLowerCase();
    const known = w === letters && INSTRUCTION_WORDS.has(name);
    const cmd: ModelfileCommand = { word: w, known, lineStart, end: n };
    if (known && (name === 'parameter' || name === 'message')) {
      while (i < n && isSpace(text[i])) i++;
      cmd.arg = word(name === 'parameter' ? /[A-Za-z0-9_]/ : /[A-Za-z]/);
    }
    while (i < n && isSpace(text[i])) i++;
    const quote = !known ? '' : text.startsWith('"""', i) ? '"""' : text[i] === '"' ? '"' : '';
    if (quote) {
      const close = text.indexOf(quote, i + quote.length);
      if (close < 0) {
        cmd.value = { text: text.slice(i + quote.length), start: i + quote.length, end: n, quote, rawEnd: n };
        commands.push(cmd);
        return { commands, unterminatedAt: i };
      }
      cmd.value = { text: text.slice(i + quote.length, close), start: i + quote.length, end: close, quote, rawEnd: close };
      i = close + quote.length;
      toLineEnd();
    } else {
      const start = i;
      while (i < n && !isNl(text[i])) i++;
      const rawEnd = i;
      let end = i;
      while (end > start && isSpace(text[end - 1])) end--;
      if (end > start) cmd.value = { text: text.slice(start, end), start, end, quote: '', rawEnd };
      toLineEnd();
    }
    cmd.end = i;
    commands.push(cmd);
  }
  return { commands };
}
