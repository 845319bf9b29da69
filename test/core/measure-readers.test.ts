import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { quantFromFtypeName, quantFromModelDesc, readMeasurements } from '../../src/core/measure';
import { localOllamaPsUrl } from '../../src/core/measure/ollamaPs';
import { MiB } from '../../src/core/units';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/measure', name), 'utf8');

// The four H100 runs in every llama-bench printer (measured_llamacpp.json, tag 8b_gpu_full, -ngl 99 -fa 1).
const EXPECTED = [
  { kind: 'prefill', quant: 'Q4_K_M', tps: 9130.88, sd: 1077.18, nPrompt: 512, nGen: 0 },
  { kind: 'decode', quant: 'Q4_K_M', tps: 261.93, sd: 1.47, nPrompt: 0, nGen: 128 },
  { kind: 'prefill', quant: 'Q8_0', tps: 10560.93, sd: 1283.22, nPrompt: 512, nGen: 0 },
  { kind: 'decode', quant: 'Q8_0', tps: 221.94, sd: 0.89, nPrompt: 0, nGen: 128 },
];

for (const [file, format] of [
  ['bench.md', 'llama-bench-md'],
  ['bench.csv', 'llama-bench-csv'],
  ['bench.json', 'llama-bench-json'],
  ['bench.jsonl', 'llama-bench-jsonl'],
  ['bench.sql', 'llama-bench-sql'],
] as const) {
  test(`llama-bench ${format}: every run with its settings`, () => {
    const r = readMeasurements(fixture(file));
    assert.deepEqual(r.formats, [format]);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.runs.length, 4);
    r.runs.forEach((run, i) => {
      const e = EXPECTED[i];
      assert.equal(run.tool, 'llama-bench');
      assert.equal(run.kind, e.kind);
      assert.equal(run.model.quant, e.quant);
      assert.equal(run.tps, e.tps);
      assert.equal(run.tpsStddev, e.sd);
      assert.equal(run.nPrompt, e.nPrompt);
      assert.equal(run.nGen, e.nGen);
      assert.equal(run.depth, 0);
      assert.equal(run.settings.ngl, 99);
      assert.equal(run.settings.flashAttn, 'on');
      assert.equal(run.backend, 'CUDA');
    });
    if (format === 'llama-bench-md') {
      // The table prints sizes in GiB with 2 decimals and params in B: 4.58 GiB, 8.03 B.
      assert.equal(r.runs[0].model.sizeBytes, Math.round(4.58 * 1024 ** 3));
      assert.equal(r.runs[0].model.nParams, 8.03e9);
    } else {
      assert.equal(r.runs[0].model.file, '/models/llama3.1-8b-Q4_K_M.gguf');
      assert.equal(r.runs[0].model.sizeBytes, 4912898304);
      assert.equal(r.runs[0].model.nParams, 8030261312);
      assert.equal(r.runs[1].settings.cacheTypeK, 'f16');
      assert.equal(r.runs[1].settings.ubatch, 512);
      assert.equal(r.runs[1].settings.threads, 16);
      assert.equal(r.runs[1].gpuInfo, 'NVIDIA H100 80GB HBM3');
    }
    if (format === 'llama-bench-json' || format === 'llama-bench-jsonl') assert.equal(r.runs[1].reps, 3);
  });
}

test('llama-bench JSON cut mid-test: the whole tests before the cut, and a diagnostic', () => {
  const r = readMeasurements(fixture('bench-truncated.json'));
  assert.equal(r.runs.length, 2);
  assert.deepEqual(
    r.runs.map((x) => x.tps),
    [9130.88, 261.93],
  );
  assert.ok(r.diagnostics.some((d) => d.code === 'measure.truncated'));
});

test('llama-bench table cut mid-row: the cut row is skipped with a diagnostic, progress lines ignored', () => {
  const r = readMeasurements(fixture('bench-truncated.md'));
  assert.deepEqual(
    r.runs.map((x) => x.tps),
    [9130.88, 261.93, 10560.93],
  );
  const d = r.diagnostics.find((x) => x.code === 'measure.truncated');
  assert.ok(d);
  assert.equal(d.line, 10);
});

test('llama-bench test names with depth and pp+tg', () => {
  const table = [
    '| model                          |       size |     params | backend    | ngl |            test |                  t/s |',
    '| ------------------------------ | ---------: | ---------: | ---------- | --: | --------------: | -------------------: |',
    '| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |   tg128 @ d4096 |        219.35 ± 3.05 |',
    '| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |     pp512+tg128 |        990.00 ± 1.00 |',
  ].join('\n');
  const r = readMeasurements(table);
  assert.equal(r.runs[0].kind, 'decode');
  assert.equal(r.runs[0].depth, 4096);
  assert.equal(r.runs[0].settings.ctx, 128 + 4096);
  assert.equal(r.runs[1].kind, 'mixed');
});

