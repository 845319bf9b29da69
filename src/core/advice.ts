// Fit diagnostics and the fixes for their cause. Every fix is a candidate until `verifyFix` has applied it to
// the text, re-read the file and re-estimated it: only fixes that strictly improve the estimate are offered.
import { catalogIds, catalogModel, matchCatalogRef } from './catalog';
import { canWrite, settingName } from './config/edit';
import { ollamaAutoBatch } from './config/ollamaParams';
import { DEFAULT_SAFETY_MARGIN, estimate, type EstimateOptions } from './estimate';
import { hostCapacity } from './estimate/memory';
import { verifyFix, type EstimateConfig, type FixCandidate, type FixDocument } from './fixes';
import { formatBytes, formatTps } from './units';
import type { Estimate, FitDiagnostic, HardwareProfile, ModelSpec, QuickFix, RunConfig, RunSettings } from './types';

export interface AdviceContext {
  config: RunConfig;
  format: string | undefined;
  model: ModelSpec;
  settings: RunSettings;
  estimate: Estimate;
  hardware: HardwareProfile;
  options: EstimateOptions;
  /** Other quantizations of the same model: quant label → its spec and the reference text that selects it. */
  otherQuants: Array<{ quant: string; ref: string; spec: ModelSpec }>;
  /** The document, to prove fixes on; without it no fix is offered. */
  doc?: FixDocument;
  /** Re-resolves and re-estimates a configuration read back from the edited text. */
  estimateConfig?: EstimateConfig;
}

/** Headroom under which a full-GPU fit is reported as tight. */
const TIGHT_FRACTION = 0.05;
const MIN_CTX = 2048;

export async function fitDiagnostics(ctx: AdviceContext): Promise<FitDiagnostic[]> {
  const { config, estimate: est, hardware: hw } = ctx;
  const modelRange = config.ranges.model ?? config.range;
  const hasGpu = hw.gpus.length > 0;
  const unified = hw.gpus.some((g) => g.unifiedMemory);
  const free = est.hardware.freeVramBytes;
  const name = `${est.model.name} ${est.model.quant}`;
  const ramAvail = hostCapacity(hw, est.memory.gpuBytes);
  const ramOf = `${formatBytes(ramAvail)} of ${formatBytes(hw.ramBytes)} RAM available`;

  if (!est.fits && est.hostShortfallBytes > 0) {
    const message = !hasGpu
      ? `${name} does not fit in RAM: needs ${formatBytes(est.memory.hostBytes)}, ${ramOf}`
      : unified
        ? `${name} does not fit in unified memory: needs ${formatBytes(est.memory.gpuBytes + est.memory.hostBytes)}, ` +
          `${formatBytes(hostCapacity(hw, 0))} available`
        : `${name} does not fit: needs ${formatBytes(est.memory.gpuBytes)} GPU + ${formatBytes(est.memory.hostBytes)} RAM; ` +
          `${formatBytes(free)} VRAM free, ${ramOf}`;
    return [{ severity: 'error', code: 'fit.no-fit', range: modelRange, message, fixes: await fixes(ctx) }];
  }
  if (!est.fits && est.gpuShortfallBytes > 0) {
    // An explicit -ngl / num_gpu larger than what fits: loading runs out of GPU memory.
    return [
      {
        severity: 'error',
        code: 'fit.gpu-oom',
        range: config.ranges.ngl ?? modelRange,
        message:
          `${name}: ${est.offload.gpuLayers}/${est.offload.totalLayers} layers need ${formatBytes(est.memory.gpuBytes)} of GPU memory, ` +
          `${formatBytes(free)} free: loading will fail (${formatBytes(est.gpuShortfallBytes)} short)`,
        fixes: await fixes(ctx),
      },
    ];
  }
  if (hasGpu && !est.fullyOnGpu) {
    const full = estimate(ctx.model, { ...ctx.settings, ngl: est.offload.totalLayers, nCpuMoe: 0, cpuMoe: false }, hw, ctx.options);
    const total = est.offload.totalLayers;
    const userNgl = typeof config.settings.ngl === 'number' && est.offload.gpuLayers < total && full.fits;
    const userMoe = est.offload.cpuMoeBlocks > 0 && est.offload.gpuLayers === total;
    const why = userNgl ? ` (${settingName(ctx.format, 'ngl')} ${config.settings.ngl} in this file)` : '';
    const placed = userMoe
      ? `every layer on GPU with the experts of ${est.offload.cpuMoeBlocks}/${total - 1} on the CPU (--n-cpu-moe in this file)`
      : `${est.offload.gpuLayers}/${total} layers on GPU${why}`;
    return [
      {
        severity: 'warning',
        code: 'fit.partial',
        range: userNgl
          ? (config.ranges.ngl ?? modelRange)
          : userMoe
            ? (config.ranges.nCpuMoe ?? config.ranges.cpuMoe ?? modelRange)
            : modelRange,
        message:
          `${name} needs ${formatBytes(full.memory.gpuBytes)} of GPU memory, ${formatBytes(free)} free: ` +
          `${placed}, ~${formatTps(est.speed.decodeTps)} tok/s (${formatTps(full.speed.decodeTps)} tok/s if it all fit)`,
        fixes: await fixes(ctx),
      },
    ];
  }
  const margin = ctx.options.safetyMarginBytes ?? DEFAULT_SAFETY_MARGIN;
  if (hasGpu && est.fullyOnGpu && free - est.memory.gpuBytes < Math.max(margin, free * TIGHT_FRACTION)) {
    return [
      {
        severity: 'info',
        code: 'fit.tight',
        range: modelRange,
        message: `${name} fits with little headroom: ${formatBytes(est.memory.gpuBytes)} of ${formatBytes(free)} free VRAM`,
        fixes: await fixes(ctx),
      },
    ];
  }
  return [];
}

