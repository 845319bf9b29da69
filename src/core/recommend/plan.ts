// The best way to run one model file at one context on one machine: all on the GPU, the routed experts of
// the first N blocks on the CPU (MoE), a partial -ngl, or the CPU; and a q8_0 KV cache when that helps.
import { estimate, LLAMA_CPP_FIT_TARGET, type EstimateOptions } from '../estimate';
import type { Estimate, HardwareProfile, ModelSpec, RunSettings } from '../types';

export type PlanKind = 'gpu' | 'experts-on-cpu' | 'partial' | 'cpu';

export interface RunPlan {
  kind: PlanKind;
  settings: RunSettings & { ctx: number; ngl: number; nCpuMoe: number; cacheTypeK: string; cacheTypeV: string };
  estimate: Estimate;
  /** For MoE plans: the plain -ngl split it beats (what `-ngl auto` without --n-cpu-moe gives). */
  instead?: { ngl: number; decodeTps: number };
}

/** VRAM llama.cpp's automatic fit keeps free (--fit-target, 1024 MiB per device) — plans honour the same margin. */
export function gpuBudget(hw: HardwareProfile): number {
  return hw.gpus.reduce((s, g) => s + g.freeBytes, 0) - Math.max(512 * 1024 * 1024, LLAMA_CPP_FIT_TARGET * hw.gpus.length);
}

function kindOf(e: Estimate): PlanKind {
  if (e.fitLevel === 'gpu') return 'gpu';
  if (e.offload.gpuLayers === e.offload.totalLayers && e.offload.cpuMoeBlocks > 0) return 'experts-on-cpu';
  return e.offload.gpuLayers > 0 ? 'partial' : 'cpu';
}

function toPlan(e: Estimate): RunPlan {
  const s = e.settings;
  return {
    kind: kindOf(e),
    settings: {
      ctx: s.ctx,
      ngl: s.ngl,
      nCpuMoe: s.nCpuMoe,
      cacheTypeK: s.cacheTypeK,
      cacheTypeV: s.cacheTypeV,
      flashAttn: s.fa ? 'on' : 'off',
    },
    estimate: e,
  };
}

/** Fewest leading blocks whose experts must stay on the CPU for every layer to fit the GPU; undefined when none does. */
function expertsOnCpuPlan(model: ModelSpec, base: RunSettings, hw: HardwareProfile, opts: EstimateOptions): Estimate | undefined {
  const all = model.blocks.length + 1;
  const budget = gpuBudget(hw);
  const at = (n: number) => estimate(model, { ...base, ngl: all, nCpuMoe: n }, hw, opts);
  const ok = (e: Estimate) => e.memory.gpuBytes <= budget && e.hostShortfallBytes === 0;
  const most = at(model.blocks.length);
  if (!ok(most)) return undefined;
  // GPU bytes fall as N grows: binary search for the smallest N that fits.
  let lo = 0;
  let hi = model.blocks.length;
  let best = most;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const e = at(mid);
    if (ok(e)) {
      hi = mid;
      best = e;
    } else lo = mid + 1;
  }
  return best;
}

function isMoe(model: ModelSpec): boolean {
  return model.expertCount > 0 && model.blocks.some((b) => b.experts.bytes > 0);
}

/** The fastest plan that loads, or undefined when the model does not fit this machine at this context. */
export function bestPlan(model: ModelSpec, ctx: number, hw: HardwareProfile, opts: EstimateOptions = {}): RunPlan | undefined {
  const o: EstimateOptions = { runtime: 'llama.cpp', ...opts };
  const tryKv = (kv: RunSettings): RunPlan | undefined => {
    const base: RunSettings = { ctx, ngl: 'auto', ...kv };
    const auto = estimate(model, base, hw, o);
    let plan = auto.fits ? toPlan(auto) : undefined;
    if (plan?.kind === 'gpu' || hw.gpus.length === 0 || !isMoe(model)) return plan;
    const moe = expertsOnCpuPlan(model, base, hw, o);
    if (moe && (!plan || moe.speed.decodeTps > plan.estimate.speed.decodeTps)) {
      const instead = plan ? { ngl: plan.settings.ngl, decodeTps: plan.estimate.speed.decodeTps } : undefined;
      plan = { ...toPlan(moe), ...(instead ? { instead } : {}) };
    }
    return plan;
  };
  const f16 = tryKv({});
  if (f16?.kind === 'gpu' || hw.gpus.length === 0) return f16;
  // A q8_0 cache halves the KV bytes at a negligible cost: take it when it is faster.
  const q8 = tryKv({ cacheTypeK: 'q8_0', cacheTypeV: 'q8_0', flashAttn: 'on' });
  if (q8 && (!f16 || q8.estimate.speed.decodeTps > f16.estimate.speed.decodeTps * 1.05)) return q8;
  return f16;
}
