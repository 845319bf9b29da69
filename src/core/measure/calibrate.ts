// Per-machine calibration: a few bounded efficiency factors fitted on this machine's own runs, applied as
// multipliers on top of the engine's calibration (the physics in estimate/ is untouched).
import { estimate } from '../estimate';
import { DEFAULT_CALIBRATION, type Calibration } from '../estimate/calibration';
import type { Band } from '../estimate/band';
import type { GpuBackend, HardwareProfile, ModelSpec, RunSettings } from '../types';
import type { SpeedRun } from './types';

export interface MachineFactor {
  /** Multiplier on the engine's constant; 1 = as calibrated. */
  value: number;
  /** Measured runs behind it. */
  runs: number;
  /** RMS of log(predicted / measured) over those runs after the fit. */
  spread: number;
}

/** This machine's factors; absent = no runs to fit it on. */
export interface MachineCalibration {
  /** GPU memory-bandwidth efficiency (decode with layers on the GPU). */
  gpuBandwidth?: MachineFactor;
  /** CPU memory-bandwidth efficiency (decode with layers on the CPU). */
  cpuBandwidth?: MachineFactor;
  /** Prefill throughput (GPU and CPU matmul efficiency). */
  prefill?: MachineFactor;
}

export const FACTOR_BOUNDS = { low: 0.5, high: 1.6 } as const;
/** The narrowest band half-width a per-machine fit may claim (run-to-run noise of llama-bench). */
const MIN_BAND = 0.05;

const GPU_BACKENDS: GpuBackend[] = ['cuda', 'rocm', 'metal', 'vulkan', 'sycl'];

function narrowed(base: Band, f: MachineFactor | undefined): Band {
  if (!f || f.runs < 2) return base;
  const w = Math.max(MIN_BAND, 2 * f.spread);
  return { low: Math.max(base.low, 1 - w), high: Math.min(base.high, 1 + w) };
}

function narrowedAll<K extends string>(
  bands: Partial<Record<K, Band>> | undefined,
  f: MachineFactor | undefined,
): Partial<Record<K, Band>> | undefined {
  if (!bands) return bands;
  return Object.fromEntries(Object.entries(bands).map(([k, b]) => [k, narrowed(b as Band, f)])) as Partial<Record<K, Band>>;
}

/** The hook: `cal` with this machine's factors multiplied in and its bands narrowed where runs support it. */
export function applyMachineCalibration(cal: Calibration, m: MachineCalibration | undefined): Calibration {
  if (!m || (!m.gpuBandwidth && !m.cpuBandwidth && !m.prefill)) return cal;
  const g = m.gpuBandwidth?.value ?? 1;
  const c = m.cpuBandwidth?.value ?? 1;
  const p = m.prefill?.value ?? 1;
  const bw = { ...cal.bandwidthEfficiency };
  for (const b of GPU_BACKENDS) bw[b] = cal.bandwidthEfficiency[b] * g;
  bw.cpu = cal.bandwidthEfficiency.cpu * c;
  const cpuPrefill = { ...cal.cpuPrefillGflopsPerThread };
  for (const k of Object.keys(cpuPrefill) as (keyof typeof cpuPrefill)[]) cpuPrefill[k] *= p;
  // The decode band follows the factor with the fewer runs behind it (the weaker evidence).
  const decodeEvidence = [m.gpuBandwidth, m.cpuBandwidth].filter((f): f is MachineFactor => !!f).sort((a, b) => a.runs - b.runs)[0];
  return {
    ...cal,
    bandwidthEfficiency: bw,
    prefillPeakEfficiency: cal.prefillPeakEfficiency * p,
    cpuPrefillGflopsPerThread: cpuPrefill,
    decodeBand: narrowed(cal.decodeBand, decodeEvidence),
    prefillBand: narrowed(cal.prefillBand, m.prefill),
    decodeBands: narrowedAll(cal.decodeBands, decodeEvidence),
    prefillBands: narrowedAll(cal.prefillBands, m.prefill),
  };
}

