// Small helpers over the YAML node tree (yamlTree.ts): key lookup through aliases and merge keys,
// and per-character source offsets of a scalar's value (so ranges point into the file).
import { flowShape } from './text';
import { buildYamlTree, type YamlDocument, type YamlMap, type YamlNode, type YamlScalar, type YamlSeq } from './yamlTree';

export type { YamlDocument, YamlNode, YamlScalar } from './yamlTree';
export const isMap = (n: unknown): n is YamlMap => (n as YamlNode | undefined)?.kind === 'map';
export const isSeq = (n: unknown): n is YamlSeq => (n as YamlNode | undefined)?.kind === 'seq';
export const isScalar = (n: unknown): n is YamlScalar => (n as YamlNode | undefined)?.kind === 'scalar';

/** Flow collections nested deeper than this are refused before parsing (see flowShape). */
export const MAX_YAML_DEPTH = 64;

/** Larger YAML is refused: the library takes ~0.4 µs a byte warm (several times that with errors, and when its
 *  code is not yet compiled), so 64 KB is about the 50 ms budget; the largest real llama-swap and compose files
 *  seen are a few tens of KB. */
export const MAX_YAML_BYTES = 64 * 1024;
const MAX_YAML_MARKS = 1000;

/** The document, or why it is not read: too large or deep (yamlTooComplex), or nesting the checks do not see that
 *  overflowed the parser's recursion (found by the fuzzer: `<<:   ? [x]:` lines, then a `models:` key). */
export function readYaml(text: string): { doc: YamlDocument } | { why: string } {
  const why = yamlTooComplex(text);
  if (why) return { why };
  try {
    return { doc: buildYamlTree(text) };
  } catch (err) {
    if (err instanceof RangeError) return { why: 'YAML nested too deeply to read' };
    throw err;
  }
}

/** Deepest block nesting a line shows: its indentation (in steps of 2 columns), compact `- `/`? ` indicators, and
 *  every `: ` outside quotes and flow collections (`a: b: c: …` nests a map per word in the library, with an error
 *  each). The parser and the tree builder recurse per level: 3,000 levels overflowed the stack. */
export function blockDepth(text: string): number {
  let max = 0;
  let col = 0; // indentation of the current line
  let run = 0; // consecutive `- ` / `? ` indicators (compact nesting)
  let keys = 0; // `: ` indicators on the line
  let flow = 0; // open `[` / `{` on the line
  let quote = '';
  let atLineStart = true;
  const ws = (c: string | undefined) => c === ' ' || c === '\t';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      atLineStart = true;
      col = run = keys = flow = 0;
      quote = '';
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (ws(c)) {
      if (atLineStart) col++;
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1];
    atLineStart = false;
    if ((c === '-' || c === '?') && ws(text[i + 1]) && (ws(prev) || prev === '\n')) run++;
    else if (c === ':' && (ws(text[i + 1]) || text[i + 1] === '\n' || i + 1 === text.length)) {
      if (flow === 0) keys++;
    } else if ((c === '"' || c === "'") && (ws(prev) || prev === '\n' || '[{,:'.includes(prev))) quote = c;
    else if (c === '[' || c === '{') flow++;
    else if ((c === ']' || c === '}') && flow > 0) flow--;
    else if (c === '#' && (ws(prev) || prev === '\n')) while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    else run = 0;
    max = Math.max(max, (col >> 1) + run + keys);
  }
  return max;
}

/** Why a YAML text is not parsed at all (too large or nested too deep), or undefined. */
function yamlTooComplex(text: string): string | undefined {
  if (text.length > MAX_YAML_BYTES) return `YAML larger than ${MAX_YAML_BYTES / 1024} KB`;
  const flow = flowShape(text);
  if (flow.depth > MAX_YAML_DEPTH || blockDepth(text) > MAX_YAML_DEPTH) return `YAML nested deeper than ${MAX_YAML_DEPTH} levels`;
  if (flow.strayClosers > MAX_YAML_MARKS) return `more than ${MAX_YAML_MARKS} \`]\` or \`}\` that close nothing`;
  // Thousands of anchors, aliases or tags cost the library ~10 µs each; real configs have a handful.
  const marks = /(?:^|[\s[{,])[&*!][^\s]/g;
  let n = 0;
  while (marks.exec(text)) if (++n > MAX_YAML_MARKS) return `more than ${MAX_YAML_MARKS} YAML anchors, aliases or tags`;
  return undefined;
}

/** Follow aliases (bounded) to the node they name. */
export function deref(node: YamlNode | undefined): YamlNode | undefined {
  let n = node;
  for (let k = 0; k < 16 && n?.kind === 'alias'; k++) n = n.target;
  return n?.kind === 'alias' ? undefined : n;
}

/** A map key as text: scalars only (collection keys get undefined). */
export function keyName(key: YamlNode | undefined): string | undefined {
  if (!key) return '';
  return isScalar(key) ? (key.value ?? '') : undefined;
}

/** Value node of `key` in a map, looking through `<<` merge keys (own keys win). */
export function getKey(map: YamlNode | undefined, key: string, depth = 0): YamlNode | undefined {
  const m = deref(map);
  if (!m || !isMap(m) || depth > 8) return undefined;
  for (const pair of m.items) {
    if (key !== '<<' && keyName(pair.key) === key) return deref(pair.value);
  }
  for (const pair of m.items) {
    if (keyName(pair.key) !== '<<') continue;
    const v = deref(pair.value);
    const sources = v && isSeq(v) ? v.items : [v];
    for (const s of sources) {
      const found = getKey(s, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Key/value pairs of a map (merge keys left out), each key with its scalar node. */
export function mapEntries(
  map: YamlNode | undefined,
): Array<{ key: string; keyNode: YamlScalar | undefined; value: YamlNode | undefined }> {
  const m = deref(map);
  if (!m || !isMap(m)) return [];
  return m.items
    .filter((p) => {
      const k = keyName(p.key);
      return k !== undefined && k !== '<<';
    })
    .map((p) => ({
      key: keyName(p.key)!,
      keyNode: isScalar(p.key) ? p.key : undefined,
      value: deref(p.value),
    }));
}

/** The scalar's value as a string, or undefined when it is not a scalar. */
export function scalarText(node: YamlNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? node.value : undefined;
}

/**
 * Source offset of each character of the scalar's value. Quotes, escapes, block indentation and folding
 * are skipped by matching the value's characters in order against the source; whitespace that folding
 * created maps onto the source's whitespace.
 */
export function scalarPositions(text: string, node: YamlNode): { value: string; pos: number[] } | undefined {
  if (!isScalar(node)) return undefined;
  const [start, end] = node.range;
  const value = node.value ?? '';
  const pos: number[] = new Array(value.length);
  let s = start;
  // Block scalars: skip the header line (| or > with indicators and an optional comment).
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', s);
    s = nl < 0 ? end : nl + 1;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    s++;
  }
  const isWs = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (isWs(c)) {
      pos[k] = Math.min(s, end);
      if (s < end && isWs(text[s])) s++;
      continue;
    }
    // Skip indentation, escapes and line breaks (bounded look-ahead).
    let j = s;
    const limit = Math.min(end, s + 256);
    while (j < limit && text[j] !== c) j++;
    if (j < limit) {
      pos[k] = j;
      s = j + 1;
    } else {
      pos[k] = Math.min(s, end);
    }
  }
  return { value, pos };
}
