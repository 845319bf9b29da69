// The fit behind `npm run calibrate` and the leave-one-source-out report of `npm run bench:accuracy`.
// Coordinate descent on mean |log(predicted / measured)|, one constant at a time, so each constant keeps
// a physical meaning (a bandwidth fraction, a fixed cost). Only records from 2025+ builds are fitted:
// older llama.cpp was a different, slower program; those rows get an era factor in the report only.
import { DEFAULT_CALIBRATION, type Calibration } from '../src/core/estimate/calibration';
import { predict } from './accuracy';
import type { CalibrationCase } from './calibration-cases';
import { bandGroup, bandsOf, type BandGroup } from '../src/core/estimate/band';

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
      for (const step of [2, 1.5, 1.15, 1.03]) {
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
  ...(['x86', 'arm'] as const).map((isa) => ({
    path: ['kQuantSecondsPerParam', 'cpu', isa],
    min: 1e-16,
    max: 1e-10,
    why: `K/I-quant dequantization work per weight on ${isa} CPUs (their kernels differ by instruction set)`,
  })),
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
  {
    path: ['gpuFixedCostScale', 'vulkan'],
    min: 0.1,
    max: 5,
    why: "Vulkan's per-layer dispatch relative to CUDA's (ROCm is CUDA's code built with HIP: 1; SYCL has no records: 1)",
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

/** Coordinate-descent rounds of every fit; held-out folds get the same, so they test the shipped procedure. */
const FIT_ROUNDS = 12;

/**
 * Where every fit starts: each fitted constant at the geometric middle of its allowed range, the rest as shipped.
 * Starting from the shipped calibration would leak: it was fitted on every source, including the one a
 * leave-one-source-out fold holds out, and coordinate descent stays near where it starts.
 */
export function neutralStart(params: FittedConstant[]): Calibration {
  return params.reduce((cal, p) => set(cal, p.path, Math.sqrt(p.min * p.max)), DEFAULT_CALIBRATION);
}

export function fitCalibration(cases: CalibrationCase[], opts: { rounds?: number; start?: Calibration } = {}): FitResult {
  const rounds = opts.rounds ?? FIT_ROUNDS;
  const current = cases.filter(isCurrent);
  const decode = current.filter((c) => c.kind === 'decode');
  const prefill = current.filter((c) => c.kind === 'prefill');
  const decodeParams = usable(DECODE_CONSTANTS, decode);
  let cal = structuredClone(opts.start ?? neutralStart([...DECODE_CONSTANTS, ...PREFILL_CONSTANTS]));
  // Coordinate descent stalls where a bandwidth fraction absorbs a fixed or K-quant cost: start from both
  // ends (low fractions without K-quant cost; streaming-level fractions with one) and keep the better fit.
  const seed = (cpuBandwidth: number, kQuant: number, gpuBandwidth?: number) => {
    let c = set(cal, ['bandwidthEfficiency', 'cpu'], cpuBandwidth);
    for (const isa of ['x86', 'arm'] as const) c = set(c, ['kQuantSecondsPerParam', 'cpu', isa], kQuant);
    if (gpuBandwidth !== undefined) for (const b of GPU_BACKENDS) c = set(c, ['bandwidthEfficiency', b], gpuBandwidth);
    return c;
  };
  const seeds = [seed(0.6, 1e-16), seed(0.9, 3e-12, 0.9)].map((s) => descend(decode, s, decodeParams, rounds));
  cal = seeds.reduce((a, b) => (loss(decode, b) < loss(decode, a) ? b : a));
  // No records for CPUs outside both families (scalar kernels): assume the slower family's cost.
  const kq = cal.kQuantSecondsPerParam.cpu;
  kq.other = Math.max(kq.x86, kq.arm);
  // A GPU without a matrix-throughput figure (its peak guessed from bandwidth) cannot inform the
  // matrix-efficiency constants; its records are still predicted and reported.
  const prefillFit = prefill.filter((c) => c.hardware.gpus.every((g) => g.fp16Tflops !== undefined));
  const prefillParams = usable(PREFILL_CONSTANTS, prefillFit);
  cal = descend(prefillFit, cal, prefillParams, rounds);

  // In-sample bands; `npm run calibrate` replaces them with the out-of-sample ones.
  const ratios = (cs: CalibrationCase[]) => cs.map((c) => c.measured / predict(c, cal).predicted);
  cal = withBands(
    cal,
    [...decode, ...prefill].map((c) => ({ c, r: c.measured / predict(c, cal).predicted })),
  );

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

/** The band group of a record as predicted (placement, backend). */
export function bandGroupOf(c: CalibrationCase, cal: Calibration): BandGroup {
  const kind = c.kind === 'prefill' ? 'prefill' : 'decode';
  return bandGroup(kind, c.hardware, predict(c, cal).estimate.offload, c.io.depth, c.model.expertCount > 0);
}

/**
 * `cal` with its overall and per-group bands taken from `ratios` (measured ÷ predicted) of 2025+ builds:
 * a band describes the llama.cpp people run today (older builds' own spread is software that is gone).
 */
export function withBands(cal: Calibration, ratios: Array<{ c: CalibrationCase; r: number }>): Calibration {
  const of = (kind: string) =>
    bandsOf(ratios.filter((x) => x.c.kind === kind && isCurrent(x.c)).map((x) => ({ group: bandGroupOf(x.c, cal), r: x.r })));
  const decode = of('decode');
  const prefill = of('prefill');
  return { ...cal, decodeBand: decode.all, decodeBands: decode.byGroup, prefillBand: prefill.all, prefillBands: prefill.byGroup };
}

/**
 * Leave-one-source-out: for each source, refit without it and predict its records. The band each
 * source gets comes from the held-out errors of the OTHER sources, so no record sees its own error.
 */
export function leaveOneSourceOut(cases: CalibrationCase[], rounds = FIT_ROUNDS): { held: HeldOut[]; sources: string[] } {
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
    const cal = withBands(
      f.cal,
      folds.filter((o) => o !== f).flatMap((o) => o.ratios),
    );
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
