import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildYamlTree, type YamlNode } from '../../src/core/config/yamlTree';
import { getKey, mapEntries, scalarText } from '../../src/core/config/yamlNodes';

const messages = (text: string) => buildYamlTree(text).errors.map((e) => e.message);
const at = (doc: { contents: YamlNode | undefined }, ...path: string[]) =>
  path.reduce<YamlNode | undefined>((n, k) => getKey(n, k), doc.contents);

test('scalars keep the text as written, folded per YAML; null-words are null', () => {
  const text = "a: 8080\nb: 0x10\nc: 'it''s'\nd: \"tab\\there\"\ne: |\n  one\n  two\nf: >-\n  x\n  y\ng: ~\nh:\n";
  const doc = buildYamlTree(text);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => scalarText(at(doc, k))),
    ['8080', '0x10', "it's", 'tab\there', 'one\ntwo\n', 'x y', undefined, undefined],
  );
  const e = at(doc, 'e');
  assert.equal(e?.kind === 'scalar' && e.type, 'BLOCK_LITERAL');
  assert.equal(text.slice(e!.range[0], e!.range[0] + 1), '|'); // the range starts at the header, as scalarPositions expects
});

test('anchors, aliases and << merge keys (own keys win)', () => {
  const doc = buildYamlTree('base: &b\n  cmd: llama-server\n  ttl: 5\nm:\n  <<: *b\n  ttl: 9\nlist:\n  - &x one\n  - *x\n');
  assert.equal(scalarText(at(doc, 'm', 'cmd')), 'llama-server');
  assert.equal(scalarText(at(doc, 'm', 'ttl')), '9');
  assert.deepEqual(
    mapEntries(at(doc, 'm')).map((e) => e.key),
    ['ttl'],
  );
  const list = at(doc, 'list');
  assert.deepEqual(list?.kind === 'seq' && list.items.map((n) => scalarText(n?.kind === 'alias' ? n.target : n)), ['one', 'one']);
});

test('flow collections, including a pair inside a flow sequence', () => {
  const doc = buildYamlTree('a: {b: 1, c: [x, y]}\nd: [k: v]\n');
  assert.equal(scalarText(at(doc, 'a', 'b')), '1');
  const c = at(doc, 'a', 'c');
  assert.deepEqual(c?.kind === 'seq' && c.items.map((n) => scalarText(n)), ['x', 'y']);
  const d = at(doc, 'd');
  assert.equal(d?.kind === 'seq' && scalarText(getKey(d.items[0], 'k')), 'v');
});

test('broken YAML gives errors, never throws', () => {
  assert.deepEqual(messages('models:\n  c: [\n'), ['Expected flow sequence to end with ]']);
  assert.deepEqual(messages('a: 1\nb\nc: 2\n'), ['Implicit map keys need to be followed by map values']);
  assert.deepEqual(messages('a: b: c\n'), ['Nested mappings are not allowed in compact mappings']);
  assert.deepEqual(messages('a:\n  - b\n c: d\n'), ['All mapping items must start at the same column']);
  assert.deepEqual(messages('\ta: 1\n'), ['Tabs are not allowed as indentation']);
  assert.deepEqual(messages('a: *nope\n'), ['Aliased anchor not found: nope']);
  assert.ok(messages('a: "open\n').some((m) => /closing "quote/.test(m)));
  assert.deepEqual(messages('a: 1\n---\nb: 2\n'), ['More than one YAML document: only the first is read']);
  // Compact nesting on one line passes the line-based depth check; the tree stops at its own limit.
  const deep = buildYamlTree('<<: '.repeat(5000) + 'x\n');
  let depth = 0;
  for (let n = deep.contents; n?.kind === 'map'; n = n.items[0]?.value) depth++;
  assert.equal(depth, 128);
});
