// npm run calibrate — fit the estimator's efficiency constants (scripts/fit.ts) on ../shared/calibration
// and scripts/data/bench-records.json, and write src/core/data/calibration.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CALIBRATION } from '../src/core/estimate/calibration';
import { loadCases } from './calibration-cases';
import { fitCalibration, isCurrent, leaveOneSourceOut, loss, withBands } from './fit';

async function main(): Promise<void> {
  const cases = await loadCases();
  const fit = fitCalibration(cases);
  const { era, fitted } = fit;
  // Bands from out-of-sample errors: measured ÷ predicted when each source is left out, by group (band.ts).
  const { held } = leaveOneSourceOut(cases);
  const cal = withBands(
    fit.cal,
    held.map((h) => ({ c: h.c, r: h.c.measured / h.predicted })),
  );
  const current = cases.filter(isCurrent);
  const decode = current.filter((c) => c.kind === 'decode');
  const prefill = current.filter((c) => c.kind === 'prefill');
  const out = {
    about: (DEFAULT_CALIBRATION as unknown as { about: string }).about,
    fittedOn: `${new Date().toISOString().slice(0, 10)}: ${fitted.length} constants on ${decode.length} decode and ${prefill.length} prefill records from 2025+ llama.cpp builds (measured + published + transcribed); older builds ran ${era.decode.toFixed(2)}× (decode) and ${era.prefill.toFixed(2)}× (prefill) the current prediction`,
    ...Object.fromEntries(
      Object.entries(cal)
        .filter(([k]) => k !== 'about' && k !== 'fittedOn')
        .map(([k, v]) => [k, roundDeep(v)]),
    ),
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
