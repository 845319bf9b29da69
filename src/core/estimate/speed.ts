import type { GpuDevice, HardwareProfile, ModelSpec } from '../types';
import type { Calibration } from './calibration';
import { kvReadBytes } from './kvCache';
import type { MemoryPlan } from './memory';
import { activeExpertFraction, activeMatmulParams } from './placement';
import type { DraftSettings } from './runtimeDefaults';
import { hostLinkGBs } from '../hardware/buildProfile';
import { prefillPath, scalarShareOfMatrixRate, weightClass } from '../data/kernelSupport';

export interface SpeedInputs {
  promptTokens: number;
  genTokens: number;
  depth: number;
}

export interface SpeedResult {
  decodeSecondsGpu: number;
  decodeSecondsCpu: number;
  decodeTps: number;
  prefillTps: number;
  ttftSeconds: number;
  /** Relative uncertainty added on top of the calibrated bands (guessed hardware, partial offload, MoE). */
  extraUncertainty: { decode: number; prefill: number; decodeUp: number };
}

/** Bandwidth a group of GPUs offers to a layer split (layers split by free memory; a token visits each in turn). */
function gpuSecondsPerByte(gpus: GpuDevice[], cal: Calibration): number {
  const free = gpus.reduce((s, g) => s + g.freeBytes, 0) || 1;
  return gpus.reduce((s, g) => s + g.freeBytes / free / (g.bandwidthGBs * 1e9 * (cal.bandwidthEfficiency[g.backend] ?? 0.7)), 0);
}

/** FP16 matrix peak (TFLOPS) of a GPU: the database's, or a guess from its bandwidth for an unknown chip. */
function fp16Peak(gpu: GpuDevice): number {
  return gpu.fp16Tflops ?? gpu.bandwidthGBs * 0.1;
}

/**
 * Peak matmul rate (TFLOPS) for the model's weights on this backend: BF16 at the BF16 matrix rate where
 * the database has one, and the vector rate where the backend has no matrix kernel for the type.
 */
export function weightPeakTflops(gpu: GpuDevice, quant: string): number {
  const peak = weightClass(quant) === 'bf16' ? (gpu.bf16Tflops ?? fp16Peak(gpu)) : fp16Peak(gpu);
  return prefillPath(gpu.backend, quant) === 'scalar' ? peak * scalarShareOfMatrixRate(gpu.generation) : peak;
}

/** Effective matmul throughput (FLOP/s) llama.cpp reaches with a full micro-batch: big GPUs saturate. */
export function effectiveGpuFlops(gpu: GpuDevice, cal: Calibration, peakTflops = fp16Peak(gpu)): number {
  const tflops = (cal.prefillPeakEfficiency * peakTflops) / (1 + peakTflops / cal.prefillHalfSaturationTflops);
  return tflops * 1e12 * (cal.prefillBackendFactor[gpu.backend] ?? 1);
}

/**
 * Attention throughput (FLOP/s) of the FP16 matrix units: attention kernels are pure compute over the KV
 * cache and keep big GPUs busier than weight matmuls do, so they saturate later (their own half-point).
 */
export function attentionGpuFlops(gpu: GpuDevice, cal: Calibration): number {
  const peak = fp16Peak(gpu);
  return (peak * 1e12) / (1 + peak / cal.attentionHalfSaturationTflops);
}

export function cpuFlops(hw: HardwareProfile, threads: number, cal: Calibration): number {
  const f = hw.cpu.flags.map((x) => x.toLowerCase());
  const isa = f.some((x) => x === 'avx2' || x.startsWith('avx512') || x.startsWith('amx'))
    ? 'x86'
    : f.some((x) => x === 'neon' || x === 'asimd' || x.startsWith('arm') || x.startsWith('sve'))
      ? 'arm'
      : 'other';
  return Math.max(1, Math.min(threads, hw.cpu.threads || threads)) * cal.cpuPrefillGflopsPerThread[isa] * 1e9;
}

/** llama.cpp copies host-held weights to the GPU for ops on batches of at least this many tokens (op offload). */
export const OP_OFFLOAD_MIN_BATCH = 32;
/** Host link assumed when the database has none: PCIe 4.0 x16. */
export const FALLBACK_HOST_LINK_GBS = hostLinkGBs({ pcieGen: 4, lanes: 16 }) as number;

/** Matmul weights by where prefill finds them. */
export interface WeightGroup {
  denseParams: number;
  denseBytes: number;
  expertParams: number;
  expertBytes: number;
}

