// A small YAML node tree built from the `yaml` package's CST parser (lexer + parser + scalar folding): maps,
// sequences, scalars with their source range, anchors and aliases. The package's Document layer (schemas, tags,
// stringifier) is ~80 KB of the bundle and none of it is needed to read llama-swap and compose files.
// Values stay text as written (a command line's `8080` is the string it was typed as); plain null-words are null.

import { CST, Parser } from 'yaml';

export type ScalarType = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';
export interface YamlScalar {
  kind: 'scalar';
  value: string | null;
  type: ScalarType;
  range: [number, number];
}
export interface YamlPair {
  key: YamlNode | undefined;
  value: YamlNode | undefined;
}
export interface YamlMap {
  kind: 'map';
  items: YamlPair[];
  range: [number, number];
}
export interface YamlSeq {
  kind: 'seq';
  items: Array<YamlNode | undefined>;
  range: [number, number];
}
export interface YamlAlias {
  kind: 'alias';
  name: string;
  /** The node the anchor named when the alias was read (YAML: the latest anchor of that name before it). */
  target: YamlNode | undefined;
  range: [number, number];
}
export type YamlNode = YamlScalar | YamlMap | YamlSeq | YamlAlias;
export interface YamlError {
  message: string;
  pos: [number, number];
}
export interface YamlDocument {
  contents: YamlNode | undefined;
  errors: YamlError[];
}

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type Item = CST.CollectionItem;

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
/** Compact nesting on one line (`a: b: c: …`) escapes the line-based depth check; the tree stops here. */
const MAX_TREE_DEPTH = 128;

/** Parses the first document of `text`; problems become `errors`, never throws. */
export function buildYamlTree(text: string): YamlDocument {
  const b = new TreeBuilder(text);
  let docs = 0;
  for (const token of new Parser().parse(text)) {
    b.collectErrors(token);
    if (token.type !== 'document') continue;
    b.checkTabs(token.start);
    if (++docs === 1) b.contents = b.node(token.value, token.start);
    else b.error(token.offset, 'More than one YAML document: only the first is read');
  }
  return { contents: b.contents, errors: b.errors };
}

class TreeBuilder {
  contents: YamlNode | undefined;
  readonly errors: YamlError[] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private depth = 0;
  constructor(private readonly text: string) {}

  error(offset: number, message: string, end = offset + 1): void {
    if (this.errors.length < 50) this.errors.push({ message, pos: [offset, end] });
  }

  /** Error tokens the parser left anywhere in the tree. */
  collectErrors(token: unknown, depth = 0): void {
    if (!token || typeof token !== 'object' || depth > 200) return;
    if (Array.isArray(token)) {
      for (const t of token) this.collectErrors(t, depth + 1);
      return;
    }
    const t = token as Record<string, unknown>;
    if (t.type === 'error' && typeof t.offset === 'number') this.error(t.offset, String(t.message));
    for (const k of ['start', 'end', 'items', 'key', 'sep', 'value', 'props']) this.collectErrors(t[k], depth + 1);
  }

  /** The node of `token`, registered under the anchor in `props` (the tokens before it) if there is one. */
  node(token: Token | null | undefined, props: SourceToken[] | Token[] = []): YamlNode | undefined {
    if (this.depth >= MAX_TREE_DEPTH) {
      if (token) this.error(token.offset, `YAML nested deeper than ${MAX_TREE_DEPTH} levels; the rest is not read`);
      return undefined;
    }
    this.depth++;
    let n: YamlNode | undefined;
    try {
      n = this.build(token);
    } finally {
      this.depth--;
    }
    const anchor = [...props].reverse().find((p) => p.type === 'anchor') as SourceToken | undefined;
    if (anchor && n) this.anchors.set(anchor.source.slice(1), n);
    return n;
  }

