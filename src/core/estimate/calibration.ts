import fitted from '../data/calibration.json';
import type { GpuBackend } from '../types';

/** The estimator's few efficiency constants (fitted by scripts/fit-calibration.ts). */
export interface Calibration {
  gpuOverheadMiB: Record<GpuBackend, number>;
  bandwidthEfficiency: Record<GpuBackend | 'cpu', number>;
  kvReadEfficiency: { fa: number; noFa: number };
  gpuPerLayerSeconds: number;
  /**
   * The fixed per-layer and per-token GPU costs (kernel dispatch, synchronisation) of each backend relative
   * to CUDA's: Metal command buffers cost more per layer, which small models on big Apple chips show.
   */
  gpuFixedCostScale: Record<GpuBackend, number>;
  /** Extra per-layer cost without flash attention (separate KQ, softmax and KQV kernels). */
  gpuPerLayerNoFaSeconds: number;
  /** Dequantization cost of K- and I-quants per weight read, beyond their bytes. */
  kQuantSecondsPerParam: { gpu: number; cpu: number };
  /** Prefill throughput of each backend's kernels relative to CUDA's at the same FP16 peak. */
  prefillBackendFactor: Record<GpuBackend, number>;
  gpuPerTokenSeconds: number;
  cpuPerTokenSeconds: number;
  prefillPeakEfficiency: number;
  prefillHalfSaturationTflops: number;
  /** Share of the FP16 matrix peak attention reaches (with / without flash attention), before saturation. */
  attentionFlopsFactor: { fa: number; noFa: number };
  /** FP16 peak (TFLOPS) at which attention reaches half of attentionFlopsFactor × peak. */
  attentionHalfSaturationTflops: number;
  /**
   * Share of the host link's rate that op offload's per-micro-batch weight copies reach (pageable,
   * memory-mapped weights are copied through a staging buffer, not DMA'd from pinned memory).
   */
  hostLinkEfficiency: number;
  /** Rows per weight at which a matmul reaches half its peak (small micro-batches, MoE experts). */
  ubatchHalfTokens: number;
  /**
   * Prefill GFLOPS per thread by CPU family. x86 is one class: the measured AVX2 EPYC and AMX Xeon land
   * within 15% of each other, so the data does not support separate AVX-512/AMX figures.
   */
  cpuPrefillGflopsPerThread: Record<'x86' | 'arm' | 'other', number>;
  decodeBand: { low: number; high: number };
  prefillBand: { low: number; high: number };
}

export const DEFAULT_CALIBRATION: Calibration = fitted as Calibration;

/** Calibration with user overrides (settings) applied on top; nested records merge key by key. */
export function withOverrides(overrides?: Partial<Calibration>): Calibration {
  if (!overrides) return DEFAULT_CALIBRATION;
  const merged: Record<string, unknown> = { ...DEFAULT_CALIBRATION };
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    merged[key] = value && typeof value === 'object' && base && typeof base === 'object' ? { ...base, ...value } : value;
  }
  return merged as unknown as Calibration;
}
