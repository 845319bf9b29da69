// npm run bench:accuracy — how far predictions are from measured llama.cpp runs and published benchmarks:
// in sample (the shipped calibration) and leave-one-source-out (for each source, refit without it and
// predict it), overall and by group. `-- --readme` writes the summary into README.md between markers.
import { writeReadmeBlock } from './readmeBlock';
import { DEFAULT_CALIBRATION } from '../src/core/estimate/calibration';
import { BAND_COVERAGE, MIN_GROUP_RECORDS } from '../src/core/estimate/band';
import { MiB } from '../src/core/units';
import { median, memoryWithinTolerance, predict, type Prediction } from './accuracy';
import { loadCases } from './calibration-cases';
import { backendOf, fitCalibration, isCurrent, leaveOneSourceOut, type HeldOut } from './fit';

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

function printSection(title: string, preds: Prediction[], unit: (v: number) => string): void {
  console.log(`\n## ${title} (${preds.length})`);
  for (const p of preds) {
    const extra = p.c.kind === 'fit' && p.c.measuredCtx ? `  ctx predicted ${p.estimate.settings.ctx} / llama.cpp ${p.c.measuredCtx}` : '';
    console.log(
      `${p.c.id.padEnd(64).slice(0, 64)}  measured ${unit(p.c.measured).padStart(10)}  predicted ${unit(p.predicted).padStart(10)}  ${pct(p.error).padStart(7)}${extra}`,
    );
  }
}

type Held = HeldOut;

function placementOf(h: Held): string {
  const e = h.e;
  if (h.c.hardware.gpus.length === 0 || e.offload.gpuLayers === 0) return 'CPU only';
  if (e.offload.cpuMoeBlocks > 0) return 'experts on CPU';
  return e.offload.gpuLayers < e.offload.totalLayers ? 'partial offload' : 'full GPU';
}

const GROUPS: Array<{ title: string; of: (h: Held) => string }> = [
  { title: 'backend', of: (h) => backendOf(h.c) },
  { title: 'build', of: (h) => (isCurrent(h.c) ? '2025+ builds' : 'older builds (× era factor)') },
  { title: 'model', of: (h) => (h.c.model.expertCount > 0 ? 'MoE' : 'dense') },
  { title: 'placement', of: placementOf },
  { title: 'depth', of: (h) => (h.c.io.depth === 0 ? 'depth 0' : h.c.io.depth >= 8192 ? 'depth ≥ 8k' : 'depth 1–8k') },
  { title: 'weights', of: (h) => (/^(F16|BF16|F32)$/i.test(h.c.model.quant) ? 'F16/BF16' : 'quantized') },
];

function row(label: string, hs: Held[]): string {
  const cell = (kind: string) => {
    const k = hs.filter((h) => h.c.kind === kind);
    if (k.length === 0) return '– | – | –';
    const err = median(k.map((h) => Math.abs(h.predicted / h.c.measured - 1)));
    const inBand = k.filter((h) => h.c.measured >= h.low && h.c.measured <= h.high).length;
    return `${k.length} | ${(err * 100).toFixed(1)}% | ${Math.round((inBand / k.length) * 100)}%`;
  };
  return `| ${label} | ${cell('decode')} | ${cell('prefill')} |`;
}

function groupedTable(held: Held[]): string[] {
  const lines = [
    '| group | decode n | decode median \\|err\\| | decode in band | prefill n | prefill median \\|err\\| | prefill in band |',
    '|---|---|---|---|---|---|---|',
  ];
  lines.push(row('**all**', held));
  for (const g of GROUPS) {
    const labels = [...new Set(held.map(g.of))].sort();
    for (const label of labels)
      lines.push(
        row(
          `${g.title}: ${label}`,
          held.filter((h) => g.of(h) === label),
        ),
      );
  }
  return lines;
}

/** The bands `npm run calibrate` shipped, by group (band.ts): what a user's range is made of. */
function shippedBands(): string[] {
  const cal = DEFAULT_CALIBRATION;
  const fmt = (b: { low: number; high: number }) => `${b.low.toFixed(2)}–${b.high.toFixed(2)}`;
  const line = (kind: string, all: { low: number; high: number }, by: Record<string, { low: number; high: number }> = {}) =>
    `- ${kind}: all ${fmt(all)}; ${Object.entries(by)
      .map(([g, b]) => `${g} ${fmt(b)}`)
      .join(', ')}`;
  return [
    `Shipped bands (measured ÷ predicted; the ${BAND_COVERAGE * 100}% middle of the leave-one-source-out errors of 2025+ builds, by group; a group of fewer than ${MIN_GROUP_RECORDS} records is never narrower than all):`,
    line('decode', cal.decodeBand, cal.decodeBands),
    line('prefill', cal.prefillBand, cal.prefillBands),
  ];
}