  private build(token: Token | null | undefined): YamlNode | undefined {
    if (!token) return undefined;
    switch (token.type) {
      case 'block-map':
        return this.blockMap(token);
      case 'block-seq':
        for (const i of token.items) this.checkTabs(i.start);
        return this.seq(token.items, token.offset);
      case 'flow-collection':
        return this.flow(token);
      case 'alias':
        return this.alias(token);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      default:
        return undefined;
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar): YamlScalar | undefined {
    const r = CST.resolveAsScalar(token, false, (offset, _code, message) => this.error(offset, message));
    if (!r) return undefined;
    const value = r.type === 'PLAIN' && NULL_WORDS.has(r.value) ? null : r.value;
    return { kind: 'scalar', value, type: r.type as ScalarType, range: [r.range[0], r.range[1]] };
  }

  private alias(token: CST.FlowScalar): YamlAlias {
    const name = token.source.slice(1);
    const target = this.anchors.get(name);
    if (!target) this.error(token.offset, `Aliased anchor not found: ${name}`);
    return { kind: 'alias', name, target, range: [token.offset, token.offset + token.source.length] };
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** YAML forbids tabs in indentation (a tab after the spaces that indent a line). */
  checkTabs(tokens: SourceToken[] | undefined): void {
    for (const t of tokens ?? []) {
      if (
        t.type === 'space' &&
        t.source.includes('\t') &&
        this.text.slice(this.text.lastIndexOf('\n', t.offset - 1) + 1, t.offset).trim() === ''
      )
        this.error(t.offset, 'Tabs are not allowed as indentation');
    }
  }

  private blockMap(token: CST.BlockMap): YamlMap {
    const map: YamlMap = { kind: 'map', items: [], range: [token.offset, token.offset] };
    const col = this.column(token.offset);
    for (const item of token.items) {
      const keyOffset = item.key?.offset ?? item.start.find((t) => t.type !== 'space' && t.type !== 'newline')?.offset;
      if (keyOffset !== undefined && this.column(keyOffset) !== col && !item.explicitKey)
        this.error(keyOffset, 'All mapping items must start at the same column');
      if (item.key && 'source' in item.key && item.key.source.includes('\n'))
        this.error(item.key.offset, 'Implicit keys need to be on a single line');
      if (item.key && !item.sep?.some((t) => t.type === 'map-value-ind'))
        this.error(item.key.offset, 'Implicit map keys need to be followed by map values');
      if (item.value?.type === 'block-map' && !item.sep?.some((t) => t.type === 'newline'))
        this.error(item.value.offset, 'Nested mappings are not allowed in compact mappings');
      this.checkTabs(item.start);
      this.checkTabs(item.sep);
      map.items.push(this.pair(item));
    }
    map.range[1] = this.end(map.items);
    return map;
  }

  private pair(item: Item): YamlPair {
    const key = this.node(item.key, item.start);
    return { key, value: this.node(item.value, item.sep ?? []) };
  }

  private seq(items: Item[], offset: number): YamlSeq {
    const out = items.map((i) => this.node(i.value, i.start));
    const seq: YamlSeq = { kind: 'seq', items: out, range: [offset, offset] };
    seq.range[1] = Math.max(offset, ...out.map((n) => n?.range[1] ?? offset));
    return seq;
  }

  private flow(token: CST.FlowCollection): YamlMap | YamlSeq {
    const isMap = token.start.source === '{';
    const close = isMap ? '}' : ']';
    if (!token.end.some((t) => t.source === close))
      this.error(token.offset, `Expected flow ${isMap ? 'mapping' : 'sequence'} to end with ${close}`);
    if (!isMap) {
      // `[a: 1]`: a pair inside a flow sequence is a one-pair map.
      const items = token.items.map((i) =>
        i.key !== undefined || i.sep?.length
          ? ({ kind: 'map', items: [this.pair(i)], range: [token.offset, token.offset] } as YamlMap)
          : this.node(i.value, i.start),
      );
      return { kind: 'seq', items, range: [token.offset, this.flowEnd(token)] };
    }
    const items = token.items.filter((i) => i.key !== undefined || i.value).map((i) => this.pair(i));
    return { kind: 'map', items, range: [token.offset, this.flowEnd(token)] };
  }

  private flowEnd(token: CST.FlowCollection): number {
    const last = token.end[0];
    return last ? last.offset + last.source.length : token.offset + 1;
  }

  private end(pairs: YamlPair[]): number {
    return Math.max(0, ...pairs.flatMap((p) => [p.key?.range[1] ?? 0, p.value?.range[1] ?? 0]));
  }
}
