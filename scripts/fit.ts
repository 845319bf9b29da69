// The fit behind `npm run calibrate` and the leave-one-source-out report of `npm run bench:accuracy`.
// Coordinate descent on mean |log(predicted / measured)|, one constant at a time, so each constant keeps
// a physical meaning (a bandwidth fraction, a fixed cost). Only records from 2025+ builds are fitted:
// older llama.cpp was a different, slower program; those rows get an era factor in the report only.
import { DEFAULT_CALIBRATION, type Calibration } from '../src/core/estimate/calibration';
import { predict } from './accuracy';
import type { CalibrationCase } from './calibration-cases';

type Path = (string | number)[];

export interface FittedConstant {
  path: Path;
  min: number;
  max: number;
  why: string;
}

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

export function loss(cases: CalibrationCase[], cal: Calibration): number {
  let sum = 0;
  for (const c of cases) sum += Math.abs(Math.log(predict(c, cal).predicted / c.measured));
  return sum / Math.max(1, cases.length);
}

function descend(cases: CalibrationCase[], cal: Calibration, params: FittedConstant[], rounds: number): Calibration {
  if (cases.length === 0) return cal;
  let best = cal;
  for (const prm of params) best = set(best, prm.path, Math.min(prm.max, Math.max(prm.min, get(best, prm.path))));
  let bestLoss = loss(cases, best);
  for (let round = 0; round < rounds; round++) {
    const before = bestLoss;
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
    if (before - bestLoss < 1e-4) break;
  }
  return best;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))];
}

export const backendOf = (c: CalibrationCase) => c.hardware.gpus[0]?.backend ?? 'cpu';
/** Builds from 2025 on: the llama.cpp people run today. */
export const isCurrent = (c: CalibrationCase) => (c.buildYear ?? 0) >= 2025;

const GPU_BACKENDS = ['cuda', 'metal', 'rocm', 'vulkan', 'sycl'] as const;

/** Every constant the fit may move, with why it exists (printed by bench:accuracy). */
export const DECODE_CONSTANTS: FittedConstant[] = [
  {
    path: ['gpuPerLayerSeconds'],
    min: 1e-6,
    max: 3e-4,
    why: 'kernel launches and syncs per layer per token: small models on fast GPUs are not bandwidth-bound',
  },
  { path: ['gpuPerTokenSeconds'], min: 1e-5, max: 3e-3, why: 'per-token GPU overhead (sampling, graph launch)' },
  { path: ['bandwidthEfficiency', 'cpu'], min: 0.3, max: 0.95, why: 'share of the RAM bandwidth a CPU decode reaches' },
  { path: ['cpuPerTokenSeconds'], min: 1e-5, max: 1e-3, why: 'per-token CPU overhead (threads waking, sampling)' },
  { path: ['kvReadEfficiency', 'fa'], min: 0.2, max: 0.95, why: 'KV-cache reads with flash attention stream slower than weights' },
  { path: ['kvReadEfficiency', 'noFa'], min: 0.1, max: 1, why: 'KV-cache reads without flash attention (separate KQ/softmax/KQV kernels)' },
  { path: ['gpuPerLayerNoFaSeconds'], min: 1e-7, max: 2e-4, why: 'extra per-layer kernels without flash attention' },
  { path: ['kQuantSecondsPerParam', 'gpu'], min: 1e-16, max: 1e-12, why: 'K/I-quant dequantization work per weight on a GPU' },
  { path: ['kQuantSecondsPerParam', 'cpu'], min: 1e-16, max: 1e-10, why: 'K/I-quant dequantization work per weight on a CPU' },
  ...GPU_BACKENDS.map((b) => ({
    path: ['bandwidthEfficiency', b],
    min: 0.3,
    max: 1,
    why: `share of the memory bandwidth ${b} kernels reach when decoding`,
  })),
  {
    path: ['gpuFixedCostScale', 'metal'],
    min: 0.3,
    max: 5,
    why: 'Metal command buffers cost more per layer than CUDA launches (small models on big Apple chips)',
  },
];

