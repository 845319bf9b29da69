// Batched decode with N slots: the weights are read once per step for all streams, each stream reads its own KV.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogModel } from '../../src/core/catalog';
import { estimate } from '../../src/core/estimate';
import { slotThroughput, weightReadFactor } from '../../src/core/estimate/parallelSlots';
import { hardwarePreset } from '../../src/core/hardware';

const hw = hardwarePreset('rtx3060-ddr4');

test('dense model at an empty context: 4 slots give 4× the tokens at the single-stream speed', () => {
  const spec = catalogModel('llama3.1-8b', 'Q4_K_M');
  const e = estimate(spec, { ctx: 16384, ngl: 33, parallel: 4 }, hw);
  const t = slotThroughput(spec, e, e, 4);
  assert.equal(weightReadFactor(spec, 4), 1);
  assert.equal(t.perStreamTps, e.speed.decodeTps);
  assert.equal(t.aggregateTps, 4 * e.speed.decodeTps);
  assert.equal(t.computeBound, false);
});

test('at depth each stream adds its own KV read to the step', () => {
  const spec = catalogModel('llama3.1-8b', 'Q4_K_M');
  const s = { ctx: 16384, ngl: 33, parallel: 4 };
  const deep = estimate(spec, s, hw, { depth: 4096 });
  const zero = estimate(spec, s, hw, { depth: 0 });
  const t = slotThroughput(spec, deep, zero, 4);
  const t0 = 1 / zero.speed.decodeTps;
  const kv = 1 / deep.speed.decodeTps - t0;
  assert.ok(kv > 0);
  assert.ok(Math.abs(t.stepSeconds - (t0 + 4 * kv)) < 1e-12);
  assert.ok(t.perStreamTps < deep.speed.decodeTps && t.aggregateTps > deep.speed.decodeTps);
});

test('MoE: N tokens route to the union of their experts, 1 − (1 − k/E)^N per block', () => {
  const spec = catalogModel('qwen3-30b-a3b', 'Q4_K_M');
  let dense = spec.output.bytes;
  let experts = 0;
  for (const b of spec.blocks) {
    dense += b.dense.bytes;
    experts += b.experts.bytes;
  }
  // 8 of 128 experts per token; 4 tokens touch 1 − (120/128)^4 = 22.8 % of them
  const expected = (dense + experts * (1 - (120 / 128) ** 4)) / (dense + experts * (8 / 128));
  assert.ok(Math.abs(weightReadFactor(spec, 4) - expected) < 1e-12);
  // attention, router and output are read once whatever N is: less than the experts' 3.65× alone
  assert.ok(expected > 1 && expected < (1 - (120 / 128) ** 4) / (8 / 128));
});

test('many slots hit the compute floor that prefill measures', () => {
  const spec = catalogModel('qwen2.5-0.5b', 'Q4_K_M');
  const e = estimate(spec, { ctx: 32768, ngl: 25, parallel: 256 }, hw);
  const t = slotThroughput(spec, e, e, 256);
  assert.equal(t.computeBound, true);
  assert.ok(Math.abs(t.aggregateTps - e.speed.prefillTps) < 1e-6 * e.speed.prefillTps);
});
