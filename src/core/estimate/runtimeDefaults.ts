// llama.cpp's and Ollama's defaults for what a file or the flags leave out, and the checks on what they set.
import { ModelFitError } from '../errors';
import type { HardwareProfile, ModelSpec, ResolvedSettings, RunSettings, Runtime } from '../types';
import { kvTypeBytes, padCells } from './kvCache';

/** Settings with every runtime default filled in; ngl may still be "auto" (resolved by the fitter). */
export type DraftSettings = Omit<ResolvedSettings, 'ngl'> & {
  ngl: number | 'auto';
  ctxFromDefault: boolean;
  noOpOffload: boolean;
  warnings: string[];
};

function positiveInt(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0 || Math.floor(value) !== value) {
    throw new ModelFitError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  return value;
}

/** Apply llama.cpp's (or Ollama's) defaults to what the file or flags left out. */
export function draftSettings(model: ModelSpec, s: RunSettings, hw: HardwareProfile, runtime: Runtime): DraftSettings {
  const warnings: string[] = [];
  const hasGpu = hw.gpus.length > 0;
  const requestedCtx = positiveInt(s.ctx, 'context size');
  // llama-server: -c 0 (the default) means the model's trained context.
  const ctxFromDefault = !requestedCtx;
  let ctx = requestedCtx || model.ctxTrain || 4096;
  if (ctx > model.ctxTrain && model.ctxTrain > 0) {
    warnings.push(`context ${ctx} is longer than the ${model.ctxTrain} tokens the model was trained on`);
  }
  ctx = padCells(ctx);
  const batch = positiveInt(s.batch, 'batch size') || (runtime === 'ollama' ? 512 : 2048);
  let ubatch = positiveInt(s.ubatch, 'ubatch size') || (runtime === 'ollama' ? batch : 512);
  ubatch = Math.min(ubatch, batch);
  const parallel = positiveInt(s.parallel, 'parallel slots') || 1;
  const cacheTypeK = (s.cacheTypeK ?? 'f16').toLowerCase();
  const cacheTypeV = (s.cacheTypeV ?? 'f16').toLowerCase();
  kvTypeBytes(cacheTypeK);
  kvTypeBytes(cacheTypeV);
  // Flash attention "auto" is on where the backend supports it (CUDA, Metal, Vulkan, ROCm; CPU too).
  let fa = s.flashAttn !== 'off';
  if (!fa && cacheTypeV !== 'f16' && cacheTypeV !== 'f32' && cacheTypeV !== 'bf16') {
    warnings.push(`a quantized V cache (${cacheTypeV}) needs flash attention: llama.cpp turns it on or refuses to start`);
    fa = true;
  }
  let ngl: number | 'auto' = s.ngl ?? 'auto';
  if (typeof ngl === 'number') {
    if (!Number.isFinite(ngl)) throw new ModelFitError(`-ngl must be a number or "auto", got ${ngl}`);
    // llama.cpp: -1 or anything above the layer count means "all layers".
    ngl = ngl < 0 ? model.blocks.length + 1 : Math.min(Math.floor(ngl), model.blocks.length + 1);
  }
  if (!hasGpu) ngl = 0;
  const nCpuMoe = s.cpuMoe ? model.blocks.length : Math.min(positiveInt(s.nCpuMoe, '--n-cpu-moe') ?? 0, model.blocks.length);
  const threads = positiveInt(s.threads, 'threads') || hw.cpu.threads || 1;
  return {
    ctx,
    ctxFromDefault,
    ngl,
    fa,
    cacheTypeK,
    cacheTypeV,
    batch,
    ubatch,
    parallel,
    nCpuMoe,
    threads,
    noKvOffload: !!s.noKvOffload,
    noOpOffload: !!s.noOpOffload,
    warnings,
    ...(s.noMmprojOffload ? { noMmprojOffload: true } : {}),
    ...(s.draftGpuLayers !== undefined ? { draftGpuLayers: s.draftGpuLayers } : {}),
    ...(s.draftCtx ? { draftCtx: s.draftCtx } : {}),
  };
}