/** Shorter prompts are latency-bound (a 15-token chat turn runs at a fraction of the batch throughput). */
export const MIN_PREFILL_TOKENS = 128;
// A few generated tokens carry the first-token graph set-up and sampling overhead.
export const MIN_DECODE_TOKENS = 32;

/** Why a run cannot calibrate speed, or undefined when it can. */
export function unusableReason(run: SpeedRun): string | undefined {
  if (run.kind === 'mixed') return 'pp+tg test (prefill and decode mixed)';
  if (run.kind === 'prefill' && run.nPrompt < MIN_PREFILL_TOKENS)
    return `prompt of ${run.nPrompt} tokens (under ${MIN_PREFILL_TOKENS}: latency-bound, not throughput)`;
  if (run.kind === 'decode' && run.nGen < MIN_DECODE_TOKENS) return `${run.nGen} generated tokens (under ${MIN_DECODE_TOKENS})`;
  return undefined;
}

/** One measured run with what the estimator needs to predict it. */
export interface CalibrationCase {
  run: SpeedRun;
  model: ModelSpec;
  hardware: HardwareProfile;
}

/** The run's settings as estimator settings (llama-bench's -ngl 99 = every layer; llama.cpp clamps). */
export function runSettings(run: SpeedRun, model: ModelSpec): RunSettings {
  const s = run.settings;
  const total = model.blocks.length + 1;
  return {
    ngl: s.ngl === undefined ? 'auto' : Math.min(Math.max(0, s.ngl), total),
    flashAttn: s.flashAttn,
    cacheTypeK: s.cacheTypeK,
    cacheTypeV: s.cacheTypeV,
    batch: s.batch,
    ubatch: s.ubatch,
    nCpuMoe: s.nCpuMoe,
    threads: s.threads,
    noKvOffload: s.noKvOffload,
    ctx: Math.max(s.ctx ?? 0, run.nPrompt + run.nGen + run.depth, 256),
  };
}

export function predictRun(c: CalibrationCase, cal: Calibration): { tps: number; gpuShare: number } {
  const e = estimate(c.model, runSettings(c.run, c.model), c.hardware, {
    calibration: cal,
    promptTokens: Math.max(1, c.run.nPrompt),
    genTokens: Math.max(1, c.run.nGen),
    depth: c.run.depth,
  });
  const share =
    e.speed.decodeSecondsGpu + e.speed.decodeSecondsCpu > 0
      ? e.speed.decodeSecondsGpu / (e.speed.decodeSecondsGpu + e.speed.decodeSecondsCpu)
      : 0;
  return { tps: c.run.kind === 'prefill' ? e.speed.prefillTps : e.speed.decodeTps, gpuShare: share };
}

function logErr(c: CalibrationCase, cal: Calibration): number {
  const p = predictRun(c, cal).tps;
  return p > 0 && c.run.tps > 0 ? Math.log(p / c.run.tps) : 0;
}

/** Golden-section search of the factor in FACTOR_BOUNDS minimising the squared log errors. */
function fitFactor(cases: CalibrationCase[], calFor: (f: number) => Calibration): MachineFactor {
  const sse = (f: number) => cases.reduce((s, c) => s + logErr(c, calFor(f)) ** 2, 0);
  let a = Math.log(FACTOR_BOUNDS.low);
  let b = Math.log(FACTOR_BOUNDS.high);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = b - phi * (b - a);
  let x2 = a + phi * (b - a);
  let f1 = sse(Math.exp(x1));
  let f2 = sse(Math.exp(x2));
  for (let i = 0; i < 40 && b - a > 1e-4; i++) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - phi * (b - a);
      f1 = sse(Math.exp(x1));
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + phi * (b - a);
      f2 = sse(Math.exp(x2));
    }
  }
  const value = Math.exp((a + b) / 2);
  return { value, runs: cases.length, spread: Math.sqrt(sse(value) / cases.length) };
}

