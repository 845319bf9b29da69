// Small helpers over the `yaml` package's node tree: key lookup through aliases and merge keys,
// and per-character source offsets of a scalar's value (so ranges point into the file).
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Alias,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { flowShape } from './text';

/** Flow collections nested deeper than this are refused before parsing (see flowShape). */
export const MAX_YAML_DEPTH = 64;

/** Larger YAML is refused: the library takes ~0.4 µs a byte warm (several times that with errors, and when its
 *  code is not yet compiled), so 64 KB is about the 50 ms budget; the largest real llama-swap and compose files
 *  seen are a few tens of KB. */
export const MAX_YAML_BYTES = 64 * 1024;
const MAX_YAML_MARKS = 1000;

export function parseYaml(text: string): Document.Parsed {
  // The library makes an Error per problem; capturing 10 stack frames for each of thousands doubled the time.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // merge: `<<: *base` as people write it; uniqueKeys off so a repeated key is not fatal.
    return parseDocument(text, { merge: true, uniqueKeys: false, strict: false, prettyErrors: false });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Deepest block nesting a line shows: its indentation (in steps of 2 columns), compact `- `/`? ` indicators, and
 *  every `: ` outside quotes and flow collections (`a: b: c: …` nests a map per word in the library, with an error
 *  each). The library recurses per level and builds regular expressions from indentation: 3,000 levels overflowed
 *  its stack or ran V8 out of memory compiling one. */
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
export function yamlTooComplex(text: string): string | undefined {
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

const aliasTargets = new WeakMap<Document, Map<Alias, Node | undefined>>();

/** Every alias of the document → the node it names, in one walk. The library's `Alias.resolve` walks the whole
 *  document for each alias (a 20 KB compose file with hundreds of `*x` took 170 ms). Same rule as the library:
 *  the last node with that anchor before the alias, in document order. */
function aliasTargetsOf(doc: Document): Map<Alias, Node | undefined> {
  let targets = aliasTargets.get(doc);
  if (targets) return targets;
  targets = new Map<Alias, Node | undefined>();
  const anchored = new Map<string, Node>();
  // Pre-order with an explicit stack: the library's `visit` copies the path at every level (quadratic in depth),
  // and `a: b: c: …` on one line nests a map per word.
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.value, n.key);
    else if (isAlias(n)) targets.set(n, anchored.get(n.source));
    else if (isScalar(n) || isCollection(n)) {
      if (n.anchor) anchored.set(n.anchor, n);
      if (isCollection(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
    }
  }
  aliasTargets.set(doc, targets);
  return targets;
}

/** Follow aliases (bounded) to the node they name. */
export function deref(doc: Document, node: unknown): Node | undefined {
  let n = node as Node | undefined;
  if (!n || !isAlias(n)) return n;
  const targets = aliasTargetsOf(doc);
  for (let k = 0; k < 16 && n && isAlias(n); k++) n = targets.get(n);
  return n && !isAlias(n) ? n : undefined;
}

/**
 * A map key as text: scalars only (the merge key `<<` parses as a Symbol). Collection keys get undefined:
 * stringifying one runs the library's toJS (exponential on nested `{{{{`, throws on `<<:` with a non-map).
 */
export function keyName(key: unknown): string | undefined {
  const k = isScalar(key) ? key.value : key;
  if (typeof k === 'symbol') return k.description;
  if (k === null || k === undefined) return '';
  return typeof k === 'object' ? undefined : String(k);
}

/** Value node of `key` in a map, looking through `<<` merge keys (own keys win). */
export function getKey(doc: Document, map: unknown, key: string, depth = 0): Node | undefined {
  const m = deref(doc, map);
  if (!m || !isMap(m) || depth > 8) return undefined;
  for (const pair of m.items) {
    if (key !== '<<' && keyName(pair.key) === key) return deref(doc, pair.value);
  }
  for (const pair of m.items) {
    if (keyName(pair.key) !== '<<') continue;
    const v = deref(doc, pair.value);
    const sources = v && isSeq(v) ? v.items : [v];
    for (const s of sources) {
      const found = getKey(doc, s, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Key/value pairs of a map (merge keys left out), each key with its scalar node. */
export function mapEntries(doc: Document, map: unknown): Array<{ key: string; keyNode: Scalar | undefined; value: Node | undefined }> {
  const m = deref(doc, map);
  if (!m || !isMap(m)) return [];
  return (m as YAMLMap).items
    .filter((p) => {
      const k = keyName(p.key);
      return k !== undefined && k !== '<<';
    })
    .map((p) => ({
      key: keyName(p.key)!,
      keyNode: isScalar(p.key) ? (p.key as Scalar) : undefined,
      value: deref(doc, p.value),
    }));
}

/** The scalar's value as a string, or undefined when it is not a scalar. */
export function scalarText(node: Node | undefined): string | undefined {
  if (!node || !isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/**
 * Source offset of each character of the scalar's value. Quotes, escapes, block indentation and folding
 * are skipped by matching the value's characters in order against the source; whitespace that folding
 * created maps onto the source's whitespace.
 */
export function scalarPositions(text: string, node: Node): { value: string; pos: number[] } | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  if (typeof node.value !== 'string') {
    // Numbers and booleans: the literal as written.
    const raw = text.slice(start, end).trim();
    const at = text.indexOf(raw, start);
    return { value: raw, pos: Array.from(raw, (_, k) => at + k) };
  }
  const value = node.value;
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
