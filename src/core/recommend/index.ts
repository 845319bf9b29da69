// "What can this machine run": every catalog model (and every local one) × quant, each at its best plan.
// Per model: the best-quality quant (published KLD) that keeps every layer on the GPU (for MoE: with the
// experts of the first N blocks on the CPU) and reaches the minimum speed, else the best that splits -ngl.
// Across models: local first, then the largest (total parameters, the quality proxy), then the faster.
import { catalogModel, defaultCatalogQuant, ollamaTagForCatalogId } from '../catalog';
import { CATALOG } from '../data/models';
import { estimate, type EstimateOptions } from '../estimate';
import { refWithQuant } from '../quantRefs';
import type { HardwareProfile, ModelSpec } from '../types';
import type { LocalModel } from './local';
import { bestPlan, gpuBudget, type RunPlan } from './plan';
import { quantQuality, type QuantQualityInfo } from './quality';
import { runLines, type RunLines } from './runLines';
import { specialisedFor, suitsUse, USE_CONTEXT, type UseCase } from './uses';

export { USE_CASES, type UseCase } from './uses';
export type { LocalModel } from './local';
export { ollamaStoreModels, workspaceGgufs } from './local';
export { bestPlan, type RunPlan, type PlanKind } from './plan';
export { quantQuality } from './quality';

/** Catalog quants considered, best quality first (F16 is left out: the scoreboard cannot tell it from Q8_0). */
export const RECOMMEND_QUANTS = ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'Q3_K_M'] as const;
export const DEFAULT_MIN_TPS = 10;
/** Contexts probed to say how far the chosen settings stretch. */
const CONTEXT_STEPS = [4096, 8192, 16384, 32768, 65536, 131072, 262144];

export interface RecommendOptions {
  use?: UseCase;
  /** Decode tok/s a row must reach. */
  minTps?: number;
  ctx?: number;
  local?: LocalModel[];
  estimate?: EstimateOptions;
}

export interface Recommendation {
  /** Catalog id, or the local reference. */
  id: string;
  name: string;
  origin: 'ollama' | 'workspace' | 'catalog';
  /** What to pass as --model (tag, path, catalog id:quant). */
  ref: string;
  quant: string;
  quality: QuantQualityInfo | null;
  nParams: number;
  activeParams: number;
  moe: boolean;
  fileBytes: number;
  plan: RunPlan['kind'];
  settings: RunPlan['settings'];
  /** Largest probed context at which the same -ngl / --n-cpu-moe still fits. */
  maxCtx: number;
  decodeTps: number;
  prefillTps: number;
  gpuBytes: number;
  hostBytes: number;
  /** For experts-on-CPU plans: the plain -ngl split and its decode speed. */
  instead?: { ngl: number; decodeTps: number };
  specialised: boolean;
  run: RunLines;
}

export interface RecommendResult {
  use: UseCase;
  ctx: number;
  minTps: number;
  hardware: { id: string; label: string };
  recommendations: Recommendation[];
  /** Models that load but stay below minTps at every quant (best attempt each). */
  tooSlow: Array<{ id: string; name: string; quant: string; decodeTps: number }>;
  /** Models considered (catalog + local). */
  considered: number;
}

interface Candidate {
  id: string;
  name: string;
  origin: Recommendation['origin'];
  ref: string;
  /** Best quality first; built on demand (sizing a catalog model costs). */
  specs: Variant[];
}

interface Variant {
  spec: () => ModelSpec;
  modelArg: string;
  ollamaRef: string | undefined;
  ref: string;
}

interface Choice {
  plan: RunPlan;
  spec: ModelSpec;
  variant: Variant;
  quality: QuantQualityInfo | null;
}

/** Every layer on the GPU (experts aside), or a machine without a GPU: no -ngl split slowing each token. */
function isClean(plan: RunPlan): boolean {
  return plan.kind !== 'partial';
}

/** A clean plan beats a split one; then the quant closer to the original (published KLD); then the faster. */
function better(a: Choice, b: Choice): boolean {
  if (isClean(a.plan) !== isClean(b.plan)) return isClean(a.plan);
  const ka = qualityKey(a.quality);
  const kb = qualityKey(b.quality);
  if (ka !== kb) return ka < kb;
  return a.plan.estimate.speed.decodeTps > b.plan.estimate.speed.decodeTps;
}

/** "As released" first, then by KLD; unknown last. */
function qualityKey(q: QuantQualityInfo | null): number {
  if (!q) return Infinity;
  return q.rank === 0 ? -1 : (q.kld ?? Infinity);
}

function largestFittingCtx(spec: ModelSpec, plan: RunPlan, hw: HardwareProfile, opts: EstimateOptions): number {
  let best = plan.settings.ctx;
  const limit = spec.ctxTrain > 0 ? spec.ctxTrain : 131072;
  for (const ctx of CONTEXT_STEPS) {
    if (ctx <= best || ctx > limit) continue;
    if (!sameSplitFits(spec, plan, ctx, hw, opts)) break;
    best = ctx;
  }
  return best;
}

function sameSplitFits(spec: ModelSpec, plan: RunPlan, ctx: number, hw: HardwareProfile, opts: EstimateOptions): boolean {
  const e = estimate(spec, { ...plan.settings, ctx }, hw, { runtime: 'llama.cpp', ...opts });
  return e.fits && (hw.gpus.length === 0 || e.memory.gpuBytes <= gpuBudget(hw));
}

