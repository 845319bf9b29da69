import assert from 'node:assert/strict';
import { VENDORED_CALIBRATION_DIR } from '../helpers/calibrationData';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { catalogModel } from '../../src/core/catalog';
import { estimate } from '../../src/core/estimate';
import { DEFAULT_CALIBRATION } from '../../src/core/estimate/calibration';
import { customProfile, hardwarePreset } from '../../src/core/hardware';
import { readMeasurements } from '../../src/core/measure';
import {
  applyMachineCalibration,
  fitMachineCalibration,
  leaveOneOut,
  predictRun,
  type CalibrationCase,
} from '../../src/core/measure/calibrate';
import { formatMeasured, measuredFor } from '../../src/core/measure/match';
import { modelForRun } from '../../src/core/measure/runModel';
import { loadFindings } from '../../src/core/measure/spill';
import {
  emptyMeasurements,
  foreignRunsWarning,
  hardwareFingerprint,
  mergeMeasurements,
  parseStoredMeasurements,
} from '../../src/core/measure/store';
import { MiB } from '../../src/core/units';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/measure', name), 'utf8');
// ../shared/calibration as vendored in test/fixtures (runs in a fresh clone too).
const SHARED = VENDORED_CALIBRATION_DIR;

// The three Llama 3 files published for one Apple M1 Max (32-core GPU, 64 GB) in published_bench.json,
// printed as llama-bench's markdown table (model description, size, params, backend, ngl, test, t/s).
function m1MaxTable(): string {
  const records = JSON.parse(readFileSync(path.join(SHARED, 'published_bench.json'), 'utf8')).records.filter(
    (r: { hardware: string }) => r.hardware === 'Apple M1 Max (32-core GPU, 64GB)',
  );
  assert.equal(records.length, 6, 'published_bench.json: the M1 Max rows');
  const desc: Record<string, string> = { 'Llama 3 8B': 'llama 8B', 'Llama 3 70B': 'llama 70B' };
  const ftype: Record<string, string> = { Q4_K_M: 'Q4_K - Medium', F16: 'F16' };
  const rows = records.map(
    (r: { model: string; quant: string; file_size_gib: number; params_b: number; test: string; value: number }) =>
      `| ${desc[r.model]} ${ftype[r.quant]} | ${r.file_size_gib.toFixed(2)} GiB | ${r.params_b.toFixed(2)} B | Metal | 99 | ${r.test} | ${r.value.toFixed(2)} |`,
  );
  return ['| model | size | params | backend | ngl | test | t/s |', '| --- | ---: | ---: | --- | --: | ---: | ---: |', ...rows].join('\n');
}

async function m1MaxCases(): Promise<CalibrationCase[]> {
  const read = readMeasurements(m1MaxTable());
  assert.equal(read.runs.length, 6);
  // 400 GB/s unified memory, 64 GB: the M3 Max preset's host with the M1 Max GPU from the database.
  const hardware = customProfile(hardwarePreset('m3-max'), { gpu: 'Apple M1 Max (32-core GPU)' });
  const cases: CalibrationCase[] = [];
  for (const run of read.runs) {
    const { model, how } = await modelForRun(run.model);
    assert.ok(model, how);
    cases.push({ run, model, hardware });
  }
  return cases;
}

const relErr = (p: number, m: number) => Math.abs(p / m - 1);

