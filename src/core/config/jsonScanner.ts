// JSON with every value's position, read by jsonc-parser. Never throws: broken input gives one error with its
// offset. Nesting is measured first (linear, no recursion) so hostile depth cannot overflow the stack.
// jsonc-parser's ESM build: esbuild cannot follow the dynamic requires of its UMD build.
import { parseTree, printParseErrorCode, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';

export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: Array<{ key: string; keyStart: number; keyEnd: number; value: JsonNode }> }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; value: number }
  | { kind: 'bool'; start: number; end: number; value: boolean }
  | { kind: 'null'; start: number; end: number };

export interface JsonParse {
  root?: JsonNode;
  error?: { message: string; offset: number };
}

const MAX_DEPTH = 64;

const MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.UnexpectedEndOfString]: 'Unterminated string',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Bad escape in string',
  [ParseErrorCode.InvalidUnicode]: 'Bad escape in string',
  [ParseErrorCode.PropertyNameExpected]: 'Expected a "key"',
  [ParseErrorCode.ColonExpected]: 'Expected ":"',
  [ParseErrorCode.CommaExpected]: 'Expected ","',
  [ParseErrorCode.CloseBraceExpected]: 'Expected "," or "}"',
  [ParseErrorCode.CloseBracketExpected]: 'Expected "," or "]"',
  [ParseErrorCode.ValueExpected]: 'Expected a value',
  [ParseErrorCode.EndOfFileExpected]: 'Unexpected text after the JSON value',
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character',
  [ParseErrorCode.InvalidCharacter]: 'Control character in a string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'Unterminated number',
};

/** Offset where brackets first nest deeper than MAX_DEPTH (strings skipped), or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

function convert(node: Node): JsonNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object':
      return {
        kind: 'object',
        start,
        end,
        entries: (node.children ?? [])
          .filter((p) => p.children?.length === 2)
          .map((p) => {
            const [k, v] = p.children!;
            return { key: String(k.value), keyStart: k.offset, keyEnd: k.offset + k.length, value: convert(v) };
          }),
      };
    case 'array':
      return { kind: 'array', start, end, items: (node.children ?? []).map(convert) };
    case 'string':
      return { kind: 'string', start, end, value: String(node.value) };
    case 'number':
      return { kind: 'number', start, end, value: Number(node.value) };
    case 'boolean':
      return { kind: 'bool', start, end, value: node.value === true };
    default:
      return { kind: 'null', start, end };
  }
}

export function scanJson(text: string): JsonParse {
  const deep = tooDeepAt(text);
  if (deep >= 0) return { error: { message: 'JSON nested too deeply', offset: deep } };
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    return { error: { message: 'Unreadable JSON', offset: 0 } };
  }
  if (errors.length) {
    const e = errors[0];
    return { error: { message: MESSAGES[e.error] ?? printParseErrorCode(e.error), offset: Math.min(e.offset, text.length) } };
  }
  if (!tree) return { error: { message: 'Unexpected end of JSON', offset: text.length } };
  return { root: convert(tree) };
}

export function jsonGet(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  // JSON: the last duplicate key wins.
  for (let k = node.entries.length - 1; k >= 0; k--) if (node.entries[k].key === key) return node.entries[k].value;
  return undefined;
}
