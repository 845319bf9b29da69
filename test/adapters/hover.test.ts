// Hover Markdown on real engine Estimates; the expected sizes are computed by hand from llama.cpp's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctxHover, modelHover, nglHover } from '../../src/vscode/format/hover';
import { formatTps } from '../../src/core/units';
import { analysisOf, RIG_3060, RIG_CPU } from './fixtures';

// Llama-3.1-8B Q4_K_M: the real file is 4,920,733,920 bytes (calibration sizes.json); tensor data 4,912,898,304, of
// which token_embd (Q4_K, 4096 × 128256 × 144/256 = 295,501,824) stays in host memory → 4,617,396,480 on the GPU.
// KV cache, f16: 2 × 32 blocks × 8 KV heads × 128 × 2 bytes = 131,072 per token; × 8192 = 1,073,741,824.
const WEIGHTS_GPU = 4912898304 - 295501824;
const KV_8K = 8192 * 131072;

const numbersBefore = (text: string, unit: string) =>
  [...text.matchAll(new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${unit}`, 'g'))].map((m) => Number(m[1]));

test('model hover: file size, breakdown, layers, speed band, TTFT, provenance, panel link', () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const e = a.estimate!;
  const md = modelHover(a, { panelLink: 'command:modelFit.estimate?%5B%5D' });
  // First line: the verdict, memory and speed; then the model.
  const [first, second] = md.split('\n\n');
  assert.match(first, /^\$\(pass\) Fits in VRAM: needs \*\*[\d.]+ GB\*\* of 12\.3 GB free VRAM .* · \*\*~[\d.]+ tok\/s\*\*$/);
  assert.ok(first.endsWith(`**~${formatTps(e.speed.decodeTps)} tok/s**`));
  assert.match(second, /^\*\*Llama 3\.1 8B Instruct\*\* · Q4\\_K\\_M · 4\.9 GB file · catalog estimate/);
  // Free VRAM 11.5 GiB = 12,348,030,976 bytes.
  assert.match(md, /of 12\.3 GB free VRAM/);
  assert.match(md, /\| Weights \| 4\.6 GB \| 296 MB \|/);
  assert.match(md, /\| KV cache \(8,192 ctx, f16\/f16\) \| 1\.1 GB \| — \|/);
  assert.match(md, /Layers: \*\*33\/33\*\* on the GPU, 0 on the CPU/);
  // The GPU total is at least weights + KV (the rest: compute buffers and the CUDA context).
  const gb = numbersBefore(
    md.split('\n').find((l) => l.startsWith('| **Total**'))!,
    'GB',
  );
  assert.ok(gb[0] * 1e9 >= WEIGHTS_GPU + KV_8K - 0.05e9, `total ${gb[0]} GB below weights + KV`);
  // Speed: the estimate's own figures, low ≤ value ≤ high.
  assert.ok(e.speed.decodeTpsLow <= e.speed.decodeTps && e.speed.decodeTps <= e.speed.decodeTpsHigh);
  assert.ok(
    md.includes(
      `Decode: **${formatTps(e.speed.decodeTps)} tok/s** (${formatTps(e.speed.decodeTpsLow)}–${formatTps(e.speed.decodeTpsHigh)} tok/s)`,
    ),
  );
  assert.match(md, /Time to first token: \*\*[\d.]+ s\*\* for a 512-token prompt/);
  // Energy per token = board power ÷ decode speed: 170 W on the RTX 3060.
  assert.ok(md.includes(`${(170 / e.speed.decodeTps).toFixed(2)} J/token`));
  assert.ok(md.endsWith('[Open the Model Fit panel](command:modelFit.estimate?%5B%5D)'));
});

test('model hover on a CPU-only machine has a single RAM column', () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_CPU);
  const md = modelHover(a);
  assert.match(md, /\$\(info\) Runs on the CPU: needs \*\*[\d.]+ GB\*\* of 68\.7 GB RAM/); // 64 GiB = 68,719,476,736 bytes
  assert.match(md, /\| Memory \| RAM \|/);
  assert.match(md, /\| Weights \| 4\.9 GB \|/); // all 4,912,898,304 bytes of tensor data
  assert.match(md, /Layers: all 33 on the CPU/);
  assert.doesNotMatch(md, /J\/token/);
  assert.doesNotMatch(md, /Open the Model Fit panel/);
});

test('model hover of what cannot load: "would not load" with the shortfall, no speeds or time to first token', () => {
  const a = analysisOf('llama3.1-70b', 'Q4_K_M', { ctx: 32768, ngl: 99 }, RIG_3060);
  const e = a.estimate!;
  assert.equal(e.fits, false);
  const md = modelHover(a);
  assert.match(md.split('\n\n')[0], /^\$\(error\) Does not fit: .* · \*\*would not load: [\d.]+ GB short on the GPU\*\*$/);
  assert.doesNotMatch(md, /tok\/s|Time to first token/);
});

test('context hover: KV cost of this context and of half / double', () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const md = ctxHover(a);
  assert.match(md, /^\*\*Context 8,192 tokens\*\*: KV cache \*\*1\.1 GB\*\* \(131 kB per token, f16\/f16\)/);
  const rows = md.split('\n').filter((l) => /^\| (\*\*)?[\d,]+/.test(l));
  assert.equal(rows.length, 3);
  assert.match(rows[0], /^\| 4,096 \| 537 MB \|/); // 4096 × 131,072 = 536,870,912
  assert.match(rows[1], /^\| \*\*8,192\*\* \(this\) \| 1\.1 GB \|/);
  assert.match(rows[2], /^\| 16,384 \| 2\.1 GB \|/); // 2,147,483,648
  for (const r of rows) assert.match(r, /\| 33\/33 \| [\d.]+ tok\/s \|$/);
});

test('-ngl hover: the split it produces', () => {
  // 70B on 12 GB: -ngl 20 → 19 blocks + the output layer on the GPU, 61 of 81 on the CPU.
  const a = analysisOf(
    'llama3.1-70b',
    'Q4_K_M',
    { ctx: 4096, ngl: 20 },
    { ...RIG_3060, ramBytes: 64 * 1024 ** 3, ramFreeBytes: 64 * 1024 ** 3 },
  );
  const e = a.estimate!;
  assert.equal(e.offload.gpuLayers, 20);
  const md = nglHover(a);
  assert.match(md, /^\*\*-ngl 20\*\* → \*\*20\/81\*\* on the GPU, 61 on the CPU/);
  assert.match(md, /Per generated token: GPU [\d.]+ ms \+ CPU [\d.]+ ms/);
  assert.ok(md.includes(`**${formatTps(e.speed.decodeTps)} tok/s**`));
});

test('no estimate: the hover says why, with the name escaped', () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const md = modelHover({
    ...a,
    estimate: undefined,
    config: { ...a.config, modelRef: 'evil](command:rm)' },
    diagnostics: [{ severity: 'error', code: 'resolve.not-found', message: 'model "x" not found', range: a.config.range, fixes: [] }],
  });
  assert.match(md, /evil\\\]\(command:rm\)/);
  assert.match(md, /No estimate: model "x" not found/);
});
