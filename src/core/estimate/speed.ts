import type { GpuDevice, HardwareProfile, ModelSpec } from '../types';
import type { Calibration } from './calibration';
import { kvReadBytes } from './kvCache';
import type { MemoryPlan } from './memory';
import { activeExpertFraction, activeMatmulParams } from './placement';
import type { DraftSettings } from './settings';

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
  return gpus.reduce((s, g) => s + (g.freeBytes / free) / (g.bandwidthGBs * 1e9 * (cal.bandwidthEfficiency[g.backend] ?? 0.7)), 0);
}

/** Effective dense matmul throughput (FLOP/s) llama.cpp reaches at ubatch 512: big GPUs saturate. */
export function effectiveGpuFlops(gpu: GpuDevice, cal: Calibration): number {
  const peak = gpu.fp16Tflops ?? gpu.bandwidthGBs * 0.1; // unknown chip: guess from bandwidth
  const tflops = (cal.prefillPeakEfficiency * peak) / (1 + peak / cal.prefillHalfSaturationTflops);
  return tflops * 1e12 * (cal.prefillBackendFactor[gpu.backend] ?? 1);
}

export function cpuFlops(hw: HardwareProfile, threads: number, cal: Calibration): number {
  const f = hw.cpu.flags.map((x) => x.toLowerCase());
  const isa = f.some((x) => x === 'avx2' || x.startsWith('avx512') || x.startsWith('amx')) ? 'x86'
    : f.some((x) => x === 'neon' || x === 'asimd' || x.startsWith('arm') || x.startsWith('sve')) ? 'arm'
    : 'other';
  return Math.max(1, Math.min(threads, hw.cpu.threads || threads)) * cal.cpuPrefillGflopsPerThread[isa] * 1e9;
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
  model: ModelSpec, s: DraftSettings & { ngl: number }, plan: MemoryPlan, hw: HardwareProfile, cal: Calibration, io: SpeedInputs,
): SpeedResult {
  const gpus = hw.gpus;
  const { weights, placement } = plan;
  const kvOnGpu = (l: number) => placement.blockOnGpu[l] && !s.noKvOffload;
  const decodeContext = io.depth + io.promptTokens + io.genTokens / 2;
  const kvEff = s.fa ? cal.kvReadEfficiency.fa : cal.kvReadEfficiency.noFa;
  const extra = { decode: 0, prefill: 0, decodeUp: 0 };

  // K- and I-quants cost extra dequantization work per weight on top of the bytes they read.
  const kQuant = /(^|_)K(_|$)|^IQ/i.test(model.quant);
  const gpuParamsRead = weights.gpuReadBytes > 0 ? activeMatmulParams(model) * (weights.gpuReadBytes / Math.max(1, weights.gpuReadBytes + weights.hostReadBytes)) : 0;
  const hostParamsRead = activeMatmulParams(model) - gpuParamsRead;

  let decodeSecondsGpu = 0;
  if (gpus.length > 0 && placement.gpuLayers > 0) {
    const secPerByte = gpuSecondsPerByte(gpus, cal);
    const kvGpu = kvReadBytes(model, s, decodeContext, kvOnGpu);
    const fixedScale = Math.max(...gpus.map((g) => cal.gpuFixedCostScale[g.backend] ?? 1));
    decodeSecondsGpu = weights.gpuReadBytes * secPerByte + (kvGpu * secPerByte) / kvEff
      + fixedScale * (weights.gpuBlocks * (cal.gpuPerLayerSeconds + (s.fa ? 0 : cal.gpuPerLayerNoFaSeconds)) + cal.gpuPerTokenSeconds)
      + (kQuant ? gpuParamsRead * cal.kQuantSecondsPerParam.gpu : 0);
  }
  const ramSecPerByte = 1 / (hw.ramBandwidthGBs * 1e9 * cal.bandwidthEfficiency.cpu);
  const kvHost = kvReadBytes(model, s, decodeContext, (l) => !kvOnGpu(l));
  let decodeSecondsCpu = 0;
  if (weights.hostReadBytes > 0 || kvHost > 0) {
    decodeSecondsCpu = weights.hostReadBytes * ramSecPerByte + (kvHost * ramSecPerByte) / kvEff + cal.cpuPerTokenSeconds
      + (kQuant ? hostParamsRead * cal.kQuantSecondsPerParam.cpu : 0);
  }
  const decodeSeconds = decodeSecondsGpu + decodeSecondsCpu;

  // Prefill: compute bound. With a GPU, llama.cpp also runs host-resident layers on the GPU for
  // large batches, paying a host→device copy of their weights once per ubatch. A layer split over
  // several GPUs runs them one after another, so their times add.
  const attnContext = io.depth + io.promptTokens / 2;
  const matmulFlops = 2 * activeMatmulParams(model);
  const attnFlops = attentionFlopsPerToken(model, attnContext);
  const attnFactor = s.fa ? cal.attentionFlopsFactor.fa : cal.attentionFlopsFactor.noFa;
  const tokensPerUbatch = Math.max(1, Math.min(s.ubatch, io.promptTokens));
  let prefillSecondsPerToken: number;
  const unified = gpus.some((g) => g.unifiedMemory);
  if (gpus.length > 0 && (placement.gpuLayers > 0 || !unified)) {
    const free = gpus.reduce((sum, g) => sum + g.freeBytes, 0) || 1;
    const flops = 1 / gpus.reduce((sum, g) => sum + g.freeBytes / free / effectiveGpuFlops(g, cal), 0);
    // With the KV cache in host memory (--no-kv-offload) attention runs on the CPU.
    const attnSeconds = s.noKvOffload ? attnFlops / (cpuFlops(hw, s.threads, cal) * cal.attentionFlopsFactor.noFa) : attnFlops / (flops * attnFactor);
    if (unified) {
      // Share of the matmul weights on the GPU (the token embedding is a row lookup, not a matmul).
      const gpuShare = weights.gpuReadBytes / Math.max(1, weights.gpuReadBytes + weights.hostReadBytes);
      prefillSecondsPerToken = (matmulFlops * gpuShare) / flops + (matmulFlops * (1 - gpuShare)) / cpuFlops(hw, s.threads, cal) + attnSeconds;
    } else {
      const copy = weights.hostBytesUsedByGpuPrefill / (cal.hostToDeviceGBs * 1e9) / tokensPerUbatch;
      prefillSecondsPerToken = matmulFlops / flops + attnSeconds + copy;
      if (weights.hostBytesUsedByGpuPrefill > 0) extra.prefill += 0.15;
    }
    if (gpus.some((g) => g.fp16Tflops === undefined)) extra.prefill += 0.2;
    // Vulkan and SYCL speed moves with the driver and the build far more than CUDA's, Metal's or ROCm's.
    if (gpus.some((g) => g.backend === 'vulkan' || g.backend === 'sycl')) {
      extra.decode += 0.2;
      extra.prefill += 0.3;
    }
    if (gpus.some((g) => g.provenance.bandwidth === 'guessed')) extra.decode += 0.2;
  } else {
    const flops = cpuFlops(hw, s.threads, cal);
    prefillSecondsPerToken = (matmulFlops + attnFlops) / flops;
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

  const prefillTps = 1 / prefillSecondsPerToken;
  return {
    decodeSecondsGpu,
    decodeSecondsCpu,
    decodeTps: 1 / decodeSeconds,
    prefillTps,
    ttftSeconds: io.promptTokens * prefillSecondsPerToken + decodeSeconds,
    extraUncertainty: extra,
  };
}
