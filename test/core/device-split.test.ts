// Layers over several GPUs by llama.cpp's rule (src/llama-model.cpp load_tensors): cumulative split points
// from the free memory (or -ts), layer il → first device whose point is above (il − i_gpu_start) / act.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogModel } from '../../src/core/catalog';
import { estimate } from '../../src/core/estimate';
import { deviceShares, layerDevice, splitPoints } from '../../src/core/estimate/deviceSplit';
import { customProfile, hardwarePreset } from '../../src/core/hardware';
import { GiB, MiB } from '../../src/core/units';
import type { HardwareProfile } from '../../src/core/types';

function twoCards(): HardwareProfile {
  const one = customProfile(hardwarePreset('rtx4090'), { gpu: 'RTX 3090' });
  return { ...one, gpus: [one.gpus[0], { ...one.gpus[0] }] };
}

const l70 = catalogModel('llama3.1-70b', 'Q4_K_M');
const KV_PER_LAYER = 8192 * 8 * 128 * 2 * 2; // cells × KV heads × head dim × (K,V) × f16

test('split points are the normalised running sums of the proportions', () => {
  assert.deepEqual(splitPoints([1, 1]), [0.5, 1]);
  assert.deepEqual(splitPoints([3, 1]), [0.75, 1]);
  assert.deepEqual(splitPoints([24, 12, 12]), [0.5, 0.75, 1]);
});

test('2 × 24 GB, all 81 layers of a 70B: blocks 0–40 on GPU 0, blocks 41–79 and the output on GPU 1', () => {
  const hw = twoCards();
  assert.equal(hw.gpus[0].freeBytes, 24 * GiB - 600 * MiB);
  const e = estimate(l70, { ctx: 8192, ngl: 81 }, hw);
  const [a, b] = deviceShares(l70, e, hw);
  // 40/81 = 0.494 < 0.5 → GPU 0; 41/81 = 0.506 → GPU 1
  assert.deepEqual(
    a.layers,
    Array.from({ length: 41 }, (_, i) => i),
  );
  assert.deepEqual(
    b.layers,
    Array.from({ length: 40 }, (_, i) => 41 + i),
  );
  const blockBytes = (from: number, to: number) => l70.blocks.slice(from, to).reduce((s, x) => s + x.dense.bytes + x.experts.bytes, 0);
  assert.equal(a.weightBytes, blockBytes(0, 41));
  assert.equal(b.weightBytes, blockBytes(41, 80) + l70.output.bytes + l70.other.bytes);
  assert.equal(a.kvBytes, 41 * KV_PER_LAYER);
  assert.equal(b.kvBytes, 39 * KV_PER_LAYER);
  // each card carries its own CUDA context; the sum is what the estimate reports for the pair
  assert.equal(a.overheadBytes, 600 * MiB);
  assert.equal(a.totalBytes + b.totalBytes, e.memory.gpuBytes);
  assert.ok(a.fits && b.fits);
});

test('-ts 3,1 and a partial -ngl 40 move the boundary as llama.cpp does', () => {
  const hw = twoCards();
  const all = estimate(l70, { ctx: 8192, ngl: 81 }, hw);
  const [a, b] = deviceShares(l70, all, hw, { tensorSplit: [3, 1] });
  // il / 81 < 0.75 ⇔ il ≤ 60
  assert.equal(a.layers.length, 61);
  assert.equal(b.layers[0], 61);
  assert.ok(!a.fits, '61 of 80 blocks of a 42 GB model do not fit 23.4 GiB');
  const part = estimate(l70, { ctx: 8192, ngl: 40 }, hw);
  const [c, d] = deviceShares(l70, part, hw);
  // i_gpu_start = 81 − 40 = 41; (il − 41) / 40 < 0.5 ⇔ il ≤ 60
  assert.deepEqual([c.layers[0], c.layers.at(-1), d.layers[0], d.layers.at(-1)], [41, 60, 61, 80]);
  assert.equal(layerDevice(40, 80, 40, [0.5, 1]), -1);
});

test('--split-mode none keeps every layer on the main GPU; row splits each matrix and keeps the KV on it', () => {
  const hw = twoCards();
  const e = estimate(l70, { ctx: 8192, ngl: 81 }, hw);
  const [a, b] = deviceShares(l70, e, hw, { splitMode: 'none', mainGpu: 1 });
  assert.equal(a.layers.length, 0);
  assert.equal(b.layers.length, 81);
  assert.ok(!b.fits);
  const [r0, r1] = deviceShares(l70, e, hw, { splitMode: 'row' });
  assert.equal(r0.weightBytes, r1.weightBytes);
  assert.equal(r0.kvBytes, 80 * KV_PER_LAYER);
  assert.equal(r1.kvBytes, 0);
});
