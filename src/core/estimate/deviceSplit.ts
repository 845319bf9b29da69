// Memory per GPU when llama.cpp spreads layers over several devices (src/llama-model.cpp, load_tensors):
// the split proportions (-ts, else each device's free memory) are summed into cumulative split points
// normalised to 1; of the act = min(ngl, n_layer + 1) offloaded layers, layer il (il ≥ i_gpu_start =
// n_layer + 1 − ngl; il = n_layer is the output layer) goes to the first device whose split point is
// above (il − i_gpu_start) / act (std::upper_bound). The input embedding always stays on the CPU.
// --split-mode none keeps every offloaded layer on --main-gpu; row splits each weight matrix by the
// proportions and keeps the KV cache and the rest on the main GPU.
import { MiB } from '../units';
import type { Estimate, HardwareProfile, ModelSpec } from '../types';
import { DEFAULT_CALIBRATION, type Calibration } from './calibration';
import { gpuComputeBytes } from './computeBuffers';
import { kvLayout } from './kvCache';

export type SplitMode = 'layer' | 'row' | 'none';

export interface DeviceShare {
  index: number;
  name: string;
  /** Layer indices on this device (n_layer = the output layer). */
  layers: number[];
  weightBytes: number;
  kvBytes: number;
  computeBytes: number;
  overheadBytes: number;
  totalBytes: number;
  freeBytes: number;
  fits: boolean;
}

export interface SplitOptions {
  tensorSplit?: number[];
  splitMode?: SplitMode;
  mainGpu?: number;
  calibration?: Calibration;
}

/** Cumulative split points normalised to 1, as llama.cpp computes them. */
export function splitPoints(proportions: number[]): number[] {
  const sums: number[] = [];
  let total = 0;
  for (const p of proportions) sums.push((total += p));
  return sums.map((s) => (total > 0 ? s / total : 0));
}

/** Device of layer `il` (0..nLayer, nLayer = output), or -1 for the CPU. */
export function layerDevice(il: number, nLayer: number, ngl: number, points: number[]): number {
  const iGpuStart = Math.max(nLayer + 1 - ngl, 0);
  const act = points.length === 0 ? 0 : Math.min(ngl, nLayer + 1);
  if (il < iGpuStart || il - iGpuStart >= act) return -1;
  // float, as in llama.cpp: (il - i_gpu_start) / act in single precision
  const x = Math.fround((il - iGpuStart) / act);
  const i = points.findIndex((p) => Math.fround(p) > x);
  return i < 0 ? points.length - 1 : i;
}

/** Per-GPU memory for an estimate's settings (the estimate itself sums the devices). */
export function deviceShares(model: ModelSpec, e: Estimate, hw: HardwareProfile, opts: SplitOptions = {}): DeviceShare[] {
  const cal = opts.calibration ?? DEFAULT_CALIBRATION;
  const n = hw.gpus.length;
  if (n === 0) return [];
  const mode = opts.splitMode ?? 'layer';
  const main = Math.min(Math.max(0, opts.mainGpu ?? 0), n - 1);
  const given =
    opts.tensorSplit && opts.tensorSplit.some((x) => x > 0) ? [...opts.tensorSplit, ...Array(n).fill(0)].slice(0, n) : undefined;
  const proportions = mode === 'none' ? hw.gpus.map((_, i) => (i === main ? 1 : 0)) : (given ?? hw.gpus.map((g) => g.freeBytes));
  const points = splitPoints(proportions);
  const s = e.settings;
  const nLayer = model.blocks.length;
  const kv = kvLayout(model, {
    ctx: s.ctx,
    ubatch: s.ubatch,
    parallel: s.parallel,
    cacheTypeK: s.cacheTypeK,
    cacheTypeV: s.cacheTypeV,
    fa: s.fa,
  });
  const shares: DeviceShare[] = hw.gpus.map((g, index) => ({
    index,
    name: g.name,
    layers: [],
    weightBytes: 0,
    kvBytes: 0,
    computeBytes: 0,
    overheadBytes: (cal.gpuOverheadMiB[g.backend] ?? 0) * MiB,
    totalBytes: 0,
    freeBytes: g.freeBytes,
    fits: true,
  }));
  const rowFractions = proportions.map((p) => p / (proportions.reduce((a, b) => a + b, 0) || 1));
  let outputDevice = -1;
  for (let il = 0; il <= nLayer; il++) {
    const d = layerDevice(il, nLayer, s.ngl, points);
    if (d < 0) continue;
    const isOutput = il === nLayer;
    const weights = isOutput
      ? model.output.bytes + model.other.bytes
      : model.blocks[il].dense.bytes + (il < s.nCpuMoe ? 0 : model.blocks[il].experts.bytes);
    if (mode === 'row') {
      // each matrix split by rows over the devices; KV and compute stay on the main GPU
      shares.forEach((sh, i) => (sh.weightBytes += weights * rowFractions[i]));
      shares[main].layers.push(il);
      if (!isOutput && !s.noKvOffload) shares[main].kvBytes += kv.perLayer[il];
    } else {
      shares[d].layers.push(il);
      shares[d].weightBytes += weights;
      if (!isOutput && !s.noKvOffload) shares[d].kvBytes += kv.perLayer[il];
    }
    if (isOutput) outputDevice = mode === 'row' ? main : d;
  }
  // The output device holds the logits / attention peak; every other device its share of activations
  // (the same sizes the summed estimate uses).
  const gpuLayers = shares.reduce((a, sh) => a + sh.layers.length, 0);
  const compute = { ubatch: s.ubatch, fa: s.fa, cacheTypeK: s.cacheTypeK, cacheTypeV: s.cacheTypeV, maxCells: kv.maxCells, ctx: s.ctx };
  const peakOn = outputDevice >= 0 ? outputDevice : main;
  shares.forEach((sh, i) => {
    sh.computeBytes = i === peakOn ? gpuComputeBytes(model, compute, gpuLayers) : s.ubatch * model.nEmbd * 4 * 4;
    sh.totalBytes = sh.weightBytes + sh.kvBytes + sh.computeBytes + sh.overheadBytes;
    sh.fits = sh.totalBytes <= sh.freeBytes;
  });
  return shares;
}
