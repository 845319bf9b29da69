// Text from files cannot hijack a surface (issue 16): a GGUF whose general.name carries terminal escapes, a command
// link, HTML and a bidi override goes through the CLI (text and --json), the hover Markdown and the panel message;
// a GGUF or binary file given as FILE is never read as text.
import { runCliInProcess } from '../helpers/runCli';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { jsonText, markdownText, plainDeep, plainText, terminalText } from '../../src/core/present/safeText';
import { modelHover } from '../../src/vscode/format/hover';
import { analysisOf, RIG_3060 } from '../adapters/fixtures';
import { stringArray, writeGguf } from '../helpers/ggufWriter';

const HOSTILE =
  'Evil\x1b]0;pwned\x07\x1b[2J\x9b31m[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> \u202egnp.exe\r\nline2';
/** Anything a terminal, Markdown renderer or the page would act on. */
// eslint-disable-next-line no-control-regex
const DANGEROUS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let gguf: string;

const cli = runCliInProcess;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-hostile-'));
  gguf = path.join(dir, 'evil.gguf');
  writeGguf(gguf, {
    metadata: {
      'general.architecture': 'llama',
      'general.name': HOSTILE,
      'general.file_type': 1,
      'llama.block_count': 2,
      'llama.embedding_length': 256,
      'llama.feed_forward_length': 512,
      'llama.attention.head_count': 4,
      'llama.attention.head_count_kv': 2,
      'llama.context_length': 2048,
      'tokenizer.ggml.tokens': stringArray(1000),
    },
    tensors: [
      { name: 'token_embd.weight', type: 'F16', dims: [256, 1000] },
      ...[0, 1].map((i) => ({ name: `blk.${i}.attn_q.weight`, type: 'F16', dims: [256, 256] })),
      { name: 'output.weight', type: 'F16', dims: [256, 1000] },
    ],
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('safeText', () => {
  it('removes escape sequences and controls for the terminal, keeps text, tabs and newlines', () => {
    assert.equal(terminalText('a\x1b]0;title\x07b\x1b[2Jc\x1b[31;1md\x9b31me\u202ef\tg\nh'), 'abcdef\tg\nh');
    assert.equal(terminalText('x\x1bP1;2|data\x1b\\y'), 'xy'); // DCS string up to ST
    assert.equal(plainText('a\nb\r\u2028c'), 'a b  c');
  });
  it('escapes Markdown so no link, image, HTML or icon forms', () => {
    assert.equal(markdownText('[x](command:a) <img> $(zap) ![i](j)'), '\\[x\\](command:a) \\<img\\> \\$(zap) \\!\\[i\\](j)');
  });
  it('JSON keeps the value and loses the raw bytes', () => {
    const json = jsonText(JSON.stringify({ name: HOSTILE }));
    assert.ok(!DANGEROUS.test(json));
    assert.equal(JSON.parse(json).name, HOSTILE);
  });
  it('is linear on long unterminated sequences', () => {
    const s = '\x1b[' + '0'.repeat(200000) + '\x1b]' + 'x'.repeat(200000);
    const t0 = process.cpuUsage();
    terminalText(s.repeat(5));
    const c = process.cpuUsage(t0);
    assert.ok((c.user + c.system) / 1000 < 500);
  });
});

describe('CLI output of a hostile general.name', () => {
  it('text: the name is shown without escapes, controls or bidi overrides', async () => {
    const r = await cli('estimate', '--model', gguf, '--gpu', 'none', '--ram', '16');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!DANGEROUS.test(r.stdout) && !DANGEROUS.test(r.stderr), JSON.stringify(r.stdout.slice(0, 200)));
    assert.match(
      r.stdout,
      /^Evil\[x\]\(command:workbench\.action\.terminal\.new\) <img src=x onerror=alert\(1\)> {2}gnp\.exe {2}line2 · F16/,
    );
  });
  it('--json: the same value, as escapes', async () => {
    const r = await cli('estimate', '--model', gguf, '--gpu', 'none', '--ram', '16', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!DANGEROUS.test(r.stdout));
    assert.equal(JSON.parse(r.stdout).model.name, HOSTILE);
  });
});

describe('a model or binary file given as FILE', () => {
  it('a .gguf FILE is estimated as --model, same answer', async () => {
    const asFile = JSON.parse((await cli('estimate', gguf, '--gpu', 'none', '--ram', '16', '--json')).stdout);
    const asModel = JSON.parse((await cli('estimate', '--model', gguf, '--gpu', 'none', '--ram', '16', '--json')).stdout);
    assert.deepEqual(asFile.memory, asModel.memory);
    assert.equal(asFile.model.layers, 2);
  });
  it('a GGUF under another name is known by its magic bytes', async () => {
    const other = path.join(dir, 'model.bin');
    copyFileSync(gguf, other);
    const r = await cli('estimate', other, '--gpu', 'none', '--ram', '16', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).model.layers, 2);
    const both = await cli('estimate', other, '--model', gguf);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^model-fit: .* is a GGUF model, not a config file; give it as FILE or --model, not both\n$/);
  });
  it('a binary or oversized FILE gets a one-line error without being read whole', async () => {
    const bin = path.join(dir, 'junk.sh');
    writeFileSync(bin, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
    const r = await cli('estimate', bin);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^model-fit: .*junk\.sh looks binary \(NUL bytes\), not a config file; not read\n$/);
    const big = path.join(dir, 'big.sh');
    writeFileSync(big, '');
    // Sparse: 11 MB that cost nothing on disk; refused from its size before any read.
    const fs = await import('node:fs');
    fs.truncateSync(big, 11 * 1024 * 1024);
    const r2 = await cli('estimate', big);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /^model-fit: .*big\.sh is 11 MB, larger than the 10 MB read for a config file; not read\n$/);
  });
});

describe('editor surfaces', () => {
  it('hover Markdown: no command link, HTML, escape or bidi character', () => {
    const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
    a.estimate!.model.name = HOSTILE;
    const md = modelHover(a);
    assert.ok(!DANGEROUS.test(md));
    // Only escaped forms remain: no unescaped `](` link tail or `<` tag opener.
    assert.ok(!/(^|[^\\])\]\(command:/.test(md) && !/(^|[^\\])<img/.test(md));
    assert.ok(md.includes('\\[x\\](command:workbench.action.terminal.new) \\<img src=x onerror=alert(1)\\>'));
  });
  it('panel message: every string plain', () => {
    const msg = plainDeep({ type: 'model', model: { name: HOSTILE, rows: [[{ label: `${HOSTILE}` }]] } });
    assert.ok(!DANGEROUS.test(JSON.stringify(msg).replace(/\\u[0-9a-f]{4}/g, '')));
    assert.equal(msg.model.rows[0][0].label.startsWith('Evil[x](command:'), true);
  });
});