test('llama-server log: buffers per device, offloaded layers, timings, memory breakdown', () => {
  const r = readMeasurements(fixture('llama-server.log'));
  assert.deepEqual(r.formats, ['llama-log']);
  assert.equal(r.loads.length, 1);
  const l = r.loads[0];
  assert.equal(l.model.file, '/models/llama3.1-8b-Q4_K_M.gguf');
  assert.equal(l.model.quant, 'Q4_K_M');
  assert.equal(l.model.name, 'Llama 3.1 8B Instruct');
  assert.equal(l.gpuLayers, 33);
  assert.equal(l.totalLayers, 33);
  assert.equal(l.ctx, 4096);
  assert.equal(l.flashAttn, 'on');
  assert.equal(l.cacheTypeK, 'f16');
  const buf = (device: string, kind: string) => l.buffers.find((b) => b.device === device && b.kind === kind)?.bytes;
  assert.equal(buf('CUDA0', 'model'), 4403.49 * MiB);
  assert.equal(buf('CPU_Mapped', 'model'), 281.81 * MiB);
  assert.equal(buf('CUDA0', 'kv'), 512 * MiB);
  assert.equal(buf('CUDA0', 'compute'), 258.5 * MiB);
  assert.equal(buf('CUDA_Host', 'output'), 0.49 * MiB);
  assert.deepEqual(l.breakdown[0], {
    device: 'CUDA0 (H100 80GB HBM3)',
    totalBytes: 81079 * MiB,
    freeBytes: 75306 * MiB,
    selfBytes: 5173 * MiB,
    modelBytes: 4403 * MiB,
    contextBytes: 512 * MiB,
    computeBytes: 258 * MiB,
    unaccountedBytes: 598 * MiB,
  });
  assert.deepEqual(l.breakdown[1], {
    device: 'Host',
    selfBytes: 301 * MiB,
    modelBytes: 281 * MiB,
    contextBytes: 0,
    computeBytes: 20 * MiB,
  });
  assert.deepEqual(
    r.runs.map((x) => [x.tool, x.kind, x.tps, x.nPrompt, x.nGen, x.depth]),
    [
      ['llama-server', 'prefill', 454.27, 15, 0, 0],
      ['llama-server', 'decode', 215.12, 0, 16, 15],
    ],
  );
  assert.equal(r.runs[1].settings.ngl, 33);
  assert.equal(r.runs[1].model.quant, 'Q4_K_M');
});

test('two llama-server processes interleaved in one journal: each run keeps its own load', () => {
  const r = readMeasurements(fixture('llama-server-interleaved.log'));
  assert.equal(r.loads.length, 2);
  assert.deepEqual(
    r.loads.map((l) => l.gpuLayers),
    [33, 16],
  );
  assert.equal(r.loads[1].buffers.find((b) => b.device === 'CPU' && b.kind === 'kv')?.bytes, 272 * MiB);
  const decode = r.runs.filter((x) => x.kind === 'decode');
  assert.deepEqual(
    decode.map((x) => [x.tps, x.settings.ngl]),
    [
      [215.12, 33],
      [20.73, 16],
    ],
  );
});

test('a log cut mid-line keeps what was whole', () => {
  const r = readMeasurements(fixture('llama-server-truncated.log'));
  assert.equal(r.loads[0].gpuLayers, 16);
  assert.deepEqual(
    r.runs.map((x) => [x.kind, x.tps]),
    [['prefill', 41]],
  );
});

test('llama-cli perf lines and a host-only breakdown row', () => {
  const r = readMeasurements(fixture('llama-cli-hexagon.log'));
  assert.deepEqual(
    r.runs.map((x) => [x.tool, x.kind, x.tps, x.nPrompt, x.nGen]),
    [
      ['llama-cli', 'prefill', 136.21, 11, 0],
      ['llama-cli', 'decode', 51.57, 0, 475],
    ],
  );
  assert.equal(r.loads[0].tool, 'llama-cli');
  assert.deepEqual(
    r.loads[0].breakdown.map((b) => [b.device, b.selfBytes / MiB]),
    [
      ['HTP0 (Hexagon)', 0],
      ['Host', 439],
      ['HTP0-REPACK', 504],
    ],
  );
});

test('Ollama server log: the plan line opens the load, runner lines fill it, the vocab-only load is dropped', () => {
  const r = readMeasurements(fixture('ollama-server.log'));
  assert.deepEqual(r.formats, ['ollama-log']);
  assert.equal(r.loads.length, 1);
  const l = r.loads[0];
  assert.equal(l.tool, 'ollama');
  assert.equal(l.gpuLayers, 33);
  assert.equal(l.totalLayers, 33);
  assert.equal(l.model.quant, 'Q4_K_M');
  assert.equal(l.ctx, 8192);
  assert.equal(l.flashAttn, 'off');
  assert.equal(l.buffers.find((b) => b.device === 'CUDA0' && b.kind === 'kv')?.bytes, 1024 * MiB);
  assert.equal(l.buffers.find((b) => b.device === 'CUDA_Host' && b.kind === 'output')?.bytes, 2.02 * MiB);
});

