// `model-fit calibrate --from FILE…`: read llama-bench / llama-server / Ollama output of this machine, fit its
// efficiency factors, and report the leave-one-run-out error before and after. Flags: args.ts (COMMAND_FLAGS.calibrate).
import { write, writeJson } from './output';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ModelFitError } from '../core/errors';
import { customProfile, detectHardware, hardwarePreset } from '../core/hardware';
import { MAX_MEASURE_TEXT, readMeasurements } from '../core/measure';
import { fitMachineCalibration, leaveOneOut, unusableReason, type CalibrationCase } from '../core/measure/calibrate';
import { modelForRun } from '../core/measure/runModel';
import { loadFindings } from '../core/measure/spill';
import { foreignRunsWarning, hardwareFingerprint } from '../core/measure/store';
import type { SpeedRun } from '../core/measure';
import type { HardwareProfile } from '../core/types';
import type { EstimateArgs } from './args';
import { presetId } from './hardwareArgs';

function readBounded(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ModelFitError(`cannot read ${file}`);
  }
  if (size > MAX_MEASURE_TEXT)
    throw new ModelFitError(`${file} is ${Math.round(size / 2 ** 20)} MiB; the limit is ${MAX_MEASURE_TEXT / 2 ** 20} MiB`);
  return readFileSync(file, 'utf8');
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');

export async function runCalibrate(a: EstimateArgs): Promise<number> {
  const files = a.from ?? [];
  if (!files.length) throw new ModelFitError('calibrate needs --from FILE (llama-bench output, a llama-server log, Ollama output)');
  const base: HardwareProfile = a.hardware === 'this' ? await detectHardware({ allowExec: true }) : hardwarePreset(presetId(a.hardware));
  const hw = a.gpu ? customProfile(base, { gpu: a.gpu }) : base;
  const reports: unknown[] = [];
  const skipped: Array<{ file: string; line: number; reason: string }> = [];
  const findings: Array<{ file: string; line: number; code: string; message: string }> = [];
  const cases: CalibrationCase[] = [];
  const models = new Map<string, string>();
  let read = 0;
  const allRuns: SpeedRun[] = [];
  for (const file of files) {
    const r = readMeasurements(readBounded(file));
    reports.push({ file, formats: r.formats, runs: r.runs.length, loads: r.loads.length, diagnostics: r.diagnostics });
    read += r.runs.length;
    allRuns.push(...r.runs);
    const dirs = [path.dirname(path.resolve(file)), ...(a.models ?? [])];
    for (const run of r.runs) {
      const unusable = unusableReason(run);
      if (unusable) {
        skipped.push({ file, line: run.line, reason: unusable });
        continue;
      }
      const found = await modelForRun(run.model, dirs);
      models.set(run.model.file ?? run.model.desc ?? run.model.name ?? '?', found.how);
      if (!found.model) {
        skipped.push({ file, line: run.line, reason: found.how });
        continue;
      }
      cases.push({ run, model: found.model, hardware: hw });
    }
    for (const l of r.loads) for (const f of loadFindings(l)) findings.push({ file, line: f.line, code: f.code, message: f.message });
  }
  const factors = fitMachineCalibration(cases);
  const loo = leaveOneOut(cases);
  const result = {
    hardware: { id: hw.id, label: hw.label, fingerprint: hardwareFingerprint(hw) },
    files: reports,
    runs: { read, used: cases.length, skipped },
    models: [...models].map(([run, how]) => ({ run, how })),
    factors,
    leaveOneOut: loo,
    findings,
    warnings: [foreignRunsWarning(allRuns, hw)].filter((w): w is string => !!w),
  };
  if (a.json) {
    writeJson(result);
  } else {
    const out = [`Calibrating ${hw.label}: ${cases.length} of ${read} runs used.`];
    for (const [name, f] of Object.entries(factors))
      out.push(`  ${name}: × ${f.value.toFixed(3)} (${f.runs} run${f.runs === 1 ? '' : 's'}, spread ${pct(f.spread)})`);
    out.push('', 'leave-one-run-out (each run predicted from the others):');
    for (const r of loo.rows)
      out.push(
        `  ${r.label.padEnd(48)} measured ${r.measured.toFixed(2).padStart(9)}  before ${r.before.toFixed(2).padStart(9)}  after ${r.after.toFixed(2).padStart(9)}`,
      );
    out.push(
      `  decode median |error|: ${pct(loo.decode.before)} → ${pct(loo.decode.after)} over ${loo.decode.runs}; prefill: ${pct(loo.prefill.before)} → ${pct(loo.prefill.after)} over ${loo.prefill.runs}`,
    );
    for (const w of result.warnings) out.push(`  warning: ${w}`);
    for (const s of skipped) out.push(`  skipped ${s.file}:${s.line}: ${s.reason}`);
    for (const f of findings) out.push(`  ${f.file}:${f.line}: ${f.message}`);
    write(out.join('\n') + '\n');
  }
  return cases.length ? 0 : 2;
}
