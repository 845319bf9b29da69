// CodeLens titles on real engine Estimates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configLensTitle, lensTitle } from '../../src/vscode/format/lens';
import { formatTps } from '../../src/core/units';
import { analysisOf, est, RIG_3060, RIG_CPU } from './fixtures';

test('fits: GPU bytes of free VRAM and decode speed', () => {
  const e = est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const m = /^fits · ([\d.]+) GB of 12\.3 GB · ~([\d.]+) tok\/s$/.exec(lensTitle(e));
  assert.ok(m, lensTitle(e));
  // At least the GPU weights (4,617,396,480) + the 8k f16 KV cache (1,073,741,824).
  assert.ok(Number(m[1]) >= 5.6);
  assert.equal(m[2], formatTps(e.speed.decodeTps));
});

test('partial: layers on the GPU out of blocks + 1', () => {
  // Qwen2.5-14B Q8_0 (~15.7 GB) cannot sit whole in 11.5 GiB: 48 blocks + output = 49 offloadable layers.
  const e = est('qwen2.5-14b', 'Q8_0', { ctx: 8192 }, RIG_3060);
  assert.equal(e.fitLevel, 'partial');
  const title = lensTitle(e);
  assert.match(
    title,
    new RegExp(`^partial ${e.offload.gpuLayers}/49 layers · [\\d.]+ GB of 12\\.3 GB \\+ [\\d.]+ GB RAM · ~[\\d.]+ tok/s$`),
  );
  assert.ok(e.offload.gpuLayers > 0 && e.offload.gpuLayers < 49);
});

test('does not fit: says which memory is short', () => {
  // Llama 3.1 405B Q4_K_M (~243 GB) against 32 GiB = 34,359,738,368 bytes of RAM.
  const e = est('llama3.1-405b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  assert.equal(e.fitLevel, 'none');
  assert.match(lensTitle(e), /^does not fit · needs [\d.]+ GB RAM of 34\.4 GB \([\d.]+ GB short\)$/);
});

test('CPU-only machine: fits in RAM', () => {
  const e = est('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_CPU);
  assert.match(lensTitle(e), /^fits in RAM · [\d.]+ GB of 68\.7 GB RAM · ~[\d.]+ tok\/s$/);
});

test('configuration without an estimate: the reason, shortened', () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 8192 }, RIG_3060);
  const long = 'x'.repeat(200);
  const t = configLensTitle({
    ...a,
    estimate: undefined,
    diagnostics: [{ severity: 'error', code: 'c', message: long, range: a.config.range, fixes: [] }],
  });
  assert.equal(t, `Model Fit: no estimate · ${'x'.repeat(79)}…`);
  assert.match(configLensTitle(a), /^Model Fit: fits · /);
});