export function prefillWeightGroups(model: ModelSpec, placement: MemoryPlan['placement']): { gpu: WeightGroup; host: WeightGroup } {
  const gpu: WeightGroup = { denseParams: 0, denseBytes: 0, expertParams: 0, expertBytes: 0 };
  const host: WeightGroup = { denseParams: 0, denseBytes: 0, expertParams: 0, expertBytes: 0 };
  model.blocks.forEach((b, i) => {
    const g = placement.blockOnGpu[i] ? gpu : host;
    g.denseParams += b.dense.params;
    g.denseBytes += b.dense.bytes;
    const e = placement.blockOnGpu[i] && !placement.expertsOnCpu[i] ? gpu : host;
    e.expertParams += b.experts.params;
    e.expertBytes += b.experts.bytes;
  });
  const out = placement.outputOnGpu ? gpu : host;
  out.denseParams += model.output.params;
  out.denseBytes += model.output.bytes;
  return { gpu, host };
}

/** Share of peak a matmul reaches when each weight sees `tokens` rows: few rows leave the matrix units idle. */
export function ubatchSaturation(tokens: number, cal: Calibration): number {
  return tokens / (tokens + cal.ubatchHalfTokens);
}

/**
 * Seconds for one micro-batch of `tokens` through a group of weights: compute at `flops` (scaled by how
 * full the tiles are) or streaming the weights at `bytesPerSecond`, whichever is slower. Routed experts
 * see tokens × used ÷ experts rows on average (a large batch reaches every expert; a single token
 * reads only the experts it picked, one row each).
 */
export function matmulSeconds(
  model: ModelSpec,
  g: WeightGroup,
  tokens: number,
  flops: number,
  bytesPerSecond: number,
  cal: Calibration,
  saturates = true,
): number {
  const sat = (t: number) => (saturates ? ubatchSaturation(t, cal) : 1);
  const dense = Math.max((2 * g.denseParams * tokens) / (flops * sat(tokens)), g.denseBytes / bytesPerSecond);
  if (g.expertParams === 0) return dense;
  const used = activeExpertFraction(model);
  // Share of the experts some token of the batch picked, and the rows each of those sees.
  const touched = 1 - Math.pow(1 - used, tokens);
  const rowsPerExpert = (tokens * used) / touched;
  return dense + Math.max((2 * g.expertParams * tokens * used) / (flops * sat(rowsPerExpert)), (g.expertBytes * touched) / bytesPerSecond);
}

/**
 * Prefill seconds per prompt token: one micro-batch of `tokens` at a time. GPU-held weights run on the
 * GPU. Host-held weights: with a discrete GPU and a batch of ≥ 32 tokens llama.cpp copies them to the
 * GPU for each micro-batch (op offload, off with --no-op-offload), costing bytes ÷ host link; otherwise,
 * and always on unified memory, the CPU multiplies them. Attention grows with the context already seen.
 * Each micro-batch also pays the graph's per-layer launch cost once (what makes -ub 1 as slow as decode).
 */
