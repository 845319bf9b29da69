// npm run calibrate — fit the estimator's efficiency constants on ../shared/calibration and write
// src/core/data/calibration.json. Coordinate descent on mean |log(predicted / measured)|, one
// constant at a time, so each constant keeps a physical meaning (a bandwidth fraction, a fixed cost).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CALIBRATION, type Calibration } from '../src/core/estimate/calibration';
import { predict } from './accuracy';
import { loadCases, type CalibrationCase } from './calibration-cases';

type Path = (string | number)[];

function get(cal: Calibration, p: Path): number {
  return p.reduce<any>((o, k) => o[k], cal) as number;
}

function set(cal: Calibration, p: Path, v: number): Calibration {
  const copy = structuredClone(cal);
  let o: any = copy;
  for (const k of p.slice(0, -1)) o = o[k];
  o[p[p.length - 1]] = v;
  return copy;
}

function loss(cases: CalibrationCase[], cal: Calibration): number {
  let sum = 0;
  for (const c of cases) sum += Math.abs(Math.log(predict(c, cal).predicted / c.measured));
  return sum / Math.max(1, cases.length);
}

function fit(cases: CalibrationCase[], cal: Calibration, params: Array<{ path: Path; min: number; max: number }>): Calibration {
  let best = cal;
  for (const prm of params) best = set(best, prm.path, Math.min(prm.max, Math.max(prm.min, get(best, prm.path))));
  let bestLoss = loss(cases, best);
  for (let round = 0; round < 6; round++) {
    for (const prm of params) {
      for (const step of [1.5, 1.15, 1.03]) {
        for (;;) {
          let improved = false;
          for (const dir of [step, 1 / step]) {
            const v = Math.min(prm.max, Math.max(prm.min, get(best, prm.path) * dir));
            const trial = set(best, prm.path, v);
            const l = loss(cases, trial);
            if (l < bestLoss - 1e-9) {
              best = trial;
              bestLoss = l;
              improved = true;
              break;
            }
          }
          if (!improved) break;
        }
      }
    }
  }
  return best;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}

async function main(): Promise<void> {
  const cases = await loadCases();
  // The shared constants are CUDA's and the CPU's (no GPU); other backends get their own factors below.
  const backendOf = (c: CalibrationCase) => c.hardware.gpus[0]?.backend ?? 'cuda';
  // Vulkan before 2025 was a different, much slower backend (rewritten through 2024); users run today's.
  const current = (c: CalibrationCase) => backendOf(c) !== 'vulkan' || (c.buildYear ?? 0) >= 2025;
  const decode = cases.filter((c) => c.kind === 'decode' && current(c));
  const prefill = cases.filter((c) => c.kind === 'prefill' && current(c));
  const sharedDecode = decode.filter((c) => backendOf(c) === 'cuda');
  let cal = structuredClone(DEFAULT_CALIBRATION);

  const decodeParams = [
    { path: ['bandwidthEfficiency', 'cuda'], min: 0.4, max: 1 },
    { path: ['gpuPerLayerSeconds'], min: 1e-6, max: 3e-4 },
    { path: ['gpuPerTokenSeconds'], min: 1e-5, max: 3e-3 },
    { path: ['bandwidthEfficiency', 'cpu'], min: 0.3, max: 0.95 },
    { path: ['cpuPerTokenSeconds'], min: 1e-5, max: 1e-3 },
    { path: ['kvReadEfficiency', 'fa'], min: 0.2, max: 0.95 },
    { path: ['kvReadEfficiency', 'noFa'], min: 0.1, max: 1 },
    { path: ['gpuPerLayerNoFaSeconds'], min: 1e-7, max: 2e-4 },
    { path: ['kQuantSecondsPerParam', 'gpu'], min: 1e-16, max: 1e-12 },
    { path: ['kQuantSecondsPerParam', 'cpu'], min: 1e-16, max: 1e-10 },
  ];
  // Coordinate descent stalls where the CPU's bandwidth fraction absorbs its K-quant cost: start it from
  // both ends (low fraction without K-quant cost, Q8_0-level fraction with one) and keep the better fit.
  const seeds = [
    set(set(cal, ['bandwidthEfficiency', 'cpu'], 0.6), ['kQuantSecondsPerParam', 'cpu'], 1e-16),
    set(set(cal, ['bandwidthEfficiency', 'cpu'], 0.9), ['kQuantSecondsPerParam', 'cpu'], 3e-12),
  ].map((seed) => fit(sharedDecode, seed, decodeParams));
  cal = seeds.reduce((a, b) => (loss(sharedDecode, b) < loss(sharedDecode, a) ? b : a));
  // Each other backend: its bandwidth fraction, and its dispatch cost relative to CUDA's once it has
  // enough rows to tell the two apart (small and large models on the same backend).
  for (const b of ['metal', 'rocm', 'vulkan'] as const) {
    const own = decode.filter((c) => backendOf(c) === b);
    if (own.length < 2) continue;
    cal = fit(own, cal, [
      { path: ['bandwidthEfficiency', b], min: 0.3, max: 0.95 },
      ...(own.length >= 4 ? [{ path: ['gpuFixedCostScale', b], min: 0.3, max: 5 }] : []),
    ]);
  }
  cal = fit(prefill.filter((c) => backendOf(c) === 'cuda'), cal, [
    { path: ['prefillPeakEfficiency'], min: 0.1, max: 1 },
    { path: ['prefillHalfSaturationTflops'], min: 20, max: 5000 },
    { path: ['attentionFlopsFactor', 'fa'], min: 0.05, max: 5 },
    { path: ['attentionFlopsFactor', 'noFa'], min: 0.02, max: 5 },
    { path: ['hostToDeviceGBs'], min: 1, max: 64 },
    { path: ['cpuPrefillGflopsPerThread', 'x86'], min: 5, max: 500 },
    { path: ['cpuPrefillGflopsPerThread', 'arm'], min: 5, max: 500 },
  ]);
  for (const b of ['metal', 'rocm', 'vulkan'] as const) {
    const own = prefill.filter((c) => backendOf(c) === b);
    if (own.length >= 2) cal = fit(own, cal, [{ path: ['prefillBackendFactor', b], min: 0.1, max: 3 }]);
  }

  // Bands: the 10th and 90th percentile of measured / predicted, so ~80% of runs land inside.
  const ratios = (cs: CalibrationCase[]) => cs.map((c) => c.measured / predict(c, cal).predicted);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const d = ratios(decode);
  const p = ratios(prefill);
  // In-sample percentiles flatter the model, and builds alone move a machine by ~15%: never narrower than that.
  cal.decodeBand = { low: round(Math.min(0.85, quantile(d, 0.1))), high: round(Math.max(1.15, quantile(d, 0.9))) };
  cal.prefillBand = { low: round(Math.min(0.85, quantile(p, 0.1))), high: round(Math.max(1.15, quantile(p, 0.9))) };

  const out = {
    about: (DEFAULT_CALIBRATION as unknown as { about: string }).about,
    fittedOn: `${new Date().toISOString().slice(0, 10)}: ${decode.length} decode and ${prefill.length} prefill cases (measured llama.cpp + published)`,
    ...Object.fromEntries(Object.entries(cal).filter(([k]) => k !== 'about' && k !== 'fittedOn').map(([k, v]) => [k, roundDeep(v)])),
  };
  const file = path.resolve(__dirname, '../src/core/data/calibration.json');
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`decode loss ${loss(decode, cal).toFixed(4)}, prefill loss ${loss(prefill, cal).toFixed(4)}; wrote ${file}`);
}

function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return Number(v.toPrecision(4));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