/** Every candidate for the cause, proven one by one; same-model fixes best first, then other files. */
async function fixes(ctx: AdviceContext): Promise<QuickFix[]> {
  const { doc, estimateConfig } = ctx;
  if (!doc || !estimateConfig) return [];
  const proven: Array<QuickFix & { after: Estimate; changesModel: boolean }> = [];
  for (const cand of candidates(ctx)) {
    const fix = await verifyFix(doc, cand, ctx.estimate, estimateConfig);
    if (fix) proven.push({ ...fix, changesModel: cand.modelRef !== undefined });
  }
  const level = (e: Estimate) => (e.fullyOnGpu ? 2 : e.offload.gpuLayers > 0 ? 1 : 0);
  // Same-model fixes first, the furthest-reaching first; at equal reach, the order of the causes (stable sort).
  proven.sort((a, b) => Number(a.changesModel) - Number(b.changesModel) || (a.changesModel ? 0 : level(b.after) - level(a.after)));
  // Of two KV cache types the smaller is offered only when it gets further than the larger one.
  const q8 = proven.find((f) => f.kind === 'fix.kv-q8');
  const out = proven.filter((f) => !(f.kind === 'fix.kv-q4' && q8 && level(q8.after) >= level(f.after)));
  return out.map(({ after: _a, changesModel: _c, ...fix }, i) => ({ ...fix, ...(i === 0 ? { preferred: true } : {}) }));
}

/** By cause, in the order they are preferred at equal outcome. */
function candidates(ctx: AdviceContext): FixCandidate[] {
  const ngl = nglCandidate(ctx);
  // When the file's own layer count is all that holds it back, raising it is the fix; nothing else is needed.
  if (ngl?.raisesToAll) return [ngl];
  const raise = ngl && Number(ngl.settings?.ngl) > ctx.estimate.offload.gpuLayers ? ngl : undefined;
  const lower = ngl && !raise ? ngl : undefined;
  return [raise, cpuMoeCandidate(ctx), ctxCandidate(ctx), ...kvCandidates(ctx), lower, quantCandidate(ctx), familyCandidate(ctx)].filter(
    (c): c is FixCandidate => c !== undefined,
  );
}

function margin(ctx: AdviceContext): number {
  return ctx.options.safetyMarginBytes ?? DEFAULT_SAFETY_MARGIN;
}

/** Loads, with the safety margin of VRAM left when anything is on the GPU. */
function comfortable(ctx: AdviceContext, e: Estimate): boolean {
  return e.fits && (e.offload.gpuLayers === 0 || e.hardware.freeVramBytes - e.memory.gpuBytes >= margin(ctx));
}

function est(ctx: AdviceContext, s: RunSettings, model: ModelSpec = ctx.model): Estimate {
  return estimate(model, s, ctx.hardware, ctx.options);
}