export function prefillSecondsPerToken(
  model: ModelSpec,
  s: DraftSettings & { ngl: number },
  plan: MemoryPlan,
  hw: HardwareProfile,
  cal: Calibration,
  tokens: number,
  attnContext: number,
): number {
  const gpus = hw.gpus;
  const groups = prefillWeightGroups(model, plan.placement);
  const attnFlops = attentionFlopsPerToken(model, attnContext) * tokens;
  const cpu = cpuFlops(hw, s.threads, cal);
  const ramBytesPerSecond = hw.ramBandwidthGBs * 1e9 * cal.bandwidthEfficiency.cpu;
  const unified = gpus.some((g) => g.unifiedMemory);
  if (gpus.length === 0 || (unified && plan.placement.gpuLayers === 0)) {
    const all: WeightGroup = {
      denseParams: groups.gpu.denseParams + groups.host.denseParams,
      denseBytes: groups.gpu.denseBytes + groups.host.denseBytes,
      expertParams: groups.gpu.expertParams + groups.host.expertParams,
      expertBytes: groups.gpu.expertBytes + groups.host.expertBytes,
    };
    return (matmulSeconds(model, all, tokens, cpu, ramBytesPerSecond, cal, false) + attnFlops / cpu) / tokens;
  }
  // A layer split over several GPUs runs them one after another: rates combine by each one's share.
  const free = gpus.reduce((sum, g) => sum + g.freeBytes, 0) || 1;
  const combine = (rate: (g: GpuDevice) => number) => 1 / gpus.reduce((sum, g) => sum + g.freeBytes / free / rate(g), 0);
  const weightFlops = combine((g) => effectiveGpuFlops(g, cal, weightPeakTflops(g, model.quant)));
  const attnRate = combine((g) => attentionGpuFlops(g, cal));
  const gpuBytesPerSecond = 1 / gpuSecondsPerByte(gpus, cal);
  // Every micro-batch is one pass of the graph: the same per-layer launch cost a decoded token pays.
  const fixedScale = Math.max(...gpus.map((g) => cal.gpuFixedCostScale[g.backend] ?? 1));
  const launch =
    fixedScale * (plan.weights.gpuBlocks * (cal.gpuPerLayerSeconds + (s.fa ? 0 : cal.gpuPerLayerNoFaSeconds)) + cal.gpuPerTokenSeconds);
  let seconds = launch + matmulSeconds(model, groups.gpu, tokens, weightFlops, gpuBytesPerSecond, cal);
  const hostWeightBytes = groups.host.denseBytes + groups.host.expertBytes;
  if (hostWeightBytes > 0) {
    const opOffload = !unified && !s.noOpOffload && tokens >= OP_OFFLOAD_MIN_BATCH;
    if (opOffload) {
      const link = Math.min(...gpus.map((g) => g.hostLinkGBs || FALLBACK_HOST_LINK_GBS));
      seconds +=
        matmulSeconds(model, groups.host, tokens, weightFlops, gpuBytesPerSecond, cal) +
        plan.weights.hostBytesUsedByGpuPrefill / (link * 1e9 * cal.hostLinkEfficiency);
    } else {
      seconds += matmulSeconds(model, groups.host, tokens, cpu, ramBytesPerSecond, cal, false);
    }
  }
  // Attention: its FLOPs, or reading the whole KV cache once per micro-batch, whichever is longer (a
  // small micro-batch deep into the context is KV-bandwidth-bound). With --no-kv-offload it runs on the CPU.
  const kvEff = s.fa ? cal.kvReadEfficiency.fa : cal.kvReadEfficiency.noFa;
  const kvOnGpu = (l: number) => plan.placement.blockOnGpu[l] && !s.noKvOffload;
  const kvGpuSeconds = kvReadBytes(model, s, attnContext, kvOnGpu) / (gpuBytesPerSecond * kvEff);
  const kvHostSeconds = kvReadBytes(model, s, attnContext, (l) => !kvOnGpu(l)) / (ramBytesPerSecond * kvEff);
  const attnCompute = s.noKvOffload
    ? attnFlops / cpu
    : attnFlops / (attnRate * (s.fa ? cal.attentionFlopsFactor.fa : cal.attentionFlopsFactor.noFa));
  seconds += Math.max(attnCompute, kvGpuSeconds + kvHostSeconds);
  return seconds / tokens;
}

/** FLOPs of attention per token with `context` tokens visible (QKᵀ and AV, all heads, non-window blocks full). */
function attentionFlopsPerToken(model: ModelSpec, context: number): number {
  let flops = 0;
  for (let l = 0; l < model.blocks.length; l++) {
    if ((model.nHeadKv[l] ?? 0) === 0 && !model.mla) continue;
    const window = model.slidingWindow > 0 && model.swaLayers[l] ? model.slidingWindow : Infinity;
    flops += 2 * model.nHead * (model.headDimK + model.headDimV) * Math.min(context, window);
  }
  return flops;
}