function ggufName(e: (typeof CATALOG)[number], quant: string): string {
  const repo = e.source.split('/')[4] ?? e.id;
  return `${repo}-${quant}.gguf`;
}

// Specs are read, never changed, here: one per catalog model × quant (bounded by the catalog's size).
const specCache = new Map<string, ModelSpec>();
function cachedCatalogModel(id: string, quant: string): ModelSpec {
  const key = `${id}:${quant}`;
  let spec = specCache.get(key);
  if (!spec) specCache.set(key, (spec = catalogModel(id, quant)));
  return spec;
}

function catalogCandidates(): Candidate[] {
  return CATALOG.map((e) => {
    // gpt-oss is published in MXFP4; re-quantizing it gains nothing
    const quants: readonly string[] = e.arch === 'gpt-oss' ? ['MXFP4'] : RECOMMEND_QUANTS;
    const tag = ollamaTagForCatalogId(e.id);
    const fullTag = ollamaTagForCatalogId(e.id, true);
    return {
      id: e.id,
      name: e.name,
      origin: 'catalog' as const,
      ref: e.id,
      specs: quants.map((q) => ({
        spec: () => cachedCatalogModel(e.id, q),
        modelArg: ggufName(e, q),
        ollamaRef: tag && fullTag && (q === defaultCatalogQuant(e.id) ? tag : refWithQuant(fullTag, q)),
        ref: `${e.id}:${q}`,
      })),
    };
  });
}

function localCandidates(local: LocalModel[]): Candidate[] {
  return local.map((m) => ({
    id: m.ref,
    name: m.spec.name,
    origin: m.origin,
    ref: m.ref,
    specs: [{ spec: () => m.spec, modelArg: m.origin === 'workspace' ? m.ref : m.spec.ref, ollamaRef: m.ref, ref: m.ref }],
  }));
}

function isMoe(spec: ModelSpec): boolean {
  return spec.expertCount > 0;
}

/** Rank every model this machine can run for the use case. */
export function recommend(hw: HardwareProfile, opts: RecommendOptions = {}): RecommendResult {
  const use = opts.use ?? 'chat';
  const ctx = opts.ctx ?? USE_CONTEXT[use];
  const minTps = opts.minTps ?? DEFAULT_MIN_TPS;
  const eo = opts.estimate ?? {};
  const memory = hw.ramBytes + hw.gpus.reduce((s, g) => s + (g.unifiedMemory ? 0 : g.vramBytes), 0);
  const candidates = [...localCandidates(opts.local ?? []), ...catalogCandidates()];
  const recommendations: Recommendation[] = [];
  const tooSlow: RecommendResult['tooSlow'] = [];

  for (const c of candidates) {
    const first = c.specs[0]?.spec();
    if (!first || !suitsUse({ id: c.id, name: c.name, ctxTrain: first.ctxTrain }, use, ctx)) continue;
    let chosen: Choice | undefined;
    let slowest: { quant: string; decodeTps: number } | undefined;
    for (const variant of c.specs) {
      const spec = variant.spec();
      // A file bigger than all the memory there is cannot load: skip without estimating.
      if (spec.fileBytes > memory) continue;
      const quality = quantQuality(spec.quant, spec.arch);
      // Quants come best first: once a clean plan is found, no later quant can beat it.
      if (chosen && isClean(chosen.plan)) break;
      const plan = bestPlan(spec, ctx, hw, eo);
      if (!plan) continue;
      if (plan.estimate.speed.decodeTps < minTps) {
        if (!slowest || plan.estimate.speed.decodeTps > slowest.decodeTps)
          slowest = { quant: spec.quant, decodeTps: plan.estimate.speed.decodeTps };
        continue;
      }
      const choice = { plan, spec, variant, quality };
      if (!chosen || better(choice, chosen)) chosen = choice;
    }
    if (!chosen) {
      if (slowest) tooSlow.push({ id: c.id, name: c.name, ...slowest });
      continue;
    }
    const { plan, spec, variant, quality } = chosen;
    const e = plan.estimate;
    recommendations.push({
      id: c.id,
      name: c.name,
      origin: c.origin,
      ref: variant.ref,
      quant: spec.quant,
      quality,
      nParams: spec.nParams,
      activeParams: e.model.activeParams,
      moe: isMoe(spec),
      fileBytes: spec.fileBytes,
      plan: plan.kind,
      settings: plan.settings,
      maxCtx: largestFittingCtx(spec, plan, hw, eo),
      decodeTps: e.speed.decodeTps,
      prefillTps: e.speed.prefillTps,
      gpuBytes: e.memory.gpuBytes,
      hostBytes: e.memory.hostBytes,
      ...(plan.instead ? { instead: plan.instead } : {}),
      specialised: specialisedFor({ id: c.id, name: c.name }, use),
      run: runLines(plan, variant.modelArg, variant.ollamaRef),
    });
  }

  const localFirst = (r: Recommendation) => (r.origin === 'catalog' ? 1 : 0);
  recommendations.sort(
    (a, b) =>
      localFirst(a) - localFirst(b) ||
      Number(b.specialised) - Number(a.specialised) ||
      b.nParams - a.nParams ||
      (a.quality?.rank ?? 9) - (b.quality?.rank ?? 9) ||
      b.decodeTps - a.decodeTps,
  );
  tooSlow.sort((a, b) => b.decodeTps - a.decodeTps);
  return { use, ctx, minTps, hardware: { id: hw.id, label: hw.label }, recommendations, tooSlow, considered: candidates.length };
}