test('calibrating on two files of one machine moves the third model toward its held-out measurement', async () => {
  const cases = await m1MaxCases();
  // Runs resolve to the catalog by architecture + parameters (no GGUF on disk): 8B and 70B.
  assert.deepEqual(
    [...new Set(cases.map((c) => `${c.model.name} ${c.model.quant}`))],
    ['Llama 3.1 8B Instruct Q4_K_M', 'Llama 3.1 8B Instruct F16', 'Llama 3.1 70B Instruct Q4_K_M'],
  );
  const train = cases.filter((c) => c.model.nParams < 1e10);
  const held = cases.filter((c) => c.model.nParams > 1e10);
  const fit = fitMachineCalibration(train);
  assert.equal(fit.gpuBandwidth?.runs, 2);
  assert.equal(fit.prefill?.runs, 2);
  assert.equal(fit.cpuBandwidth, undefined, 'no CPU-side runs on this machine');
  for (const f of [fit.gpuBandwidth!, fit.prefill!]) assert.ok(f.value >= 0.5 && f.value <= 1.6);
  const calibrated = applyMachineCalibration(DEFAULT_CALIBRATION, fit);
  for (const c of held) {
    const before = relErr(predictRun(c, DEFAULT_CALIBRATION).tps, c.run.tps);
    const after = relErr(predictRun(c, calibrated).tps, c.run.tps);
    assert.ok(after < before, `${c.run.kind}: |error| ${before.toFixed(3)} → ${after.toFixed(3)}`);
  }
  // Decode of the 70B: the engine alone is well over +50% on this 2024 Metal build; calibrated, under +30%.
  const decode = held.find((c) => c.run.kind === 'decode')!;
  assert.ok(predictRun(decode, DEFAULT_CALIBRATION).tps / decode.run.tps > 1.5);
  assert.ok(predictRun(decode, calibrated).tps / decode.run.tps < 1.3);
});

test('leave-one-run-out: decode error on the M1 Max runs falls', async () => {
  const report = leaveOneOut(await m1MaxCases());
  assert.equal(report.rows.length, 6);
  assert.equal(report.decode.runs, 3);
  assert.ok(report.decode.after < report.decode.before, JSON.stringify(report.decode));
  for (const r of report.rows) assert.ok(r.before > 0 && r.after > 0 && r.measured > 0);
});

test('the hook multiplies the factors in and narrows bands only with runs behind them', () => {
  const base = DEFAULT_CALIBRATION;
  assert.equal(applyMachineCalibration(base, {}), base);
  const cal = applyMachineCalibration(base, {
    gpuBandwidth: { value: 1.1, runs: 3, spread: 0.02 },
    prefill: { value: 0.8, runs: 1, spread: 0 },
  });
  assert.equal(cal.bandwidthEfficiency.cuda, base.bandwidthEfficiency.cuda * 1.1);
  assert.equal(cal.bandwidthEfficiency.metal, base.bandwidthEfficiency.metal * 1.1);
  assert.equal(cal.bandwidthEfficiency.cpu, base.bandwidthEfficiency.cpu);
  assert.equal(cal.prefillPeakEfficiency, base.prefillPeakEfficiency * 0.8);
  assert.equal(cal.cpuPrefillGflopsPerThread.x86, base.cpuPrefillGflopsPerThread.x86 * 0.8);
  // 3 runs, spread 2%: the band is ±max(5%, 2 × 2%) inside the engine's own band.
  assert.deepEqual(cal.decodeBand, { low: Math.max(base.decodeBand.low, 0.95), high: Math.min(base.decodeBand.high, 1.05) });
  assert.deepEqual(cal.prefillBand, base.prefillBand, 'one prefill run does not narrow the band');
  assert.equal(base.bandwidthEfficiency.cuda, DEFAULT_CALIBRATION.bandwidthEfficiency.cuda, 'base untouched');
});

test('measured next to predicted: the same file, quant and settings only', () => {
  const runs = [...readMeasurements(fixture('bench.json')).runs, ...readMeasurements(fixture('bench.md')).runs];
  const model = catalogModel('llama3.1-8b', 'Q4_K_M');
  const e = estimate(model, { ngl: 99, flashAttn: 'on', ctx: 4096 }, hardwarePreset('h100'));
  const m = measuredFor(e, runs);
  // bench.json names no file the catalog has, so it matches by size (tensor bytes) and parameters; bench.md by its 4.58 GiB.
  assert.equal(m.decode?.runs, 2);
  assert.equal(m.decode?.tps, 261.93);
  assert.equal(m.prefill?.tps, 9130.88);
  assert.equal(formatMeasured(m.decode!, 250.04), 'measured 262 tok/s on this machine, 2 runs; predicted 250');
  assert.equal(
    measuredFor(estimate(model, { ngl: 99, flashAttn: 'off', ctx: 4096 }, hardwarePreset('h100')), runs).decode,
    undefined,
    'fa off ≠ fa on',
  );
  assert.equal(
    measuredFor(estimate(model, { ngl: 16, flashAttn: 'on', ctx: 4096 }, hardwarePreset('h100')), runs).decode,
    undefined,
    'other split',
  );
  assert.equal(
    measuredFor(estimate(catalogModel('llama3.1-8b', 'Q8_0'), { ngl: 99, flashAttn: 'on' }, hardwarePreset('h100')), runs).decode?.tps,
    221.94,
  );
});

