// The panel's JSON from a Comparison of real engine Estimates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryBars, panelModel, profileRow } from '../../src/vscode/format/panelModel';
import type { Comparison } from '../../src/core/types';
import { analysisOf, est, RIG_3060, RIG_CPU } from './fixtures';

function comparison(): Comparison {
  const quants = ['Q4_K_M', 'Q8_0'];
  const contexts = [4096, 8192];
  return {
    modelName: 'Llama 3.1 8B Instruct',
    baseQuant: 'Q4_K_M',
    quants,
    contexts,
    grid: quants.flatMap((quant) => contexts.map((ctx) => ({ quant, ctx, estimate: est('llama3.1-8b', quant, { ctx }, RIG_3060) }))),
    profiles: [RIG_3060, RIG_CPU].map((hw) => ({ id: hw.id, label: hw.label, estimate: est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, hw) })),
    depthCurve: [0, 4096, 8192].map((depth) => ({
      depth,
      decodeTps: 60 - depth / 1024,
      decodeTpsLow: 50 - depth / 1024,
      decodeTpsHigh: 70 - depth / 1024,
    })),
  };
}

test("grid: quants × contexts, the file's cell marked, memory and tok/s per cell", () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const m = panelModel(a, a.estimate!, comparison());
  assert.deepEqual(
    m.grid.contexts.map((c) => c.label),
    ['4,096', '8,192'],
  );
  assert.deepEqual(m.grid.quants, ['Q4_K_M', 'Q8_0']);
  const current = m.grid.rows.flatMap((r, i) => r.map((c, j) => (c.current ? [i, j] : null))).filter(Boolean);
  assert.deepEqual(current, [[0, 1]]);
  // Q8_0 8B: 8,540,770,528-byte file, still all on a 12 GB card at 8k.
  for (const row of m.grid.rows)
    for (const c of row) {
      assert.equal(c.fitText, 'fits');
      assert.match(c.memText, /^[\d.]+ GB GPU \+ [\d.]+ MB RAM$/);
      assert.match(c.tpsText, /^[\d.]+ tok\/s$/);
    }
  assert.equal(m.quant, 'Q4_K_M');
  assert.match(m.summary, /^fits · /);
  assert.match(m.ttftText, /for a 512-token prompt$/);
});

test('memory bars: segments by kind against free VRAM and RAM', () => {
  const e = est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const [gpu, host] = memoryBars(e);
  assert.equal(gpu.device, 'GPU (NVIDIA GeForce RTX 3060)');
  assert.equal(gpu.limitBytes, 11.5 * 1024 ** 3);
  assert.equal(gpu.limitText, '12.3 GB free VRAM');
  const w = gpu.segments.find((s) => s.kind === 'weights')!;
  assert.equal(w.bytes, 4912898304 - 295501824); // tensor data minus token_embd
  assert.equal(w.text, '4.6 GB');
  assert.equal(gpu.segments.find((s) => s.kind === 'kv')!.bytes, 8192 * 131072);
  // Host KV is zero with every layer on the GPU, so it has no segment.
  assert.equal(
    host.segments.find((s) => s.kind === 'kv'),
    undefined,
  );
  assert.equal(host.segments.find((s) => s.kind === 'weights')!.bytes, 295501824);
  assert.equal(host.limitText, '34.4 GB RAM');
  // CPU-only: one bar, the RAM.
  const cpu = memoryBars(est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_CPU));
  assert.equal(cpu.length, 1);
  assert.equal(cpu[0].segments.find((s) => s.kind === 'weights')!.bytes, 4912898304);
});

test('profiles: energy per token only where power is known', () => {
  const gpuE = est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const g = profileRow('rig', gpuE);
  assert.equal(g.energyText, `${(170 / gpuE.speed.decodeTps).toFixed(2)} J/token`);
  assert.equal(g.layersText, '33/33');
  assert.match(g.gpuText, /^[\d.]+ GB of 12\.3 GB$/);
  const c = profileRow('cpu', est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_CPU));
  assert.equal(c.energyText, '—');
  assert.equal(c.gpuText, '—');
  assert.equal(c.fitText, 'fits (CPU)');
  assert.equal(c.layersText, '0/33');
});

test("curve: the comparison's points, labelled", () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const m = panelModel(a, a.estimate!, comparison());
  assert.deepEqual(
    m.curve.map((p) => [p.depthText, p.tps, p.tpsText]),
    [
      ['0', 60, '60.0 tok/s'],
      ['4,096', 56, '56.0 tok/s'],
      ['8,192', 52, '52.0 tok/s'],
    ],
  );
  assert.equal(m.offload.text, '33 of 33 layers on the GPU, 0 on the CPU');
});