/** Largest n in [lo, hi] with ok(n), for ok true up to a point and false after; undefined when ok(lo) fails. */
function largest(lo: number, hi: number, ok: (n: number) => boolean): number | undefined {
  if (hi < lo || !ok(lo)) return undefined;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Largest n in [lo, hi] with ok(n), scanning down. */
function highest(lo: number, hi: number, ok: (n: number) => boolean): number | undefined {
  for (let n = hi; n >= lo; n--) if (ok(n)) return n;
  return undefined;
}

/** The file's own -ngl / num_gpu, raised or lowered to the most layers that fit. */
function nglCandidate(ctx: AdviceContext): (FixCandidate & { raisesToAll: boolean }) | undefined {
  const set = ctx.config.settings.ngl;
  if (ctx.hardware.gpus.length === 0 || typeof set !== 'number' || !canWrite(ctx.format, 'ngl')) return undefined;
  const total = ctx.estimate.offload.totalLayers;
  const current = ctx.estimate.offload.gpuLayers;
  // Not a binary search: fewer GPU layers need more RAM, so the layer counts that load are a range, not a prefix.
  const best = highest(0, total, (n) => comfortable(ctx, est(ctx, { ...ctx.settings, ngl: n })));
  if (best === undefined || best === current) return undefined;
  const name = settingName(ctx.format, 'ngl');
  if (best > current) {
    // Raising also fixes a RAM shortfall: fewer layers on the CPU need less host memory.
    const all = best === total;
    return {
      kind: 'fix.ngl',
      action: `Raise ${name} to ${best}${all ? ' (all layers fit)' : ''}`,
      settings: { ngl: best },
      raisesToAll: all,
    };
  }
  return { kind: 'fix.ngl', action: `Lower ${name} to ${best}`, settings: { ngl: best }, raisesToAll: false };
}

/** MoE on llama.cpp: every layer on the GPU with the routed experts of the first N blocks on the CPU (N fewest that fit). */
function cpuMoeCandidate(ctx: AdviceContext): FixCandidate | undefined {
  const e = ctx.estimate;
  if (ctx.hardware.gpus.length === 0 || ctx.config.runtime !== 'llama.cpp' || ctx.model.expertCount === 0) return undefined;
  if (!canWrite(ctx.format, 'nCpuMoe') || ctx.config.settings.cpuMoe) return undefined;
  const total = e.offload.totalLayers;
  const blocks = ctx.model.blocks.length;
  const ngl = typeof ctx.config.settings.ngl === 'number' && ctx.config.settings.ngl < total ? total : undefined;
  const at = (n: number) => est(ctx, { ...ctx.settings, ngl: total, nCpuMoe: n, cpuMoe: false });
  // Scanning the blocks whose experts stay on the GPU down from all of them: the first that fits keeps the fewest on the CPU.
  const onGpu = highest(0, blocks, (k) => {
    const x = at(blocks - k);
    return comfortable(ctx, x) && x.offload.gpuLayers === total;
  });
  if (onGpu === undefined) return undefined;
  const n = blocks - onGpu;
  if (n === e.offload.cpuMoeBlocks && e.fits) return undefined;
  const setting = ctx.config.settings.nCpuMoe !== undefined;
  if (n === 0 && !setting) return undefined;
  const verb = !setting
    ? 'Keep the experts of'
    : n < e.offload.cpuMoeBlocks
      ? 'Lower --n-cpu-moe: experts of'
      : 'Raise --n-cpu-moe: experts of';
  return {
    kind: 'fix.cpu-moe',
    action:
      n === 0
        ? `Set --n-cpu-moe 0 (all experts fit on the GPU)`
        : `${verb} ${n} layers on the CPU (--n-cpu-moe ${n}${ngl ? `, -ngl ${ngl}` : ''})`,
    settings: { nCpuMoe: n, ...(ngl ? { ngl } : {}) },
  };
}

/** Settings at another context, as the file's runtime would run them (Ollama sizes its batch by the context). */
function atContext(ctx: AdviceContext, c: number): RunSettings {
  const s: RunSettings = { ...ctx.settings, ctx: c };
  if (ctx.config.runtime === 'ollama' && ctx.config.settings.batch === undefined) {
    s.batch = ollamaAutoBatch(c);
    s.ubatch = s.batch;
  }
  return s;
}

/** Largest context (multiple of 1024, at least 2048) that fits: on the GPU where there is one, else at all. */
export function largestContextThatFits(ctx: AdviceContext): number | undefined {
  const current = ctx.estimate.settings.ctx;
  const hi = Math.floor((current - 1) / 1024);
  const search = (ok: (e: Estimate) => boolean) => largest(MIN_CTX / 1024, hi, (k) => ok(est(ctx, atContext(ctx, k * 1024))));
  let best: number | undefined;
  if (ctx.hardware.gpus.length > 0) best = search((e) => comfortable(ctx, e) && e.fullyOnGpu);
  if (best === undefined && !ctx.estimate.fits) best = search((e) => comfortable(ctx, e));
  return best === undefined ? undefined : best * 1024;
}

function ctxCandidate(ctx: AdviceContext): FixCandidate | undefined {
  if (!canWrite(ctx.format, 'ctx') || (ctx.estimate.fits && (ctx.estimate.fullyOnGpu || ctx.hardware.gpus.length === 0))) return undefined;
  const best = largestContextThatFits(ctx);
  if (!best) return undefined;
  const parallel = Math.max(1, ctx.estimate.settings.parallel);
  const written = ctx.config.runtime === 'ollama' ? Math.floor(best / parallel) : best;
  return {
    kind: 'fix.ctx',
    action: `Lower the context to ${best} tokens (${settingName(ctx.format, 'ctx')} ${written})`,
    settings: { ctx: written },
  };
}

function kvCandidates(ctx: AdviceContext): FixCandidate[] {
  // Ollama sets the KV cache type server-wide (OLLAMA_KV_CACHE_TYPE), not per Modelfile.
  if (ctx.config.runtime !== 'llama.cpp' || ctx.estimate.settings.cacheTypeK !== 'f16' || !canWrite(ctx.format, 'cacheTypeK')) return [];
  const kv = (e: Estimate) => e.memory.breakdown.kvGpu + e.memory.breakdown.kvHost;
  return (['q8_0', 'q4_0'] as const).flatMap((t) => {
    const fa = ctx.format === 'llama-cpp-python' ? { flashAttn: 'on' as const } : {};
    const e = est(ctx, { ...ctx.settings, cacheTypeK: t, cacheTypeV: t, flashAttn: 'on' });
    const saved = kv(ctx.estimate) - kv(e);
    if (saved <= 0) return [];
    return [
      {
        kind: t === 'q8_0' ? 'fix.kv-q8' : 'fix.kv-q4',
        action: `Use a ${t} KV cache (saves ${formatBytes(saved)})`,
        settings: { cacheTypeK: t, cacheTypeV: t, ...fa },
      },
    ];
  });
}

/** The best-fitting placement a candidate can reach: 2 all on GPU, 1 loads. */
function reach(ctx: AdviceContext, e: Estimate): number {
  if (!comfortable(ctx, e)) return 0;
  return ctx.hardware.gpus.length === 0 || e.fullyOnGpu ? 2 : 1;
}

/** The largest smaller file of this model that gets furthest (every layer on the GPU, else loading at all). */
export function largestQuantThatFits(ctx: AdviceContext): { quant: string; ref: string; estimate: Estimate } | undefined {
  const current = ctx.model.fileBytes;
  const scored = ctx.otherQuants
    .filter((q) => q.quant !== ctx.model.quant && q.spec.fileBytes < current)
    .map((q) => ({ quant: q.quant, ref: q.ref, estimate: est(ctx, ctx.settings, q.spec) }))
    .map((c) => ({ ...c, reach: reach(ctx, c.estimate) }))
    .filter((c) => c.reach > 0)
    .sort((a, b) => b.reach - a.reach || b.estimate.model.fileBytes - a.estimate.model.fileBytes);
  return scored[0];
}

function quantCandidate(ctx: AdviceContext): FixCandidate | undefined {
  const best = largestQuantThatFits(ctx);
  if (!best || !ctx.config.ranges.model) return undefined;
  return { kind: 'fix.quant', action: `Switch to ${best.quant} (${formatBytes(best.estimate.model.fileBytes)})`, modelRef: best.ref };
}

/** A smaller model of the same family from the catalog (llama3.1:70b → llama3.1:8b), for Ollama library tags. */
function familyCandidate(ctx: AdviceContext): FixCandidate | undefined {
  if (ctx.config.runtime !== 'ollama' || ctx.model.source === 'gguf') return undefined;
  const ref = ctx.config.modelRef.trim();
  const m = /^([\w.-]+):/.exec(ref) ?? /^([\w.-]+)$/.exec(ref);
  const match = matchCatalogRef(ref);
  if (!m || !match) return undefined;
  const lib = m[1];
  const own = catalogIds().find((x) => x.id === match.id);
  if (!own) return undefined;
  // Only when no file of this model gets every layer on the GPU (or, CPU only, into RAM).
  const quant = largestQuantThatFits(ctx);
  if (quant && reach(ctx, quant.estimate) === 2) return undefined;
  const options = catalogIds()
    .filter((x) => x.family === own.family && x.id !== own.id && x.id.startsWith(`${lib}-`))
    .map((x) => ({ id: x.id, name: x.name, tag: `${lib}:${x.id.slice(lib.length + 1)}` }))
    .filter((x) => matchCatalogRef(x.tag)?.id === x.id)
    .flatMap((x) => {
      try {
        const spec = catalogSpec(x.tag);
        return spec && spec.nParams < ctx.model.nParams ? [{ ...x, spec, e: est(ctx, ctx.settings, spec) }] : [];
      } catch {
        return [];
      }
    })
    .filter((x) => reach(ctx, x.e) === 2)
    .sort((a, b) => b.spec.nParams - a.spec.nParams);
  const best = options[0];
  return (
    best && { kind: 'fix.smaller-model', action: `Use ${best.name} (${best.tag}, ${formatBytes(best.spec.fileBytes)})`, modelRef: best.tag }
  );
}

function catalogSpec(tag: string): ModelSpec | undefined {
  const m = matchCatalogRef(tag);
  return m ? catalogModel(m.id, m.quant) : undefined;
}