test('spill and mismatch findings carry the numbers', () => {
  const model = catalogModel('llama3.1-8b', 'Q4_K_M');
  const h100 = hardwarePreset('h100');
  const [full, partial] = readMeasurements(fixture('llama-server-interleaved.log')).loads;
  const predictedFull = estimate(model, { ngl: 'auto', ctx: 4096, flashAttn: 'on' }, h100);
  assert.equal(predictedFull.offload.gpuLayers, 33);
  const fewer = loadFindings(partial, predictedFull);
  assert.deepEqual(
    fewer.map((f) => f.code),
    ['measure.fewer-layers'],
  );
  assert.match(fewer[0].message, /16\/33 layers offloaded.*predicted 33\/33/);
  assert.deepEqual(loadFindings(full, predictedFull), [], 'the full load is as predicted');
  // Against a 16-layer prediction the full load's 4403.49 + 512 + 258.5 MiB of CUDA0 buffers are far above.
  const f = loadFindings(full, estimate(model, { ngl: 16, ctx: 4096, flashAttn: 'on' }, h100));
  assert.equal(f[0].code, 'measure.vram-above');
  assert.match(f[0].message, new RegExp(`allocated ${(((4403.49 + 512 + 258.5) * MiB) / 1e9).toFixed(1)} GB`));
  const spill = loadFindings(readMeasurements(fixture('ollama-ps-spill.json')).loads[0]);
  assert.equal(spill[0].code, 'measure.spill');
  // size 9.6 GiB, size_vram 6.8 GiB: 2.8 GiB = 29% in system RAM.
  assert.match(spill[0].message, /3\.0 GB of 10\.3 GB \(29%\)/);
  assert.deepEqual(loadFindings(readMeasurements(fixture('ollama-ps.json')).loads[0]), []);
  assert.equal(loadFindings(readMeasurements(fixture('ollama-spill.log')).loads[0])[0].code, 'measure.partial-offload');
});

test('per-machine store: keyed by the hardware, deduplicated, bounded, corrupt data rejected', () => {
  const hw = hardwarePreset('h100');
  const fp = hardwareFingerprint(hw);
  assert.equal(fp, hardwareFingerprint(hardwarePreset('h100')));
  assert.notEqual(fp, hardwareFingerprint(hardwarePreset('rtx4090')));
  const read = readMeasurements(fixture('bench.jsonl'));
  const once = mergeMeasurements(emptyMeasurements(hw), read, 'bench.jsonl', '2026-12-01T00:00:00Z');
  assert.equal(once.added, 4);
  const twice = mergeMeasurements(once.store, read, 'bench.jsonl again');
  assert.equal(twice.added, 0);
  assert.equal(twice.store.runs.length, 4);
  assert.deepEqual(parseStoredMeasurements(JSON.parse(JSON.stringify(twice.store)), fp)?.runs, twice.store.runs);
  assert.equal(parseStoredMeasurements(twice.store, 'another machine'), undefined);
  assert.equal(parseStoredMeasurements({ version: 2 }, fp), undefined);
  assert.equal(parseStoredMeasurements('garbage', fp), undefined);
});

test('runs printed on another GPU are flagged before they calibrate this machine', () => {
  const runs = readMeasurements(fixture('bench.json')).runs; // gpu_info "NVIDIA H100 80GB HBM3"
  assert.equal(foreignRunsWarning(runs, hardwarePreset('h100')), undefined);
  assert.match(foreignRunsWarning(runs, hardwarePreset('rtx4090'))!, /measured on NVIDIA H100 80GB HBM3, but this machine has .*4090/);
  assert.match(foreignRunsWarning(runs, hardwarePreset('ddr5-cpu'))!, /this machine has no GPU/);
  assert.equal(
    foreignRunsWarning(readMeasurements(fixture('bench.md')).runs, hardwarePreset('rtx4090')),
    undefined,
    'the table names no GPU',
  );
});
