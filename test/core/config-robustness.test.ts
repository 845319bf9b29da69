import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  detectFormat,
  parseCommandLine,
  parseConfigFile,
  parseLlamaCppPython,
  parseLlamaSwap,
  parseModelfile,
  parsePresetIni,
} from '../../src/core/config';

const readers = [parseModelfile, parseLlamaSwap, parsePresetIni, parseCommandLine, parseLlamaCppPython];

function junk(n: number, seed = 7): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(x % 256);
  }
  return s;
}

test('binary junk: every reader returns a diagnostic, none throws', () => {
  const text = junk(20000);
  for (const read of readers) {
    const r = read('file', text);
    assert.equal(r.configs.length, 0);
    assert.ok(
      r.diagnostics.some((d) => d.code.endsWith('.binary')),
      read.name,
    );
  }
});

test('junk without NUL bytes and unbalanced quotes: no throw, bounded time', () => {
  const text = junk(200000).replace(/\0/g, ' ') + '\n"""\n"\'{[';
  for (const read of readers) {
    const t0 = Date.now();
    assert.doesNotThrow(() => read('config.yaml', text));
    assert.ok(Date.now() - t0 < 5000, read.name);
  }
});

test('files over 10 MB are refused with one diagnostic', () => {
  const big = 'PARAMETER num_ctx 4096\n'.repeat(500000);
  const r = parseConfigFile('Modelfile', big);
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ['modelfile.too-large'],
  );
});

test('a long but valid script parses in bounded time; one past the word budget says so', () => {
  const text = 'llama-server -m m.gguf -c 4096 -ngl 99\n'.repeat(2000);
  const t0 = Date.now();
  const r = parseCommandLine('run.sh', text);
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(r.configs.length, 2000);
  const huge = parseCommandLine('run.sh', text.repeat(10));
  assert.ok(huge.configs.length < 20000 && huge.configs.length >= 2000);
  assert.deepEqual(
    huge.diagnostics.map((d) => d.code),
    ['command-line.too-complex'],
  );
});

test('detectFormat by name and content', () => {
  assert.equal(detectFormat('start.sh', 'echo hi\n'), undefined);
  assert.equal(detectFormat('start.sh', 'llama-server -m x.gguf\n'), 'command-line');
  assert.equal(detectFormat('presets.ini', '[a]\nmodel = x\n'), 'preset-ini');
  assert.equal(detectFormat('config.yml', 'models:\n  a:\n    cmd: llama-server\n'), 'llama-swap');
  assert.equal(detectFormat('compose.yaml', 'services:\n  a:\n    image: ghcr.io/ggml-org/llama.cpp:server\n'), 'command-line');
  assert.equal(detectFormat('other.yaml', 'services:\n  db:\n    image: postgres\n'), undefined);
  assert.equal(detectFormat('package.json', '{"name":"x","model":"y"}'), undefined);
});
