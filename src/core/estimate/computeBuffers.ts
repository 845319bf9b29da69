import type { ModelSpec } from '../types';
import { isQuantizedKv } from './kvCache';

// Compute-buffer sizes follow what llama.cpp's graph allocator reserves, fitted on its own logs
// (../shared/calibration): the peak is either the output logits or the attention scores.

export interface ComputeParams {
  ubatch: number;
  fa: boolean;
  cacheTypeK: string;
  cacheTypeV: string;
  /** Context cells of the largest KV block. */
  maxCells: number;
  /** Context length (mask size). */
  ctx: number;
}

function widestFfn(model: ModelSpec): number {
  return Math.max(model.nFf, model.expertFf * Math.max(1, model.expertUsed));
}

function kvWidth(model: ModelSpec): { k: number; v: number } {
  if (model.mla) return { k: model.mla.kvLoraRank + model.mla.ropeDim, v: model.mla.kvLoraRank };
  const heads = Math.max(0, ...model.nHeadKv);
  return { k: heads * model.headDimK, v: heads * model.headDimV };
}

/** Peak of the graph on the device that runs the output layer (or the whole graph on a CPU-only run). */
export function graphPeakBytes(model: ModelSpec, p: ComputeParams): number {
  const logits = p.ubatch * (model.nVocab + model.nEmbd) * 4;
  let attention: number;
  if (!p.fa) {
    // KQ scores in f32 for every head, plus the mask and the FFN activations.
    attention = p.ubatch * p.maxCells * (model.nHead + 1) * 4 + p.ubatch * (widestFfn(model) + model.nEmbd) * 4;
  } else if (isQuantizedKv(p.cacheTypeK) || isQuantizedKv(p.cacheTypeV)) {
    // Flash attention on a quantized cache converts one block's K and V to f16.
    const w = kvWidth(model);
    attention = p.maxCells * (w.k + w.v) * 2 + p.maxCells * p.ubatch * 2 + p.ubatch * model.nEmbd * 16;
  } else {
    attention = 0;
  }
  return Math.max(logits, attention);
}

/** GPU compute buffer. With -ngl 0 llama.cpp still runs large-batch matmuls on the GPU, staging weights there. */
export function gpuComputeBytes(model: ModelSpec, p: ComputeParams, gpuLayers: number): number {
  const peak = graphPeakBytes(model, p);
  if (gpuLayers > 0) return peak;
  return peak + model.output.bytes + 2 * p.ubatch * widestFfn(model) * 4;
}

/** Host-side (pinned) buffers next to a GPU: token embeddings gathered on the host and the KQ mask. */
export function hostComputeBytesWithGpu(model: ModelSpec, p: ComputeParams): number {
  return p.fa ? p.ubatch * model.nEmbd * 8 + p.ctx * p.ubatch * 2 : p.ubatch * model.nEmbd * 10 + p.ctx * p.ubatch * 4;
}
