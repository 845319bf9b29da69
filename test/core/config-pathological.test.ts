// Inputs built to make a reader's work grow faster than the file (issue 16): each must read in under 50 ms of CPU
// at the size it was found at, with the readers' answers still right where the input is valid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, parseCommandLine, parseConfigFile, parseLlamaSwap, parsePresetIni } from '../../src/core/config';
import { quantInFileName } from '../../src/core/quantNames';
import type { ParseResult } from '../../src/core/types';
import { cpuMs, perfLimitMs } from '../helpers/cpuTime';

// Issue 16's budget: 50 ms of CPU per file (scaled up only when the machine's run queue is longer than its cores).
const LIMIT_MS = perfLimitMs(50);

function fast(name: string, fn: () => ParseResult): ParseResult {
  const { ms, result } = cpuMs(fn);
  assert.ok(ms < LIMIT_MS, `${name}: ${ms.toFixed(1)} ms`);
  for (const d of result.diagnostics) assert.ok(!/[\n\r]/.test(d.message), `${name}: diagnostic on one line`);
  return result;
}

test('a 40 KB word that looks like a container image: linear, and real image names still count', () => {
  for (const word of [
    '/llamacpp'.repeat(4500),
    `/llama.cpp${':server'.repeat(5700)}!`,
    `llama-cpp:server${'a'.repeat(40000)}!`,
    'llama.cpp'.repeat(4500),
  ]) {
    fast('shell', () => parseCommandLine('run.sh', `docker run ${word} -m x.gguf\n`));
    fast('compose', () => parseCommandLine('compose.yaml', `services:\n  a:\n    image: "${word}"\n`));
    assert.equal(cpuMs(() => detectFormat('run.sh', `${word}\n`)).ms < LIMIT_MS, true);
  }
  const r = parseCommandLine('run.sh', 'docker run --gpus all ghcr.io/ggml-org/llama.cpp:server-cuda -m /models/a.gguf -c 8192\n');
  assert.deepEqual(
    r.configs.map((c) => [c.modelRef, c.settings.ctx]),
    [['/models/a.gguf', 8192]],
  );
  assert.equal(detectFormat('run.sh', 'docker run ghcr.io/ggml-org/llama.cpp:full --run\n'), 'command-line');
  assert.equal(detectFormat('run.sh', 'docker run ghcr.io/ggml-org/llama.cpp:latest\n'), undefined);
});

test('-hff with a quant name repeated 50,000 times', () => {
  const r = fast('hff', () => parseCommandLine('run.sh', `llama-server -hf a/b -hff ${'Q4_K_M-'.repeat(50000)}x.gguf\n`));
  assert.equal(r.configs[0].modelRef, 'hf.co/a/b');
  assert.equal(quantInFileName(`${'Q4_K_M_'.repeat(50000)}!`), undefined);
  assert.equal(quantInFileName(`${'x'.repeat(100)}-Q4_K_M.gguf`), 'Q4_K_M');
  assert.equal(quantInFileName('Qwen3-30B-A3B-UD-Q4_K_XL.gguf'), 'UD-Q4_K_XL');
});

test('detectFormat on 65,000 blank lines', () => {
  const blank = '\n'.repeat(65000);
  for (const name of ['config.yaml', 'presets.ini', 'run.sh', 'settings.json', 'compose.yml']) {
    const { ms } = cpuMs(() => detectFormat(name, `models:\n${blank}`));
    assert.ok(ms < LIMIT_MS, `${name}: ${ms} ms`);
  }
  assert.equal(detectFormat('config.yaml', `models:\n${blank}  a:\n    cmd: llama-server\n`), 'llama-swap');
  assert.equal(detectFormat('p.ini', `${blank}[a]\nmodel = x.gguf\n`), 'preset-ini');
});

test('presets INI: 200 global keys × 2,000 sections are applied once, each section still gets them', () => {
  const global = `[*]\n${'c = 8192\nngl = 99\n'.repeat(100)}fa = sideways\n`;
  const sections = Array.from({ length: 2000 }, (_, i) => `[m${i}]\nmodel = m${i}.gguf\n${i === 7 ? 'c = 4096\n' : ''}`).join('');
  const r = fast('ini', () => parsePresetIni('presets.ini', global + sections));
  assert.equal(r.configs.length, 2000);
  assert.deepEqual([r.configs[0].settings.ctx, r.configs[0].settings.ngl, r.configs[7].settings.ctx], [8192, 99, 4096]);
  // The bad global value is reported once, not once per section.
  assert.equal(r.diagnostics.filter((d) => d.code === 'llama-args.bad-value').length, 1);
});

