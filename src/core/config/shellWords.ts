// POSIX-shell-like word splitting with positions: quotes, backslash escapes, `\` line continuations,
// `#` comments, and command separators (newline ; & | && || ( ) < >). No expansion: $VAR stays literal.

export interface Word {
  /** The word after quote removal. */
  text: string;
  /** Offset of each character of `text` in the input. */
  pos: number[];
  /** Extent of the word in the input, quotes included. */
  start: number;
  end: number;
}

export type Command = Word[];

/** Characters kept of one word (PATH_MAX on Linux); a 300 KB "word" is cut, not copied char by char. */
export const MAX_WORD_CHARS = 4096;

const SEPARATORS = new Set([';', '&', '|', '(', ')', '<', '>', '\n']);

/** A cap on words for one document, shared by every split of it; `truncated` is set when it stopped early. */
export interface WordBudget {
  wordsLeft: number;
  truncated?: boolean;
}

/** Split `src` into commands of words. Never throws; unbalanced quotes run to the end of the input. */
export function splitCommands(src: string, budget?: WordBudget): Command[] {
  const commands: Command[] = [];
  let cmd: Command = [];
  let word: Word | undefined;
  const n = src.length;
  let i = 0;

  // A word keeps offsets; its text is cut from src when it ends (see textAt).
  const push = (at: number) => {
    if (!word) word = { text: '', pos: [], start: at, end: at };
    if (word.pos.length >= MAX_WORD_CHARS) return; // longer than any path; the rest is scanned, not kept
    word.pos.push(at);
  };
  const open = (at: number) => {
    if (!word) word = { text: '', pos: [], start: at, end: at };
  };
  const endWord = (at: number) => {
    if (word) {
      word.end = at;
      word.text = textAt(src, word.pos);
      cmd.push(word);
      word = undefined;
      if (budget && --budget.wordsLeft < 0) budget.truncated = true;
    }
  };
  const endCommand = () => {
    if (cmd.length) commands.push(cmd);
    cmd = [];
  };

  while (i < n && !budget?.truncated) {
    const c = src[i];
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      } // line continuation
      if (src[i + 1] === '\r' && src[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (i + 1 < n) {
        open(i);
        push(i + 1);
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (c === "'") {
      open(i);
      const close = src.indexOf("'", i + 1);
      const stop = close < 0 ? n : close;
      for (let j = i + 1; j < stop; j++) push(j);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (c === '"') {
      open(i);
      let j = i + 1;
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < n && '"\\$`\n'.includes(src[j + 1])) {
          if (src[j + 1] !== '\n') push(j + 1);
          j += 2;
          continue;
        }
        push(j);
        j++;
      }
      i = j < n ? j + 1 : n;
      continue;
    }
    if (c === '$' && (src[i + 1] === '(' || src[i + 1] === '{')) {
      const stop = substitutionEnd(src, i);
      for (let k = i; k < stop; k++) push(k);
      i = stop;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord(i);
      i++;
      continue;
    }
    if (c === '#' && !word) {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (SEPARATORS.has(c)) {
      endWord(i);
      endCommand();
      i++;
      continue;
    }
    push(i);
    i++;
  }
  if (budget?.truncated) return commands; // the command cut off mid-way is left out, not read half
  endWord(n);
  endCommand();
  return commands;
}

/** The characters of `src` at `pos`, sliced by runs of consecutive offsets (appending one character at a time made a
 *  string per character). */
function textAt(src: string, pos: number[]): string {
  let text = '';
  for (let k = 0; k < pos.length;) {
    let j = k + 1;
    while (j < pos.length && pos[j] === pos[j - 1] + 1) j++;
    text += src.slice(pos[k], pos[j - 1] + 1);
    k = j;
  }
  return text;
}

/** End of the `$(cmd)` / `${VAR}` / `$(MAKEVAR)` at `i` (kept literal inside the word, separators and all). */
function substitutionEnd(src: string, i: number): number {
  const openCh = src[i + 1];
  const closeCh = openCh === '(' ? ')' : '}';
  let depth = 0;
  let j = i + 1;
  for (; j < src.length && src[j] !== '\n'; j++) {
    if (src[j] === openCh) depth++;
    else if (src[j] === closeCh && --depth === 0) break;
  }
  return j < src.length && src[j] === closeCh ? j + 1 : j;
}
