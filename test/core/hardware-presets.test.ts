import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFitError } from '../../src/core/errors';
import { HARDWARE_PRESETS } from '../../src/core/data/hardwarePresets';
import { customProfile, formatHardwareReport, hardwarePreset, hardwarePresets, hardwareReportJson } from '../../src/core/hardware';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

test('preset list holds the documented ids, each buildable', () => {
  const ids = hardwarePresets().map((p) => p.id);
  for (const id of ['rtx3060-ddr4', 'rtx4090', 'rtx5090', 'm3-max', 'm4-pro', 'ddr5-cpu', 'optane-768', 'h100', 'cpu-only-laptop'])
    assert.ok(ids.includes(id), id);
  for (const id of ids) assert.equal(hardwarePreset(id).id, id);
});

test('rtx3060-ddr4: 12 GiB, 600 MiB taken by the desktop, 360 GB/s; DDR4-3200 dual channel 51.2 GB/s', () => {
  const p = hardwarePreset('rtx3060-ddr4');
  assert.equal(p.gpus[0].vramBytes, 12 * GiB);
  assert.equal(p.gpus[0].freeBytes, 12 * GiB - 600 * MiB);
  assert.equal(p.gpus[0].bandwidthGBs, 360);
  assert.equal(p.ramBytes, 32 * GiB);
  assert.equal(p.ramBandwidthGBs, 51.2);
  assert.equal(p.provenance.ram, 'preset');
});

test("m3-max: 40-core, 64 GiB unified → 48 GiB for Metal, 400 GB/s; h100 uses nvidia-smi's 81559 MiB", () => {
  const m = hardwarePreset('m3-max');
  assert.equal(m.gpus[0].vramBytes, 48 * GiB);
  assert.equal(m.gpus[0].bandwidthGBs, 400);
  assert.equal(m.ramBandwidthGBs, 400);
  const h = hardwarePreset('h100');
  assert.equal(h.gpus[0].vramBytes, 81559 * MiB);
  assert.equal(h.gpus[0].freeBytes, 81079 * MiB);
  assert.equal(h.gpus[0].bandwidthGBs, 3350);
  assert.equal(hardwarePreset('ddr5-cpu').ramBandwidthGBs, 89.6); // 5600 × 8 × 2
  assert.equal(hardwarePreset('optane-768').ramBytes, 768 * GiB);
  assert.equal(hardwarePreset('optane-768').gpus.length, 0);
});

test('unknown preset: ModelFitError listing the ids', () => {
  assert.throws(
    () => hardwarePreset('rtx9999'),
    (e: unknown) => e instanceof ModelFitError && /Unknown hardware preset "rtx9999".*rtx3060-ddr4.*m3-max/.test(e.message),
  );
});

test('custom: gpu none, another GPU from the database, explicit numbers marked user', () => {
  const base = hardwarePreset('rtx3060-ddr4');
  assert.equal(customProfile(base, { gpu: 'none' }).gpus.length, 0);
  const p = customProfile(base, { gpu: 'RTX 4090' });
  assert.equal(p.gpus[0].bandwidthGBs, 1008);
  assert.equal(p.gpus[0].vramBytes, 24 * GiB);
  assert.equal(p.gpus[0].provenance.vram, 'user');
  const q = customProfile(base, { vramGiB: 16, gpuBandwidthGBs: 500, ramGiB: 64, ramBandwidthGBs: 80, cpuThreads: 6 });
  assert.equal(q.gpus[0].vramBytes, 16 * GiB);
  assert.equal(q.gpus[0].freeBytes, 16 * GiB - 600 * MiB); // the same amount stays taken
  assert.deepEqual(q.gpus[0].provenance, { vram: 'user', free: 'preset', bandwidth: 'user', fp16: 'looked-up' });
  assert.equal(q.ramBytes, 64 * GiB);
  assert.equal(q.ramBandwidthGBs, 80);
  assert.equal(q.cpu.threads, 6);
  assert.deepEqual(q.provenance, { ram: 'user', ramBandwidth: 'user', cpu: 'user' });
  assert.equal(q.id, 'rtx3060-ddr4+custom');
  assert.equal(customProfile(base, { freeVramGiB: 100 }).gpus[0].freeBytes, 12 * GiB); // clamped to total
  assert.equal(base.gpus[0].vramBytes, 12 * GiB); // base untouched
});