test('a shell script with 2,000 exports and 2,000 commands: exports shared, each command sees the ones before it', () => {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) lines.push(`export LLAMA_ARG_CTX_SIZE=${1024 + i}`, `llama-server -m m${i}.gguf`);
  const r = fast('exports', () => parseCommandLine('run.sh', `export LLAMA_ARG_N_GPU_LAYERS=x\n${lines.join('\n')}\n`));
  assert.equal(r.configs.length, 2000);
  assert.deepEqual([r.configs[0].settings.ctx, r.configs[1999].settings.ctx], [1024, 3023]);
  assert.equal(r.diagnostics.filter((d) => d.code === 'llama-args.bad-value').length, 1);
});

test('llama-swap macros over 25,000 words used by 100 models: a "too complex" diagnostic, fast', () => {
  const models = Array.from({ length: 100 }, (_, i) => `  m${i}:\n    cmd: llama-server -m a.gguf \${big}\n`).join('');
  const r = fast('macros', () => parseLlamaSwap('config.yaml', `macros:\n  big: "${'-c 1 '.repeat(12500)}"\nmodels:\n${models}`));
  assert.ok(r.diagnostics.some((d) => d.code.endsWith('.too-complex')));
  // Nested macros doubling at each level stop at the document's expansion budget.
  const doubling = Array.from({ length: 30 }, (_, i) => `  d${i + 1}: "\${d${i}} \${d${i}}"`).join('\n');
  const r2 = fast('doubling', () =>
    parseLlamaSwap('config.yaml', `macros:\n  d0: "-c 1"\n${doubling}\nmodels:\n  a:\n    cmd: llama-server -m a.gguf \${d30}\n`),
  );
  assert.ok(r2.diagnostics.some((d) => d.code.endsWith('.too-complex')));
});

test('150,000 bad options: no stack overflow, a bounded number of one-line diagnostics', () => {
  const r = fast('bad options', () => parseCommandLine('run.sh', `llama-server -m a.gguf ${'-c x '.repeat(150000)}\n`));
  assert.ok(r.diagnostics.length <= 60, String(r.diagnostics.length));
  assert.ok(r.diagnostics.some((d) => d.code.endsWith('.too-complex') || d.code === 'llama-args.too-many-errors'));
  const values = fast('bad values', () => parseCommandLine('run.sh', `llama-server -m a.gguf -c "1\n\x1b[2J${'x'.repeat(500)}"\n`));
  assert.ok(values.diagnostics.every((d) => d.message.length < 200 && !d.message.includes('\x1b')));
});

test('deeply nested YAML flow maps give "too complex", not "Invalid string length"', () => {
  for (const n of [26, 1000, 100000]) {
    const text = `models:\n  a: ${'{'.repeat(n)}\n    cmd: llama-server -m a.gguf\n`;
    const r = fast(`braces ${n}`, () => parseLlamaSwap('config.yaml', text));
    assert.ok(!r.diagnostics.some((d) => /Invalid string length|call stack/.test(d.message)), JSON.stringify(r.diagnostics[0]));
    fast(`braces ${n} file`, () => parseConfigFile('config.yaml', '{'.repeat(n)));
    fast(`brackets ${n} compose`, () => parseCommandLine('compose.yaml', `services:\n  a: ${'['.repeat(n)}\n`));
  }
  assert.ok(parseLlamaSwap('config.yaml', `models: ${'{'.repeat(100)}`).diagnostics.some((d) => d.code === 'llama-swap.too-complex'));
});

test('YAML merge keys: on a non-map they do not throw; on a map they are followed', () => {
  for (const text of [
    'models:\n  ? {<<: 1}\n  : {cmd: llama-server -m a.gguf}\n',
    'models:\n  ? [{<<: [1, 2]}]\n  : x\n  b:\n    <<: 3\n    cmd: llama-server -m b.gguf\n',
  ]) {
    assert.doesNotThrow(() => parseLlamaSwap('config.yaml', text));
    assert.doesNotThrow(() => parseCommandLine('compose.yaml', text.replace('models', 'services')));
  }
  const r = parseLlamaSwap(
    'config.yaml',
    'base: &b\n  cmd: llama-server -m x.gguf -c 4096\nmodels:\n  a:\n    <<: *b\n  b:\n    <<: [*b]\n    cmd: llama-server -m y.gguf\n',
  );
  assert.deepEqual(
    r.configs.map((c) => [c.label, c.modelRef, c.settings.ctx]),
    [
      ['a', 'x.gguf', 4096],
      ['b', 'y.gguf', undefined],
    ],
  );
  const c = parseCommandLine(
    'compose.yaml',
    'x-llama: &l\n  image: ghcr.io/ggml-org/llama.cpp:server\n  command: -m /m/a.gguf -c 2048\nservices:\n  llm:\n    <<: *l\n',
  );
  assert.deepEqual(
    c.configs.map((k) => [k.label, k.modelRef, k.settings.ctx]),
    [['llm', '/m/a.gguf', 2048]],
  );
});

