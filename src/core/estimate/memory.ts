import { MiB } from '../units';
import type { HardwareProfile, MemoryBreakdown, ModelSpec } from '../types';
import type { Calibration } from './calibration';
import { gpuComputeBytes, graphPeakBytes, hostComputeBytesWithGpu, type ComputeParams } from './computeBuffers';
import { kvLayout, type KvLayout } from './kvCache';
import { placeLayers, splitWeights, type Placement, type WeightSplit } from './placement';
import type { DraftSettings } from './runtimeDefaults';

export interface MemoryPlan {
  draft?: DraftPlan;
  placement: Placement;
  weights: WeightSplit;
  kv: KvLayout;
  breakdown: MemoryBreakdown;
  gpuBytes: number;
  hostBytes: number;
}

/** Memory on each side for one concrete -ngl. */
export function planMemory(model: ModelSpec, s: DraftSettings & { ngl: number }, hw: HardwareProfile, cal: Calibration): MemoryPlan {
  const hasGpu = hw.gpus.length > 0;
  const placement = placeLayers(model, s.ngl, s.nCpuMoe, hasGpu);
  const weights = splitWeights(model, placement);
  const kv = kvLayout(model, s);
  let kvGpu = 0;
  let kvHost = 0;
  kv.perLayer.forEach((bytes, i) => {
    if (placement.blockOnGpu[i] && !s.noKvOffload) kvGpu += bytes;
    else kvHost += bytes;
  });
  const compute: ComputeParams = {
    ubatch: s.ubatch,
    fa: s.fa,
    cacheTypeK: s.cacheTypeK,
    cacheTypeV: s.cacheTypeV,
    maxCells: kv.maxCells,
    ctx: s.ctx,
  };
  let computeGpu = 0;
  let computeHost: number;
  let overheadGpu = 0;
  if (hasGpu) {
    computeGpu = gpuComputeBytes(model, compute, placement.gpuLayers);
    // Every further GPU of a layer split holds its own share of activations.
    computeGpu += (hw.gpus.length - 1) * s.ubatch * model.nEmbd * 4 * 4;
    computeHost = hostComputeBytesWithGpu(model, compute);
    overheadGpu = hw.gpus.reduce((sum, g) => sum + (cal.gpuOverheadMiB[g.backend] ?? 0) * MiB, 0);
  } else {
    computeHost = graphPeakBytes(model, compute) + hostComputeBytesWithGpu(model, compute);
  }
  // The projector follows the model onto the GPU unless --no-mmproj-offload; LoRA adapters follow the model.
  const mmproj = model.mmprojBytes ?? 0;
  const mmprojOnGpu = placement.gpuLayers > 0 && !s.noMmprojOffload;
  const extrasGpu = (mmprojOnGpu ? mmproj : 0) + (placement.gpuLayers > 0 ? (model.loraBytes ?? 0) : 0);
  const extrasHost = (mmprojOnGpu ? 0 : mmproj) + (placement.gpuLayers > 0 ? 0 : (model.loraBytes ?? 0));
  const draft = model.draft ? planDraft(model.draft, s, hasGpu) : undefined;
  const breakdown: MemoryBreakdown = {
    weightsGpu: weights.gpuBytes + extrasGpu + (draft?.weightsGpu ?? 0),
    weightsHost: weights.hostBytes + extrasHost + (draft?.weightsHost ?? 0),
    kvGpu: kvGpu + (draft?.kvGpu ?? 0),
    kvHost: kvHost + (draft?.kvHost ?? 0),
    computeGpu,
    computeHost,
    overheadGpu,
  };
  return {
    placement,
    weights,
    kv,
    breakdown,
    gpuBytes: breakdown.weightsGpu + breakdown.kvGpu + computeGpu + overheadGpu,
    hostBytes: breakdown.weightsHost + breakdown.kvHost + computeHost,
    ...(draft ? { draft } : {}),
  };
}

export interface DraftPlan {
  weightsGpu: number;
  weightsHost: number;
  kvGpu: number;
  kvHost: number;
}

/**
 * The draft model of speculative decoding: its own layers (-ngld, all by default when a GPU is there)
 * and its own KV cache of -cd cells (0 = the draft's trained context), one sequence, f16.
 */
function planDraft(draft: ModelSpec, s: DraftSettings, hasGpu: boolean): DraftPlan {
  const placement = placeLayers(draft, s.draftGpuLayers ?? draft.blocks.length + 1, 0, hasGpu);
  const w = splitWeights(draft, placement);
  const ctx = s.draftCtx || draft.ctxTrain || s.ctx;
  const kv = kvLayout(draft, { ctx, ubatch: s.ubatch, parallel: 1, cacheTypeK: 'f16', cacheTypeV: 'f16', fa: s.fa });
  let kvGpu = 0;
  let kvHost = 0;
  kv.perLayer.forEach((bytes, i) => {
    if (placement.blockOnGpu[i] && !s.noKvOffload) kvGpu += bytes;
    else kvHost += bytes;
  });
  return { weightsGpu: w.gpuBytes, weightsHost: w.hostBytes, kvGpu, kvHost };
}

/** Free VRAM summed over GPUs. */
export function freeVram(hw: HardwareProfile): number {
  return hw.gpus.reduce((sum, g) => sum + g.freeBytes, 0);
}

/** Host RAM this process can use; on unified memory the GPU's share comes out of the same RAM. */
export function hostCapacity(hw: HardwareProfile, gpuBytes: number): number {
  const ram = hw.ramFreeBytes > 0 ? hw.ramFreeBytes : hw.ramBytes;
  const unified = hw.gpus.some((g) => g.unifiedMemory);
  return unified ? Math.max(0, ram - gpuBytes) : ram;
}