async function main(): Promise<void> {
  const writeReadme = process.argv.includes('--readme');
  const cases = await loadCases();
  const preds = cases.map((c) => predict(c, DEFAULT_CALIBRATION));
  const by = (kind: string, origin?: string) => preds.filter((p) => p.c.kind === kind && (!origin || p.c.origin === origin));
  const mib = (v: number) => `${(v / MiB).toFixed(0)} MiB`;
  const tps = (v: number) => v.toFixed(1);

  console.log(`# Model Fit accuracy (calibration fitted: ${(DEFAULT_CALIBRATION as unknown as { fittedOn?: string }).fittedOn ?? '?'})`);
  printSection('GPU memory (nvidia-smi peak) — measured llama.cpp', by('memory'), mib);
  printSection('Auto -ngl vs llama.cpp --fit', by('fit'), (v) => String(v));
  for (const [origin, what] of [
    ['measured', 'measured llama.cpp'],
    ['published', '../shared published'],
    ['transcribed', 'scripts/data/bench-records.json'],
  ] as const) {
    printSection(`Decode tok/s — ${what}`, by('decode', origin), tps);
    printSection(`Prefill tok/s — ${what}`, by('prefill', origin), tps);
  }

  const mem = by('memory');
  const memOk = mem.filter(memoryWithinTolerance).length;
  const abs = (ps: Prediction[]) => median(ps.map((p) => Math.abs(p.error)));
  const current = (ps: Prediction[]) => ps.filter((p) => isCurrent(p.c));
  const dec = current(by('decode'));
  const pre = current(by('prefill'));
  const inBand = (ps: Prediction[], lo: 'decodeTpsLow' | 'prefillTpsLow', hi: 'decodeTpsHigh' | 'prefillTpsHigh') =>
    ps.filter((p) => p.c.measured >= p.estimate.speed[lo] && p.c.measured <= p.estimate.speed[hi]).length;
  const fit = by('fit');
  const inSample = [
    `memory:  ${memOk}/${mem.length} within ±3% or ±256 MiB; median |error| ${(abs(mem) * 100).toFixed(1)}%; worst ${pct(Math.max(...mem.map((p) => Math.abs(p.error))))}`,
    `auto -ngl: ${fit.filter((p) => p.predicted === p.c.measured).length}/${fit.length} equal to llama.cpp's choice, all within ${Math.max(0, ...fit.map((p) => Math.abs(p.predicted - p.c.measured)))} layers`,
    `in sample, 2025+ builds: decode median |error| ${(abs(dec) * 100).toFixed(1)}% over ${dec.length}, prefill ${(abs(pre) * 100).toFixed(1)}% over ${pre.length}; in band: decode ${inBand(dec, 'decodeTpsLow', 'decodeTpsHigh')}/${dec.length}, prefill ${inBand(pre, 'prefillTpsLow', 'prefillTpsHigh')}/${pre.length}`,
  ];
  console.log('\n## In-sample summary');
  for (const l of inSample) console.log(l);

  const started = Date.now();
  const { era, fitted } = fitCalibration(
    cases.filter((c) => c.kind === 'decode' || c.kind === 'prefill'),
    { rounds: 3 },
  );
  const { held, sources: sourceList } = leaveOneSourceOut(cases);
  const sources = sourceList.length;
  const table = groupedTable(held);
  const all = (kind: string) => held.filter((h) => h.c.kind === kind);
  const err = (hs: Held[]) => median(hs.map((h) => Math.abs(h.predicted / h.c.measured - 1)));
  const bandShare = (hs: Held[]) => hs.filter((h) => h.c.measured >= h.low && h.c.measured <= h.high).length / Math.max(1, hs.length);
  const groupsOk = GROUPS.every((g) =>
    [...new Set(held.map(g.of))].every((label) => {
      const hs = held.filter((h) => g.of(h) === label);
      return (['decode', 'prefill'] as const).every((kind) => {
        const k = hs.filter((h) => h.c.kind === kind);
        return k.length < 10 || err(k) <= (kind === 'decode' ? 0.1 : 0.2);
      });
    }),
  );
  const met = err(all('decode')) <= 0.1 && err(all('prefill')) <= 0.2 && bandShare(held) >= 0.8 && groupsOk;
  const summary = [
    `Leave-one-source-out over ${sources} sources (${all('decode').length} decode, ${all('prefill').length} prefill records): each source's records are predicted by a calibration refitted without them, with a band taken from the other sources' out-of-sample errors. ${fitted.length} constants are fitted, on 2025+ builds only; older builds are predicted for today's llama.cpp and scaled by an era factor (fitted on the other sources: decode ×${era.decode.toFixed(2)}, prefill ×${era.prefill.toFixed(2)}).`,
    '',
    ...table,
    '',
    `Targets (decode ≤ 10%, prefill ≤ 20% overall and in every group of ≥ 10 records; ≥ 80% inside the band): ${met ? 'MET' : 'NOT MET'} — decode ${(err(all('decode')) * 100).toFixed(1)}%, prefill ${(err(all('prefill')) * 100).toFixed(1)}%, ${Math.round(bandShare(held) * 100)}% inside the band.`,
    '',
    ...shippedBands(),
  ];
  console.log('\n## Leave-one-source-out, per record (predicted by a fit without its source)');
  for (const h of held) {
    console.log(
      `${h.c.id.padEnd(64).slice(0, 64)}  measured ${h.c.measured.toFixed(1).padStart(10)}  predicted ${h.predicted.toFixed(1).padStart(10)}  ${pct(h.predicted / h.c.measured - 1).padStart(7)}`,
    );
  }
  console.log(`\n## Leave-one-source-out (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const l of summary) console.log(l);
  console.log('\n## Fitted constants');
  for (const f of fitted) console.log(`- ${f.path.join('.')}: ${f.why}`);

  if (writeReadme) writeReadmeBlock('accuracy', ['```', ...inSample, '```', '', ...summary].join('\n'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