test('deep block nesting (found by the fuzzer: a stack overflow and a V8 out-of-memory in the YAML library)', () => {
  for (const text of [
    'models:\n  ' + '- '.repeat(3000),
    'a: ' + '? '.repeat(3000),
    'models:\n' + Array.from({ length: 300 }, (_, i) => ' '.repeat(i + 2) + '-').join('\n'),
  ]) {
    for (const [name, read] of [
      ['config.yaml', parseLlamaSwap],
      ['compose.yaml', parseCommandLine],
    ] as const) {
      const r = fast(name, () => read(name, text));
      assert.ok(
        r.diagnostics.some((d) => d.code.endsWith('.too-complex')),
        JSON.stringify(r.diagnostics[0]),
      );
    }
  }
  // Real files nest a few levels and still read.
  const ok = parseLlamaSwap(
    'config.yaml',
    'models:\n  a:\n    cmd: |\n      llama-server -m x.gguf\n      -c 4096\n    env:\n      - "A=1"\n',
  );
  assert.deepEqual(
    ok.configs.map((c) => [c.modelRef, c.settings.ctx]),
    [['x.gguf', 4096]],
  );
});

test('YAML the library would spend over 50 ms on is refused up front: 20,000 stray `}`, over 64 KB', () => {
  for (const text of [`models:\n  a:\n    cmd: llama-server -m a.gguf\n${'}'.repeat(20000)}\n`, `services:\n  a: ${']'.repeat(20000)}\n`]) {
    const r = fast('stray closers', () => parseLlamaSwap('config.yaml', text));
    assert.match(r.diagnostics[0].message, /more than 1000 `\]` or `\}` that close nothing/);
    fast('stray closers compose', () => parseCommandLine('compose.yaml', text));
  }
  const model = (i: number) => `  m${i}:\n    cmd: llama-server -m /models/m${i}.gguf -c 8192 -ngl 99\n`;
  const config = (n: number) => `models:\n${Array.from({ length: n }, (_, i) => model(i)).join('')}`;
  // 950 models (63,438 bytes) still read; 1,000 (66,788) are refused.
  const big = fast('63 KB', () => parseLlamaSwap('config.yaml', config(950)));
  assert.deepEqual([big.configs.length, big.configs[949].modelRef, big.configs[949].settings.ctx], [950, '/models/m949.gguf', 8192]);
  const tooBig = fast('66 KB', () => parseLlamaSwap('config.yaml', config(1000)));
  assert.deepEqual(
    tooBig.diagnostics.map((d) => d.message),
    ['File is too complex to read: YAML larger than 64 KB'],
  );
});

test('found by the 1M fuzz run: nesting the line checks miss gives "too complex", a Dockerfile string left open is linear', () => {
  const nested = ` <<:   ? [x]:\n${'    <<:   ? [x]:\n'.repeat(1200)}models:\n  a:\n    cmd: llama-server -m a.gguf\n`;
  for (const [name, read] of [
    ['config.yaml', parseLlamaSwap],
    ['compose.yaml', parseCommandLine],
  ] as const) {
    const r = fast(name, () => read(name, nested));
    assert.deepEqual(
      r.diagnostics.map((d) => d.code.split('.')[1]),
      ['too-complex'],
    );
  }
  const cmd = 'FROM ghcr.io/ggml-org/llama.cpp:server-cuda\nCMD ["-m", "/m/a.gguf", "-c", "';
  fast('open exec-form string', () => parseCommandLine('Dockerfile', cmd + '\\"]'.repeat(20000)));
  // Escapes inside exec-form strings still read as before.
  const ok = parseCommandLine('Dockerfile', `${cmd}4096", "--alias", "a \\"b\\""]\n`);
  assert.deepEqual(
    ok.configs.map((c) => [c.modelRef, c.settings.ctx]),
    [['/m/a.gguf', 4096]],
  );
});
