// Speed bands: measured ÷ predicted ranges learned out of sample (each source predicted by a fit without
// it), per group of predictions that share a source of error, so a band is wide where we know less.
import type { GpuBackend, HardwareProfile } from '../types';
import type { Calibration } from './calibration';

/** measured ÷ predicted range. */
export interface Band {
  low: number;
  high: number;
}

/**
 * What a prediction's error depends on most: where the weights are (all on the CPU, split between host
 * and GPU); else a mixture-of-experts model (small expert matmuls, routing kernels) or, for prefill, a deep
 * context; else the backend whose kernels and driver run it.
 */
export type BandGroup = GpuBackend | 'cpu' | 'partial' | 'moe' | 'deep';

/**
 * Tokens already in the context from which prefill counts as deep: attention then dominates and errs
 * far more than at depth 0 (decode at depth only reads the KV cache, which it predicts as well as weights).
 */
export const DEEP_CONTEXT_TOKENS = 8192;

export function bandGroup(
  kind: 'decode' | 'prefill',
  hw: HardwareProfile,
  offload: { gpuLayers: number; totalLayers: number; cpuMoeBlocks: number },
  depth: number,
  moe: boolean,
): BandGroup {
  if (hw.gpus.length === 0 || offload.gpuLayers === 0) return 'cpu';
  if (offload.gpuLayers < offload.totalLayers || offload.cpuMoeBlocks > 0) return 'partial';
  if (moe) return 'moe';
  if (kind === 'prefill' && depth >= DEEP_CONTEXT_TOKENS) return 'deep';
  return hw.gpus[0].backend;
}

/** The calibrated band of a group, or the band over all records where the group has none. */
export function groupBand(cal: Calibration, kind: 'decode' | 'prefill', group: BandGroup): Band {
  const byGroup = kind === 'decode' ? cal.decodeBands : cal.prefillBands;
  return byGroup?.[group] ?? (kind === 'decode' ? cal.decodeBand : cal.prefillBand);
}

/** tok/s range around `value`: the group's band, widened by `extra` where this machine's inputs are guesses. */
export function speedRange(value: number, b: Band, extra: number): Band {
  return { low: value * Math.max(0.2, b.low - extra), high: value * (b.high + extra * 0.5) };
}

/** Records a group needs before its own band replaces the wider of its band and the overall one. */
export const MIN_GROUP_RECORDS = 10;
/** Share of out-of-sample measurements a band is meant to hold (the 5th to the 95th percentile). */
export const BAND_COVERAGE = 0.9;
/** Never narrower than ±15%: llama.cpp builds alone move the same machine that much. */
const MIN_HALF_WIDTH = 0.15;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  // The epsilon keeps (1 − 0.9) / 2 × 20 at index 1, not 0.999… → 0.
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1) + 1e-9)))];
}

/** The band holding BAND_COVERAGE of `ratios` (measured ÷ predicted). */
export function bandOf(ratios: number[]): Band {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  if (ratios.length === 0) return { low: 1 - MIN_HALF_WIDTH, high: 1 + MIN_HALF_WIDTH };
  const tail = (1 - BAND_COVERAGE) / 2;
  return {
    low: round(Math.min(1 - MIN_HALF_WIDTH, quantile(ratios, tail))),
    high: round(Math.max(1 + MIN_HALF_WIDTH, quantile(ratios, 1 - tail))),
  };
}

/**
 * The overall band and one per group from out-of-sample ratios. A group with few records takes the
 * wider of its own band and the overall one on each side: little evidence is no reason to be narrow.
 */
export function bandsOf(ratios: Array<{ group: BandGroup; r: number }>): { all: Band; byGroup: Partial<Record<BandGroup, Band>> } {
  const all = bandOf(ratios.map((x) => x.r));
  const byGroup: Partial<Record<BandGroup, Band>> = {};
  for (const group of [...new Set(ratios.map((x) => x.group))].sort()) {
    const own = ratios.filter((x) => x.group === group).map((x) => x.r);
    const b = bandOf(own);
    byGroup[group] = own.length >= MIN_GROUP_RECORDS ? b : { low: Math.min(b.low, all.low), high: Math.max(b.high, all.high) };
  }
  return { all, byGroup };
}
