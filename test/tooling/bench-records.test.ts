// scripts/data/bench-records.json: every transcribed result names its source, build and method, and
// every one becomes a calibration case (a record whose hardware or model the script cannot resolve
// would be dropped silently and never reach the fit or the leave-one-source-out report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BENCH_RECORDS_FILE, loadCases } from '../../scripts/calibration-cases';

interface BenchRecord {
  id: string;
  source: { repo: string; ref: string; url: string };
  method: string;
  build: string;
  date: string;
  test: string;
  value: number;
  n_cpu_moe?: number;
}

const records = (JSON.parse(readFileSync(BENCH_RECORDS_FILE, 'utf8')) as { records: BenchRecord[] }).records;

test('every transcribed record carries its source, build, date and method', () => {
  const ids = new Set<string>();
  for (const r of records) {
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.match(r.source.repo, /^[\w.-]+\/[\w.-]+$/, r.id);
    assert.ok(r.source.ref.length > 0, r.id);
    assert.match(r.source.url, /^https:\/\/github\.com\//, r.id);
    assert.ok(r.method.length > 0 && r.build.length > 0, r.id);
    assert.match(r.date, /^20(25|26)(-\d\d)?$/, `${r.id}: a 2025–26 build`);
    assert.match(r.test, /^(pp|tg)\d+( @ d\d+)?$/, r.id);
    assert.ok(r.value > 0, r.id);
  }
});

test('every transcribed record resolves to a calibration case, with its settings', async () => {
  const cases = (await loadCases()).filter((c) => c.origin === 'transcribed');
  assert.equal(cases.length, records.length);
  // The RTX 5090 rows of weiso131/schedcp keep the experts of the first 64 and 32 blocks on the CPU.
  const expertsOnCpu = cases.filter((c) => c.settings.nCpuMoe !== undefined).map((c) => c.settings.nCpuMoe);
  assert.deepEqual(
    expertsOnCpu,
    records.filter((r) => r.n_cpu_moe !== undefined).map((r) => r.n_cpu_moe),
  );
  // The Ryzen AI Max+ 395 CPU rows run on its 256 GB/s LPDDR5X-8000 (256-bit bus × 8 GT/s ÷ 8), no GPU.
  const strixCpu = cases.find((c) => c.hardware.id === 'AMD Ryzen AI Max+ 395');
  assert.ok(strixCpu);
  assert.equal(strixCpu.hardware.gpus.length, 0);
  assert.equal(strixCpu.hardware.ramBandwidthGBs, (256 / 8) * 8);
  assert.equal(strixCpu.settings.threads, 16);
});
