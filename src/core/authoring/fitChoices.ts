// Value choices that carry their fit: each context size or GPU-layer count a completion offers, estimated on the
// machine the analysis ran for ("32768 — fits, ~41 tok/s"). Every figure comes from the estimator.
import { estimateOptions, type AnalyzeOptions } from '../analyze';
import { estimate, type EstimateOptions } from '../estimate';
import type { ConfigAnalysis, Estimate, HardwareProfile, ModelSpec, RunSettings } from '../types';
import { fitVerdict, formatTps } from '../present';

export interface FitChoice {
  value: string;
  /** Short verdict for the list, e.g. "fits, ~41 tok/s". */
  detail: string;
  /** The current value or the best pick: shown first. */
  preferred?: boolean;
  estimate?: Estimate;
}

export interface FitContext {
  model: ModelSpec;
  settings: RunSettings;
  hardware: HardwareProfile;
  options: EstimateOptions;
}

const CTX_CHOICES = [2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144];

/** Context sizes up to the trained context (plus the trained context itself), each estimated. */
export function ctxChoices(f: FitContext): FitChoice[] {
  const train = f.model.ctxTrain > 0 ? f.model.ctxTrain : 131072;
  const values = CTX_CHOICES.filter((c) => c <= train);
  if (!values.includes(train) && train <= 1048576) values.push(train);
  const out: FitChoice[] = [];
  let best: FitChoice | undefined;
  for (const ctx of values) {
    try {
      const e = estimate(f.model, { ...f.settings, ctx }, f.hardware, f.options);
      const choice: FitChoice = { value: String(ctx), detail: fitVerdict(e) + (ctx === train ? ' (trained context)' : ''), estimate: e };
      if (e.fitLevel === 'gpu') best = choice;
      out.push(choice);
    } catch {
      // A size the estimator rejects is not offered.
    }
  }
  // The largest context that stays on the GPU is the pick.
  if (best) best.preferred = true;
  return out;
}

/** GPU-layer counts: what fits, every layer, CPU only, and -1 (the runtime decides). */
export function nglChoices(f: FitContext, autoValue: string): FitChoice[] {
  const out: FitChoice[] = [];
  try {
    const auto = estimate(f.model, { ...f.settings, ngl: 'auto' }, f.hardware, f.options);
    const total = auto.offload.totalLayers;
    const fit = auto.offload.gpuLayers;
    const tps = `~${formatTps(auto.speed.decodeTps)} tok/s`;
    const detail = !auto.fits
      ? `${fit} of ${total} layers: does not fit`
      : fit === total
        ? `all ${total} layers fit, ${tps}`
        : `${fit} of ${total} layers fit, ${tps}`;
    out.push({ value: String(fit), detail, preferred: true, estimate: auto });
    if (fit !== total) {
      const all = estimate(f.model, { ...f.settings, ngl: total }, f.hardware, f.options);
      out.push({ value: String(total), detail: `every layer: ${fitVerdict(all)}`, estimate: all });
    }
    if (fit !== 0) {
      const cpu = estimate(f.model, { ...f.settings, ngl: 0 }, f.hardware, f.options);
      out.push({ value: '0', detail: fitVerdict(cpu), estimate: cpu });
    }
  } catch {
    // No estimate: only the runtime's own choice is offered.
  }
  out.push({ value: autoValue, detail: 'the runtime fits layers to free VRAM when it loads' });
  return out;
}

/** The estimator inputs of an analysed configuration; undefined when its model did not resolve. */
export function fitContextOf(a: ConfigAnalysis, opts: AnalyzeOptions): FitContext | undefined {
  if (!a.model) return undefined;
  return { model: a.model, settings: a.settings ?? a.config.settings, hardware: opts.hardware, options: estimateOptions(a.config, opts) };
}
