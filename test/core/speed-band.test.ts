// Decode on the CPU by kernel family, and speed bands by group (placement, backend, deep prefill), on the
// real Llama 3.2 1B headers of the calibration data. Expected values are worked out here by hand.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { estimate } from '../../src/core/estimate';
import { bandGroup, bandOf, bandsOf, groupBand, MIN_GROUP_RECORDS } from '../../src/core/estimate/band';
import { DEFAULT_CALIBRATION } from '../../src/core/estimate/calibration';
import { loadGgufModel } from '../../src/core/gguf';
import type { ModelSpec } from '../../src/core/types';
import { realGgufFile } from '../helpers/calibrationData';
import { testGpu, testMachine } from '../helpers/testHardware';

// Llama 3.2 1B: 16 blocks of q, o (2048²), k, v (2048×512), gate, up, down (2048×8192), two norms; the
// output matmul is the tied 128256×2048 embedding plus the output norm.
const BLOCK_PARAMS = 2 * 2048 * 2048 + 2 * 2048 * 512 + 3 * 2048 * 8192 + 2 * 2048;
const MATMUL_PARAMS = 16 * BLOCK_PARAMS + 128256 * 2048 + 2048;

let dir: string;
let q4km: ModelSpec;
let q8: ModelSpec;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-band-'));
  q4km = await loadGgufModel(realGgufFile('llama3.2-1b-Q4_K_M.gguf', dir));
  q8 = await loadGgufModel(realGgufFile('llama3.2-1b-Q8_0.gguf', dir));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const x86 = () => testMachine([], 32, 50);
const arm = () => ({ ...x86(), cpu: { model: 'arm', threads: 8, cores: 8, flags: ['neon', 'asimd'] } });
const decodeCpuSeconds = (m: ModelSpec, hw: ReturnType<typeof x86>) =>
  estimate(m, { ctx: 1024 }, hw, { genTokens: 128, promptTokens: 0 }).speed.decodeSecondsCpu;

describe('CPU decode: K-quant work by kernel family', () => {
  it('a K-quant pays its family’s cost per weight read: Arm minus x86 = weights × (arm − x86)', () => {
    const kq = DEFAULT_CALIBRATION.kQuantSecondsPerParam.cpu;
    const diff = decodeCpuSeconds(q4km, arm()) - decodeCpuSeconds(q4km, x86());
    const expected = MATMUL_PARAMS * (kq.arm - kq.x86);
    assert.ok(Math.abs(diff - expected) <= 1e-6 * Math.abs(expected), `${diff} vs ${expected}`);
  });

  it('Q8_0 has no K-quant work: the same seconds on either family (same RAM bandwidth)', () => {
    assert.equal(decodeCpuSeconds(q8, arm()), decodeCpuSeconds(q8, x86()));
  });

  it('more threads do not change it (the measured hosts show a cost per weight, not per weight per thread)', () => {
    const many = { ...x86(), cpu: { ...x86().cpu, threads: 32, cores: 32 } };
    assert.equal(decodeCpuSeconds(q4km, many), decodeCpuSeconds(q4km, x86()));
  });
});

describe('speed bands', () => {
  it('bandOf takes the 5th and 95th percentiles, never narrower than ±15%', () => {
    // 21 ratios 0.50, 0.55, …, 1.50: index floor(0.05 × 20) = 1 → 0.55, floor(0.95 × 20) = 19 → 1.45.
    const ratios = Array.from({ length: 21 }, (_, i) => 0.5 + i * 0.05);
    assert.deepEqual(bandOf(ratios), { low: 0.55, high: 1.45 });
    assert.deepEqual(bandOf([0.98, 1, 1.02]), { low: 0.85, high: 1.15 });
  });

  it('a group with fewer than MIN_GROUP_RECORDS ratios takes the wider of its band and the overall one', () => {
    const cuda = Array.from({ length: 20 }, () => ({ group: 'cuda' as const, r: 1 }));
    const rocm = [0.6, 1.3].map((r) => ({ group: 'rocm' as const, r }));
    assert.ok(rocm.length < MIN_GROUP_RECORDS);
    const { all, byGroup } = bandsOf([...cuda, ...rocm]);
    // All 22: index floor(0.05 × 21) = 1 → 1.00 (sorted 0.6, 1, …), index 19 → 1.00: floored at ±15%.
    assert.deepEqual(all, { low: 0.85, high: 1.15 });
    assert.deepEqual(byGroup.cuda, { low: 0.85, high: 1.15 });
    // ROCm alone: 0.6 and 1.3 (index 0 and floor(0.95) = 0 → 0.6; high index 0 → 0.6 → floored 1.15).
    assert.deepEqual(byGroup.rocm, { low: 0.6, high: 1.15 });
  });

  it('groups: CPU only, partial (layers or experts on the host), MoE, deep context (prefill only), else the backend', () => {
    const gpu = testMachine([testGpu({ backend: 'vulkan' })]);
    const full = { gpuLayers: 17, totalLayers: 17, cpuMoeBlocks: 0 };
    assert.equal(bandGroup('decode', testMachine([]), { ...full, gpuLayers: 0 }, 0, false), 'cpu');
    assert.equal(bandGroup('decode', gpu, { ...full, gpuLayers: 0 }, 0, false), 'cpu');
    assert.equal(bandGroup('decode', gpu, { ...full, gpuLayers: 9 }, 0, false), 'partial');
    assert.equal(bandGroup('decode', gpu, { ...full, cpuMoeBlocks: 4 }, 0, false), 'partial');
    assert.equal(bandGroup('decode', gpu, full, 0, false), 'vulkan');
    assert.equal(bandGroup('decode', gpu, full, 16384, false), 'vulkan');
    assert.equal(bandGroup('prefill', gpu, full, 16384, false), 'deep');
    assert.equal(bandGroup('decode', gpu, full, 0, true), 'moe');
    assert.equal(bandGroup('prefill', gpu, full, 16384, true), 'moe');
    assert.equal(bandGroup('decode', gpu, { ...full, cpuMoeBlocks: 4 }, 0, true), 'partial');
  });

  it("an estimate's range is its group's band around the point value; a group without one uses the overall band", () => {
    const cal = { ...DEFAULT_CALIBRATION, decodeBand: { low: 0.8, high: 1.2 }, decodeBands: { partial: { low: 0.5, high: 1.5 } } };
    assert.deepEqual(groupBand(cal, 'decode', 'metal'), { low: 0.8, high: 1.2 });
    const hw = testMachine([testGpu({ vramBytes: 1e9, freeBytes: 1e9 })]);
    const partial = estimate(q8, { ctx: 1024, ngl: 8 }, hw, { calibration: cal });
    assert.equal(partial.offload.gpuLayers, 8);
    assert.ok(Math.abs(partial.speed.decodeTpsLow - 0.5 * partial.speed.decodeTps) < 1e-9);
    assert.ok(Math.abs(partial.speed.decodeTpsHigh - 1.5 * partial.speed.decodeTps) < 1e-9);
    const full = estimate(q8, { ctx: 1024, ngl: 99 }, testMachine([testGpu()]), { calibration: cal });
    assert.ok(Math.abs(full.speed.decodeTpsLow - 0.8 * full.speed.decodeTps) < 1e-9);
  });
});