test('custom: Apple GPU memory follows RAM (2/3 of 36 GiB = 24 GiB); unknown GPU needs numbers; bad numbers throw', () => {
  const m = customProfile(hardwarePreset('m3-max'), { ramGiB: 36 });
  assert.equal(m.gpus[0].vramBytes, 24 * GiB);
  const a = customProfile(hardwarePreset('ddr5-cpu'), { gpu: 'Apple M4 Max (40-core GPU)', ramGiB: 128 });
  assert.equal(a.gpus[0].vramBytes, 96 * GiB);
  assert.equal(a.ramBandwidthGBs, 546);
  assert.throws(() => customProfile(hardwarePreset('ddr5-cpu'), { gpu: 'Voodoo 5' }), ModelFitError);
  const v = customProfile(hardwarePreset('ddr5-cpu'), { gpu: 'Voodoo 5', vramGiB: 8, gpuBandwidthGBs: 100 });
  assert.equal(v.gpus[0].vramBytes, 8 * GiB);
  assert.equal(v.gpus[0].provenance.bandwidth, 'user');
  assert.throws(() => customProfile(hardwarePreset('ddr5-cpu'), { vramGiB: 8 }), /need a GPU/);
  assert.throws(() => customProfile(hardwarePreset('rtx4090'), { vramGiB: -1 }), ModelFitError);
  assert.throws(() => customProfile(hardwarePreset('rtx4090'), { cpuThreads: 2.5 }), ModelFitError);
  assert.throws(() => customProfile(hardwarePreset('rtx4090'), { ramGiB: Number.NaN }), ModelFitError);
});

test('report: JSON fields and readable text with provenance', () => {
  const p = hardwarePreset('rtx3060-ddr4');
  const j = hardwareReportJson(p);
  assert.equal(j.gpus[0].name, 'GeForce RTX 3060 12 GB');
  assert.equal(j.gpus[0].vramBytes, 12 * GiB);
  assert.equal(j.gpus[0].bandwidthGBs, 360);
  assert.match(j.gpus[0].source, /techpowerup/i);
  assert.equal(j.ramBandwidthGBs, 51.2);
  assert.deepEqual(j.cpu, { model: 'AMD Ryzen 7 5800X', threads: 8, cores: 8, flags: ['avx', 'avx2', 'f16c', 'fma'] });
  assert.equal(j.provenance.ramBandwidth, 'preset');
  const t = formatHardwareReport(p);
  assert.match(t, /GPU 0: GeForce RTX 3060 12 GB \[cuda\]/);
  assert.match(t, /12\.0 GiB total \(preset\), 11\.4 GiB free \(preset\)/);
  assert.match(t, /RAM bandwidth: 51\.2 GB\/s \(preset\)/);
  assert.match(formatHardwareReport(hardwarePreset('ddr5-cpu')), /GPU: none usable \(CPU only\)/);
});

test('every preset price names its source and date; the dual-GPU preset has two cards', () => {
  for (const p of HARDWARE_PRESETS) {
    if (!p.price) continue;
    assert.ok(p.price.usd > 0, p.id);
    assert.match(p.price.date, /^\d{4}(-\d{2}-\d{2})?$/, p.id);
    assert.ok(p.price.source.url || p.price.source.ref, p.id);
    assert.ok(p.price.what.length > 0, p.id);
  }
  const dual = hardwarePreset('dual-rtx3090');
  assert.equal(dual.gpus.length, 2);
  assert.equal(dual.gpus[1].name, 'GeForce RTX 3090');
});