export const PREFILL_CONSTANTS: FittedConstant[] = [
  { path: ['prefillPeakEfficiency'], min: 0.1, max: 1, why: 'share of the matrix peak llama.cpp matmuls reach with a full micro-batch' },
  { path: ['prefillHalfSaturationTflops'], min: 20, max: 5000, why: 'the biggest GPUs cannot be kept busy by one stream of micro-batches' },
  { path: ['ubatchHalfTokens'], min: 1, max: 256, why: 'rows per weight at which matmuls reach half their peak (small -ub, MoE experts)' },
  { path: ['attentionFlopsFactor', 'fa'], min: 0.02, max: 1, why: 'share of the FP16 peak flash attention reaches' },
  {
    path: ['attentionFlopsFactor', 'noFa'],
    min: 0.01,
    max: 1,
    why: 'share of the FP16 peak attention reaches without flash attention (separate KQ, softmax, KQV)',
  },
  { path: ['attentionHalfSaturationTflops'], min: 50, max: 20000, why: 'attention saturates big GPUs later than weight matmuls' },
  { path: ['hostLinkEfficiency'], min: 0.05, max: 1, why: "share of the PCIe rate that op offload's weight copies reach" },
  { path: ['cpuPrefillGflopsPerThread', 'x86'], min: 5, max: 500, why: 'CPU matmul rate per thread, x86' },
  { path: ['cpuPrefillGflopsPerThread', 'arm'], min: 5, max: 500, why: 'CPU matmul rate per thread, Arm' },
  ...(['metal', 'rocm', 'vulkan'] as const).map((b) => ({
    path: ['prefillBackendFactor', b],
    min: 0.1,
    max: 3,
    why: `${b} matmul kernels relative to CUDA's at the same FP16 peak`,
  })),
];

export interface FitResult {
  cal: Calibration;
  /** measured ÷ predicted (median) for pre-2025 builds: how much slower older llama.cpp was. */
  era: { decode: number; prefill: number };
  fitted: FittedConstant[];
}

/** Constants that have records to move them: a backend's own constants need ≥ 2 of its rows. */
function usable(params: FittedConstant[], cases: CalibrationCase[]): FittedConstant[] {
  return params.filter((p) => {
    const backend =
      p.path[0] === 'bandwidthEfficiency' || p.path[0] === 'gpuFixedCostScale' || p.path[0] === 'prefillBackendFactor'
        ? String(p.path[1])
        : undefined;
    if (!backend || backend === 'cpu') return true;
    return cases.filter((c) => backendOf(c) === backend).length >= 2;
  });
}