/** Decode runs whose predicted time is at least this share on one side inform that side's factor. */
const SIDE_SHARE = 0.2;

/** Fit this machine's factors on its runs (mixed pp+tg runs are ignored). */
export function fitMachineCalibration(cases: readonly CalibrationCase[], base: Calibration = DEFAULT_CALIBRATION): MachineCalibration {
  const usable = cases.filter((c) => !unusableReason(c.run));
  const decode = usable.filter((c) => c.run.kind === 'decode');
  const prefill = usable.filter((c) => c.run.kind === 'prefill');
  const shares = new Map(decode.map((c) => [c, predictRun(c, base).gpuShare]));
  const gpuCases = decode.filter((c) => shares.get(c)! >= SIDE_SHARE);
  const cpuCases = decode.filter((c) => 1 - shares.get(c)! >= SIDE_SHARE);
  const out: MachineCalibration = {};
  // Coordinate descent: the split runs tie the two bandwidth factors together.
  for (let pass = 0; pass < (gpuCases.length && cpuCases.length ? 3 : 1); pass++) {
    if (gpuCases.length)
      out.gpuBandwidth = fitFactor(gpuCases, (f) =>
        applyMachineCalibration(base, { ...out, gpuBandwidth: { value: f, runs: 0, spread: 0 } }),
      );
    if (cpuCases.length)
      out.cpuBandwidth = fitFactor(cpuCases, (f) =>
        applyMachineCalibration(base, { ...out, cpuBandwidth: { value: f, runs: 0, spread: 0 } }),
      );
  }
  if (prefill.length)
    out.prefill = fitFactor(prefill, (f) => applyMachineCalibration(base, { ...out, prefill: { value: f, runs: 0, spread: 0 } }));
  return out;
}

export interface LeaveOneOutRow {
  kind: 'decode' | 'prefill';
  label: string;
  measured: number;
  /** Engine calibration alone. */
  before: number;
  /** Fitted on every other run of this machine. */
  after: number;
}

export interface LeaveOneOutReport {
  rows: LeaveOneOutRow[];
  /** Median |predicted / measured − 1| before and after, per kind. */
  decode: { before: number; after: number; runs: number };
  prefill: { before: number; after: number; runs: number };
}

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Each run predicted by a fit on all the others (the honest error of calibrating this machine). */
export function leaveOneOut(cases: readonly CalibrationCase[], base: Calibration = DEFAULT_CALIBRATION): LeaveOneOutReport {
  const usable = cases.filter((c) => !unusableReason(c.run));
  const rows: LeaveOneOutRow[] = usable.map((c, i) => {
    const fit = fitMachineCalibration(
      usable.filter((_, j) => j !== i),
      base,
    );
    return {
      kind: c.run.kind as 'decode' | 'prefill',
      label: runLabel(c),
      measured: c.run.tps,
      before: predictRun(c, base).tps,
      after: predictRun(c, applyMachineCalibration(base, fit)).tps,
    };
  });
  const err = (kind: string, key: 'before' | 'after') =>
    median(rows.filter((r) => r.kind === kind).map((r) => Math.abs(r[key] / r.measured - 1)));
  const summary = (kind: 'decode' | 'prefill') => ({
    before: err(kind, 'before'),
    after: err(kind, 'after'),
    runs: rows.filter((r) => r.kind === kind).length,
  });
  return { rows, decode: summary('decode'), prefill: summary('prefill') };
}

export function runLabel(c: CalibrationCase): string {
  const r = c.run;
  const test = r.kind === 'prefill' ? `pp${r.nPrompt}` : `tg${r.nGen}`;
  return `${c.model.name} ${c.model.quant} ${test}${r.depth ? ` @ d${r.depth}` : ''} ngl ${r.settings.ngl ?? 'auto'}`;
}
