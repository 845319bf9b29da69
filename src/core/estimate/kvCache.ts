import { bytesPerElement, ggmlTypeByName } from '../gguf/ggmlTypes';
import { ModelFitError } from '../errors';
import type { ModelSpec } from '../types';

/** llama.cpp pads the KV cache to a multiple of 256 cells. */
export const KV_PAD = 256;

export function padCells(n: number): number {
  return Math.ceil(n / KV_PAD) * KV_PAD;
}

export function kvTypeBytes(type: string): number {
  const t = ggmlTypeByName(type);
  if (!t) throw new ModelFitError(`unknown KV cache type "${type}" (use f16, bf16, f32, q8_0, q5_1, q5_0, q4_1, q4_0 or iq4_nl)`);
  return bytesPerElement(t);
}

export function isQuantizedKv(type: string): boolean {
  return !['f32', 'f16', 'bf16'].includes(type.toLowerCase());
}

export interface KvParams {
  ctx: number;
  ubatch: number;
  parallel: number;
  cacheTypeK: string;
  cacheTypeV: string;
  fa: boolean;
}

/** K and V bytes one cell of block `layer` takes. */
export function kvCellBytes(model: ModelSpec, layer: number, p: KvParams): { k: number; v: number } {
  const bk = kvTypeBytes(p.cacheTypeK);
  const bv = kvTypeBytes(p.cacheTypeV);
  if (model.mla) {
    // MLA caches the compressed latent (kv_lora_rank) plus the rope part as K; llama.cpp reads V as
    // a view of that latent, so no V cache is allocated.
    return { k: (model.mla.kvLoraRank + model.mla.ropeDim) * bk, v: 0 };
  }
  const heads = model.nHeadKv[layer] ?? 0;
  const swa = model.slidingWindow > 0 && model.swaLayers[layer];
  const dimK = (swa && model.headDimKSwa) || model.headDimK;
  const dimV = (swa && model.headDimVSwa) || model.headDimV;
  return { k: heads * dimK * bk, v: heads * dimV * bv };
}

/** Cells block `layer` keeps: the full context, or the sliding window (+ one ubatch) for SWA blocks. */
export function kvCells(model: ModelSpec, layer: number, p: KvParams): number {
  if (model.slidingWindow > 0 && model.swaLayers[layer]) {
    return Math.min(p.ctx, padCells(model.slidingWindow * Math.max(1, p.parallel) + p.ubatch));
  }
  return p.ctx;
}

/** Recurrent state cells llama.cpp allocates: one per sequence (max(1, n_seq_max)). */
export function recurrentCells(p: { parallel: number }): number {
  return Math.max(1, Math.floor(p.parallel) || 1);
}

/** Recurrent state bytes block `layer` keeps for all sequences (f32, whatever the KV cache type). */
export function recurrentBytes(model: ModelSpec, layer: number, p: { parallel: number }): number {
  return (model.recurrentStateBytes?.[layer] ?? 0) * recurrentCells(p);
}

export interface KvLayout {
  /** Bytes per block: KV cache plus recurrent state, on the device of the block. */
  perLayer: number[];
  /** The recurrent-state part of `total` (conv + SSM / linear-attention state of every sequence). */
  recurrentTotal: number;
  total: number;
  /** Bytes one more token of context adds (blocks whose window is not yet full). */
  bytesPerToken: number;
  /** Largest number of cells any block keeps. */
  maxCells: number;
}

export function kvLayout(model: ModelSpec, p: KvParams): KvLayout {
  const perLayer: number[] = [];
  let bytesPerToken = 0;
  let maxCells = 0;
  let recurrentTotal = 0;
  for (let l = 0; l < model.blocks.length; l++) {
    const cell = kvCellBytes(model, l, p);
    const cells = kvCells(model, l, p);
    const state = recurrentBytes(model, l, p);
    recurrentTotal += state;
    perLayer.push((cell.k + cell.v) * cells + state);
    bytesPerToken += cell.k + cell.v;
    if (cell.k + cell.v > 0) maxCells = Math.max(maxCells, cells);
  }
  return { perLayer, recurrentTotal, total: perLayer.reduce((a, b) => a + b, 0), bytesPerToken, maxCells };
}

/** KV bytes a decode step reads on a set of blocks when `tokens` are in the context. */
export function kvReadBytes(model: ModelSpec, p: KvParams, tokens: number, include: (layer: number) => boolean): number {
  let bytes = 0;
  for (let l = 0; l < model.blocks.length; l++) {
    if (!include(l)) continue;
    const cell = kvCellBytes(model, l, p);
    const window = model.slidingWindow > 0 && model.swaLayers[l] ? model.slidingWindow : Infinity;
    bytes += (cell.k + cell.v) * Math.min(tokens, window);
    // A recurrent block reads its sequence's state and writes it back, whatever the context.
    bytes += 2 * (model.recurrentStateBytes?.[l] ?? 0);
  }
  return bytes;
}