test('Ollama /api/ps: size, size_vram and context per loaded model', () => {
  const r = readMeasurements(fixture('ollama-ps.json'));
  assert.deepEqual(r.formats, ['ollama-ps']);
  assert.deepEqual(r.loads[0].ollamaPs, { size: 5137025024, sizeVram: 5137025024, contextLength: undefined });
  assert.equal(r.loads[0].model.name, 'mistral:latest');
  assert.equal(r.loads[0].model.quant, 'Q4_0');
  assert.equal(r.loads[0].model.nParams, 7.2e9);
  const cut = readMeasurements(fixture('ollama-ps.json').slice(0, 200));
  assert.equal(cut.loads.length, 0);
  assert.equal(cut.diagnostics[0].code, 'measure.truncated');
});

test('ollama run --verbose summary', () => {
  const text = [
    'prompt eval count:    26 token(s)',
    'prompt eval duration: 130.079ms',
    'prompt eval rate:     199.88 tokens/s',
    'eval count:           259 token(s)',
    'eval duration:        4.23271s',
    'eval rate:            61.19 tokens/s',
  ].join('\n');
  const r = readMeasurements(text);
  assert.deepEqual(
    r.runs.map((x) => [x.tool, x.kind, x.tps, x.nPrompt, x.nGen, x.depth]),
    [
      ['ollama', 'prefill', 199.88, 26, 0, 0],
      ['ollama', 'decode', 61.19, 0, 259, 26],
    ],
  );
});

test('file-type names as llama.cpp prints them', () => {
  assert.equal(quantFromFtypeName('Q4_K - Medium'), 'Q4_K_M');
  assert.equal(quantFromFtypeName('Q2_K - Medium'), 'Q2_K');
  assert.equal(quantFromFtypeName('Q3_K - Large'), 'Q3_K_L');
  assert.equal(quantFromFtypeName('IQ4_XS - 4.25 bpw'), 'IQ4_XS');
  assert.equal(quantFromFtypeName('MXFP4 MoE'), 'MXFP4_MOE');
  assert.equal(quantFromFtypeName('all F32'), 'F32');
  assert.equal(quantFromFtypeName('Q8_0 (guessed)'), 'Q8_0');
  assert.equal(quantFromModelDesc('qwen35moe 35B.A3B Q4_K - Medium'), 'Q4_K_M');
  assert.equal(quantFromModelDesc('gpt-oss 20B MXFP4 MoE'), 'MXFP4_MOE');
});

test('bad input: diagnostics, never a throw', () => {
  for (const bad of [
    '',
    'hello',
    '{"models": 3}',
    '[{"build_commit": ',
    '| model | test | t/s |\n| x | pp | nope |',
    '\u0000'.repeat(1000),
    'INSERT INTO llama_bench (a) VALUES (',
    'x'.repeat(200000),
  ]) {
    const r = readMeasurements(bad);
    assert.equal(r.runs.length, 0);
    assert.ok(Array.isArray(r.diagnostics));
  }
  // @ts-expect-error non-string input from an untyped caller
  assert.doesNotThrow(() => readMeasurements(undefined));
});

test('only a local Ollama server is ever asked', () => {
  assert.equal(localOllamaPsUrl(undefined), 'http://127.0.0.1:11434/api/ps');
  assert.equal(localOllamaPsUrl('127.0.0.1:11434'), 'http://127.0.0.1:11434/api/ps');
  assert.equal(localOllamaPsUrl('http://localhost:8080'), 'http://localhost:8080/api/ps');
  assert.equal(localOllamaPsUrl('[::1]:11434'), 'http://[::1]:11434/api/ps');
  for (const remote of [
    '192.168.1.20:11434',
    'http://ollama.example.com',
    'http://127.0.0.1.evil.com:11434',
    'file:///etc/passwd',
    'http://user@10.0.0.1',
    '0.0.0.0',
  ]) {
    assert.equal(localOllamaPsUrl(remote), undefined, remote);
  }
});

test('a 16 MiB pathological log reads in linear time', () => {
  const line = `llama_memory_breakdown_print: |   - ${'| - '.repeat(4000)}`;
  const text = Array.from({ length: 200 }, (_, i) => (i % 2 ? line : `prompt eval time = ${'9'.repeat(5000)}`)).join('\n');
  const t0 = Date.now();
  const r = readMeasurements(text);
  assert.ok(Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
  assert.equal(r.runs.length, 0);
});