export function fitCalibration(cases: CalibrationCase[], opts: { rounds?: number; start?: Calibration } = {}): FitResult {
  const rounds = opts.rounds ?? 6;
  const current = cases.filter(isCurrent);
  const decode = current.filter((c) => c.kind === 'decode');
  const prefill = current.filter((c) => c.kind === 'prefill');
  let cal = structuredClone(opts.start ?? DEFAULT_CALIBRATION);
  const decodeParams = usable(DECODE_CONSTANTS, decode);
  // Coordinate descent stalls where the CPU's bandwidth fraction absorbs its K-quant cost: start it from
  // both ends (low fraction without K-quant cost, Q8_0-level fraction with one) and keep the better fit.
  const seeds = [
    set(set(cal, ['bandwidthEfficiency', 'cpu'], 0.6), ['kQuantSecondsPerParam', 'cpu'], 1e-16),
    set(set(cal, ['bandwidthEfficiency', 'cpu'], 0.9), ['kQuantSecondsPerParam', 'cpu'], 3e-12),
  ].map((seed) => descend(decode, seed, decodeParams, rounds));
  cal = seeds.reduce((a, b) => (loss(decode, b) < loss(decode, a) ? b : a));
  // A GPU without a matrix-throughput figure (its peak guessed from bandwidth) cannot inform the
  // matrix-efficiency constants; its records are still predicted and reported.
  const prefillFit = prefill.filter((c) => c.hardware.gpus.every((g) => g.fp16Tflops !== undefined));
  const prefillParams = usable(PREFILL_CONSTANTS, prefillFit);
  cal = descend(prefillFit, cal, prefillParams, rounds);

  // In-sample bands (5th–95th percentile); `npm run calibrate` replaces them with the out-of-sample ones.
  const ratios = (cs: CalibrationCase[]) => cs.map((c) => c.measured / predict(c, cal).predicted);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const d = ratios(decode);
  const p = ratios(prefill);
  // In-sample percentiles flatter the model, and builds alone move a machine by ~15%: never narrower than that.
  cal.decodeBand = { low: round(Math.min(0.85, quantile(d, 0.05))), high: round(Math.max(1.15, quantile(d, 0.95))) };
  cal.prefillBand = { low: round(Math.min(0.85, quantile(p, 0.05))), high: round(Math.max(1.15, quantile(p, 0.95))) };

  const old = cases.filter((c) => !isCurrent(c));
  const eraOf = (kind: string) => {
    const r = ratios(old.filter((c) => c.kind === kind));
    return r.length ? quantile(r, 0.5) : 1;
  };
  return { cal, era: { decode: eraOf('decode'), prefill: eraOf('prefill') }, fitted: [...decodeParams, ...prefillParams] };
}

/** A record predicted by a calibration fitted without its source; pre-2025 builds scaled by the era factor. */
export interface HeldOut {
  c: CalibrationCase;
  predicted: number;
  low: number;
  high: number;
  e: ReturnType<typeof predict>['estimate'];
}

/** measured ÷ predicted band holding the middle 80% of `ratios`, never narrower than ±15% (builds alone move a machine that much). */
export function bandOf(ratios: number[]): { low: number; high: number } {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  if (ratios.length === 0) return { low: 0.85, high: 1.15 };
  return { low: round(Math.min(0.85, quantile(ratios, 0.1))), high: round(Math.max(1.15, quantile(ratios, 0.9))) };
}

/**
 * Leave-one-source-out: for each source, refit without it and predict its records. The band each
 * source gets comes from the held-out errors of the OTHER sources, so no record sees its own error.
 */
export function leaveOneSourceOut(cases: CalibrationCase[], rounds = 3): { held: HeldOut[]; sources: string[] } {
  const speed = cases.filter((c) => c.kind === 'decode' || c.kind === 'prefill');
  const sources = [...new Set(speed.map((c) => c.sourceKey))];
  const folds = sources.map((source) => {
    const { cal, era } = fitCalibration(
      speed.filter((c) => c.sourceKey !== source),
      { rounds },
    );
    const own = speed.filter((x) => x.sourceKey === source);
    const scale = (c: CalibrationCase) => (isCurrent(c) ? 1 : c.kind === 'decode' ? era.decode : era.prefill);
    return { source, cal, own, scale, ratios: own.map((c) => ({ c, r: c.measured / (predict(c, cal).predicted * scale(c)) })) };
  });
  const held: HeldOut[] = [];
  for (const f of folds) {
    const others = folds.filter((o) => o !== f).flatMap((o) => o.ratios);
    const cal = {
      ...f.cal,
      decodeBand: bandOf(others.filter((x) => x.c.kind === 'decode').map((x) => x.r)),
      prefillBand: bandOf(others.filter((x) => x.c.kind === 'prefill').map((x) => x.r)),
    };
    for (const c of f.own) {
      const p = predict(c, cal);
      const k = f.scale(c);
      const s = p.estimate.speed;
      const [low, high] = c.kind === 'decode' ? [s.decodeTpsLow, s.decodeTpsHigh] : [s.prefillTpsLow, s.prefillTpsHigh];
      held.push({ c, predicted: p.predicted * k, low: low * k, high: high * k, e: p.estimate });
    }
  }
  return { held, sources };
}