export function estimateSpeed(
  model: ModelSpec,
  s: DraftSettings & { ngl: number },
  plan: MemoryPlan,
  hw: HardwareProfile,
  cal: Calibration,
  io: SpeedInputs,
): SpeedResult {
  const gpus = hw.gpus;
  const { weights, placement } = plan;
  const kvOnGpu = (l: number) => placement.blockOnGpu[l] && !s.noKvOffload;
  const decodeContext = io.depth + io.promptTokens + io.genTokens / 2;
  const kvEff = s.fa ? cal.kvReadEfficiency.fa : cal.kvReadEfficiency.noFa;
  const extra = { decode: 0, prefill: 0, decodeUp: 0 };

  // K- and I-quants cost extra dequantization work per weight on top of the bytes they read.
  const kQuant = /(^|_)K(_|$)|^IQ/i.test(model.quant);
  const gpuParamsRead =
    weights.gpuReadBytes > 0
      ? activeMatmulParams(model) * (weights.gpuReadBytes / Math.max(1, weights.gpuReadBytes + weights.hostReadBytes))
      : 0;
  const hostParamsRead = activeMatmulParams(model) - gpuParamsRead;

  let decodeSecondsGpu = 0;
  if (gpus.length > 0 && placement.gpuLayers > 0) {
    const secPerByte = gpuSecondsPerByte(gpus, cal);
    const kvGpu = kvReadBytes(model, s, decodeContext, kvOnGpu);
    const fixedScale = Math.max(...gpus.map((g) => cal.gpuFixedCostScale[g.backend] ?? 1));
    decodeSecondsGpu =
      weights.gpuReadBytes * secPerByte +
      (kvGpu * secPerByte) / kvEff +
      fixedScale * (weights.gpuBlocks * (cal.gpuPerLayerSeconds + (s.fa ? 0 : cal.gpuPerLayerNoFaSeconds)) + cal.gpuPerTokenSeconds) +
      (kQuant ? gpuParamsRead * cal.kQuantSecondsPerParam.gpu : 0);
  }
  const ramSecPerByte = 1 / (hw.ramBandwidthGBs * 1e9 * cal.bandwidthEfficiency.cpu);
  const kvHost = kvReadBytes(model, s, decodeContext, (l) => !kvOnGpu(l));
  let decodeSecondsCpu = 0;
  if (weights.hostReadBytes > 0 || kvHost > 0) {
    decodeSecondsCpu =
      weights.hostReadBytes * ramSecPerByte +
      (kvHost * ramSecPerByte) / kvEff +
      cal.cpuPerTokenSeconds +
      (kQuant ? hostParamsRead * cal.kQuantSecondsPerParam.cpu : 0);
  }
  const decodeSeconds = decodeSecondsGpu + decodeSecondsCpu;

  // Prefill, one micro-batch at a time (see prefillSecondsPerToken).
  const tokensPerUbatch = Math.max(1, Math.min(s.ubatch, io.promptTokens || s.ubatch));
  const attnContext = io.depth + io.promptTokens / 2;
  const prefillSeconds = prefillSecondsPerToken(model, s, plan, hw, cal, tokensPerUbatch, attnContext);
  const unified = gpus.some((g) => g.unifiedMemory);
  if (gpus.length > 0 && (placement.gpuLayers > 0 || !unified)) {
    if (weights.hostBytesUsedByGpuPrefill > 0 && !unified) extra.prefill += 0.15;
    if (gpus.some((g) => g.fp16Tflops === undefined)) extra.prefill += 0.2;
    // Vulkan and SYCL speed moves with the driver and the build far more than CUDA's, Metal's or ROCm's.
    if (gpus.some((g) => g.backend === 'vulkan' || g.backend === 'sycl')) {
      extra.decode += 0.2;
      extra.prefill += 0.3;
    }
    if (gpus.some((g) => g.provenance.bandwidth === 'guessed')) extra.decode += 0.2;
  } else {
    extra.prefill += 0.1;
  }
  // RAM bandwidth matters in proportion to the time spent on the CPU side.
  const cpuShare = decodeSecondsCpu / Math.max(1e-12, decodeSecondsGpu + decodeSecondsCpu);
  if (hw.provenance.ramBandwidth === 'guessed') extra.decode += 0.15 * cpuShare;
  // CPUs stream Q8_0/F16 weights at ~0.9 of their memory bandwidth; K-quants add dequantization work
  // that costs some CPUs far more than others (measured: a 16-thread Xeon VM loses a third, an EPYC ~10%).
  if (kQuant) extra.decode += 0.25 * cpuShare;
  extra.decodeUp += 0.1 * cpuShare;
  if (weights.hostReadBytes > 0 && weights.gpuReadBytes > 0) extra.decode += 0.05;
  if (activeExpertFraction(model) < 1) {
    extra.decode += 0.05;
    extra.prefill += 0.1;
  }

  const prefillTps = 1 / prefillSeconds;
  return {
    decodeSecondsGpu,
    decodeSecondsCpu,
    decodeTps: 1 / decodeSeconds,
    prefillTps,
    ttftSeconds: io.promptTokens * prefillSeconds + decodeSeconds,
    extraUncertainty: extra,
  };
}
