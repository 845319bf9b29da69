// npm run bench:accuracy — how far predictions are from measured llama.cpp runs and published benchmarks.
import { DEFAULT_CALIBRATION } from '../src/core/estimate/calibration';
import { MiB } from '../src/core/units';
import { median, memoryWithinTolerance, predict, type Prediction } from './accuracy';
import { loadCases } from './calibration-cases';

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

function printSection(title: string, preds: Prediction[], unit: (v: number) => string): void {
  console.log(`\n## ${title} (${preds.length})`);
  for (const p of preds) {
    const extra = p.c.kind === 'fit' && p.c.measuredCtx ? `  ctx predicted ${p.estimate.settings.ctx} / llama.cpp ${p.c.measuredCtx}` : '';
    console.log(`${p.c.id.padEnd(64).slice(0, 64)}  measured ${unit(p.c.measured).padStart(10)}  predicted ${unit(p.predicted).padStart(10)}  ${pct(p.error).padStart(7)}${extra}`);
  }
}

async function main(): Promise<void> {
  const cases = await loadCases();
  const preds = cases.map((c) => predict(c, DEFAULT_CALIBRATION));
  const by = (kind: string, origin?: string) => preds.filter((p) => p.c.kind === kind && (!origin || p.c.origin === origin));
  const mib = (v: number) => `${(v / MiB).toFixed(0)} MiB`;
  const tps = (v: number) => v.toFixed(1);

  console.log(`# Model Fit accuracy vs ../shared/calibration (calibration fitted: ${(DEFAULT_CALIBRATION as unknown as { fittedOn?: string }).fittedOn ?? '?'})`);
  printSection('GPU memory (nvidia-smi peak) — measured llama.cpp', by('memory'), mib);
  printSection('Auto -ngl vs llama.cpp --fit', by('fit'), (v) => String(v));
  printSection('Decode tok/s — measured llama.cpp', by('decode', 'measured'), tps);
  printSection('Prefill tok/s — measured llama.cpp', by('prefill', 'measured'), tps);
  printSection('Decode tok/s — published', by('decode', 'published'), tps);
  printSection('Prefill tok/s — published', by('prefill', 'published'), tps);
  printSection('Decode tok/s — recent AMD results (scripts/recent-bench.ts, not in ../shared)', by('decode', 'recent'), tps);
  printSection('Prefill tok/s — recent AMD results (scripts/recent-bench.ts, not in ../shared)', by('prefill', 'recent'), tps);

  const mem = by('memory');
  const memOk = mem.filter(memoryWithinTolerance).length;
  const abs = (ps: Prediction[]) => median(ps.map((p) => Math.abs(p.error)));
  // The targets are on ../shared/calibration; the recent rows are reported on their own line.
  const shared = (ps: Prediction[]) => ps.filter((p) => p.c.origin !== 'recent');
  const dec = shared(by('decode'));
  const pre = shared(by('prefill'));
  console.log('\n## Summary');
  console.log(`memory:  ${memOk}/${mem.length} within ±3% or ±256 MiB; median |error| ${(abs(mem) * 100).toFixed(1)}%; worst ${pct(Math.max(...mem.map((p) => Math.abs(p.error))))}`);
  console.log(`decode:  median |error| ${(abs(dec) * 100).toFixed(1)}% over ${dec.length} (measured ${(abs(by('decode', 'measured')) * 100).toFixed(1)}%, published ${(abs(by('decode', 'published')) * 100).toFixed(1)}%)`);
  console.log(`prefill: median |error| ${(abs(pre) * 100).toFixed(1)}% over ${pre.length} (measured ${(abs(by('prefill', 'measured')) * 100).toFixed(1)}%, published ${(abs(by('prefill', 'published')) * 100).toFixed(1)}%)`);
  console.log(`recent:  decode median |error| ${(abs(by('decode', 'recent')) * 100).toFixed(1)}% over ${by('decode', 'recent').length}, prefill ${(abs(by('prefill', 'recent')) * 100).toFixed(1)}% over ${by('prefill', 'recent').length}`);
  const fit = by('fit');
  console.log(`auto -ngl: ${fit.filter((p) => p.predicted === p.c.measured).length}/${fit.length} equal to llama.cpp's choice, all within ${Math.max(0, ...fit.map((p) => Math.abs(p.predicted - p.c.measured)))} layers`);
  const inBand = (ps: Prediction[], lo: 'decodeTpsLow' | 'prefillTpsLow', hi: 'decodeTpsHigh' | 'prefillTpsHigh') =>
    ps.filter((p) => p.c.measured >= p.estimate.speed[lo] && p.c.measured <= p.estimate.speed[hi]).length;
  console.log(`bands:   decode ${inBand(dec, 'decodeTpsLow', 'decodeTpsHigh')}/${dec.length} and prefill ${inBand(pre, 'prefillTpsLow', 'prefillTpsHigh')}/${pre.length} measurements inside the predicted low–high band`);
  const targets = memOk === mem.length && abs(dec) <= 0.10 && abs(pre) <= 0.25;
  console.log(`targets (memory all within tolerance, decode ≤ 10%, prefill ≤ 25%): ${targets ? 'MET' : 'NOT MET'}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
