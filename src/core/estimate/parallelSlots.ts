// Decode with N parallel slots (llama-server -np N, OLLAMA_NUM_PARALLEL): one batched step generates a token
// for every stream, reading the weights once for all of them; each stream still reads its own KV cache.
// A MoE step reads the union of the experts the N tokens route to: per block 1 − (1 − k/E)^N of them
// if routing were uniform. The step cannot beat the compute rate prefill reaches (N tokens of matmuls).
import type { Estimate, HardwareProfile, ModelSpec, RunSettings, Runtime } from '../types';
import { estimate } from './index';

export interface SlotThroughput {
  slots: number;
  /** tok/s each stream sees. */
  perStreamTps: number;
  /** tok/s summed over the streams. */
  aggregateTps: number;
  /** Seconds per batched step, and its parts. */
  stepSeconds: number;
  weightSeconds: number;
  kvSecondsPerStream: number;
  computeBound: boolean;
}

/** Bytes of weights one step of N tokens reads, relative to one token's. */
export function weightReadFactor(model: ModelSpec, slots: number): number {
  if (model.expertCount <= 0 || model.expertUsed <= 0) return 1;
  const f1 = Math.min(1, model.expertUsed / model.expertCount);
  const fN = 1 - Math.pow(1 - f1, slots);
  let dense = model.output.bytes;
  let experts = 0;
  for (const b of model.blocks) {
    dense += b.dense.bytes;
    experts += b.experts.bytes;
  }
  return (dense + experts * fN) / (dense + experts * f1);
}

/**
 * `atDepth`: the estimate at the depth each stream has reached; `atZero`: the same settings at depth 0
 * (its time per token is the weight read plus the fixed per-token costs).
 */
export function slotThroughput(model: ModelSpec, atDepth: Estimate, atZero: Estimate, slots: number): SlotThroughput {
  const n = Math.max(1, Math.floor(slots));
  const t0 = 1 / atZero.speed.decodeTps;
  const kv = Math.max(0, 1 / atDepth.speed.decodeTps - t0);
  const weights = t0 * weightReadFactor(model, n);
  const memoryStep = weights + n * kv;
  const computeStep = n / atDepth.speed.prefillTps;
  const step = Math.max(memoryStep, computeStep);
  return {
    slots: n,
    perStreamTps: 1 / step,
    aggregateTps: n / step,
    stepSeconds: step,
    weightSeconds: weights,
    kvSecondsPerStream: kv,
    computeBound: computeStep > memoryStep,
  };
}

/**
 * Per-stream and aggregate decode of an estimate with several slots (undefined for one slot or no fit): the same
 * run re-estimated at depth 0, at the layers and context the estimate settled on, gives the weight-read time.
 */
export function slotThroughputOf(
  model: ModelSpec,
  settings: RunSettings,
  hw: HardwareProfile,
  e: Estimate,
  runtime: Runtime,
  io: { promptTokens?: number; genTokens?: number },
): SlotThroughput | undefined {
  if (e.settings.parallel <= 1 || !e.fits) return undefined;
  const atZero = estimate(model, { ...settings, ngl: e.settings.ngl, ctx: e.settings.ctx }, hw, { ...io, depth: 0, runtime });
  return slotThroughput(model, e, atZero, e.settings.parallel);
}
