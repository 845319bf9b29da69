import { formatBytes } from '../units';
import type { Estimate, HardwareProfile, ModelSpec, RunSettings, Runtime } from '../types';
import { DEFAULT_CALIBRATION, type Calibration } from './calibration';
import { fitToMemory } from './fit';
import { freeVram, hostCapacity } from './memory';
import { activeParams } from './placement';
import { draftSettings } from './runtimeDefaults';
import { estimateSpeed } from './speed';

export interface EstimateOptions {
  runtime?: Runtime;
  /** Prompt length for prefill speed and time to first token (llama-bench's -p). */
  promptTokens?: number;
  /** Tokens generated (llama-bench's -n). */
  genTokens?: number;
  /** Tokens already in the context (llama-bench's -d). */
  depth?: number;
  /** VRAM kept free when deciding "fits" (and when fitting "auto" for Ollama). */
  safetyMarginBytes?: number;
  /** VRAM the runtime keeps free when it fits "auto" (llama.cpp's --fit-target: 1024 MiB per device). */
  fitMarginBytes?: number;
  calibration?: Calibration;
}

export const DEFAULT_PROMPT_TOKENS = 512;
export const DEFAULT_GEN_TOKENS = 128;
export const DEFAULT_SAFETY_MARGIN = 512 * 1024 * 1024;
export const LLAMA_CPP_FIT_TARGET = 1024 * 1024 * 1024;

/** The one estimate every surface shows: memory per device, the offload split, speed with a band. */
export function estimate(model: ModelSpec, settings: RunSettings, hw: HardwareProfile, opts: EstimateOptions = {}): Estimate {
  const cal = opts.calibration ?? DEFAULT_CALIBRATION;
  const runtime = opts.runtime ?? 'llama.cpp';
  const margin = opts.safetyMarginBytes ?? DEFAULT_SAFETY_MARGIN;
  const draft = draftSettings(model, settings, hw, runtime);
  const fitMargin = opts.fitMarginBytes ?? (runtime === 'llama.cpp' ? Math.max(margin, LLAMA_CPP_FIT_TARGET * hw.gpus.length) : margin);
  const { settings: s, plan, notes } = fitToMemory(model, draft, hw, cal, runtime, fitMargin);
  const io = {
    promptTokens: opts.promptTokens ?? DEFAULT_PROMPT_TOKENS,
    genTokens: opts.genTokens ?? DEFAULT_GEN_TOKENS,
    depth: opts.depth ?? 0,
  };
  const speed = estimateSpeed(model, s, plan, hw, cal, io);

  const free = freeVram(hw);
  const hasGpu = hw.gpus.length > 0;
  // An explicit -ngl loads as long as it fits the free VRAM; the margin only steers "auto" and the tight warning.
  const gpuShortfallBytes = hasGpu ? Math.max(0, plan.gpuBytes - free) : 0;
  const hostShortfallBytes = Math.max(0, plan.hostBytes - hostCapacity(hw, plan.gpuBytes));
  const totalLayers = model.blocks.length + 1;
  const fullyOnGpu = hasGpu && plan.placement.gpuLayers === totalLayers && s.nCpuMoe === 0;
  const fits = gpuShortfallBytes === 0 && hostShortfallBytes === 0;
  const fitLevel = !fits ? 'none' : fullyOnGpu ? 'gpu' : plan.placement.gpuLayers > 0 ? 'partial' : 'cpu';

  const warnings = [...draft.warnings, ...notes];
  if (gpuShortfallBytes > 0) {
    warnings.push(
      `the GPU part needs ${formatBytes(plan.gpuBytes)} but only ${formatBytes(free)} is free: ${formatBytes(gpuShortfallBytes)} short`,
    );
  } else if (hasGpu && plan.placement.gpuLayers > 0 && free - plan.gpuBytes < margin) {
    warnings.push(`little headroom: ${formatBytes(free - plan.gpuBytes)} of VRAM left, less than the ${formatBytes(margin)} safety margin`);
  }
  if (hostShortfallBytes > 0) {
    warnings.push(
      `host memory: needs ${formatBytes(plan.hostBytes)}, ${formatBytes(hostCapacity(hw, plan.gpuBytes))} available: ${formatBytes(hostShortfallBytes)} short`,
    );
  }
  if (hasGpu && plan.placement.gpuLayers < totalLayers && plan.placement.gpuLayers > 0) {
    warnings.push(
      `partial offload: ${plan.placement.gpuLayers}/${totalLayers} layers on the GPU; the CPU part dominates the time per token`,
    );
  }

  const band = (value: number, b: { low: number; high: number }, extra: number, up = 0) => ({
    low: value * Math.max(0.2, b.low - extra),
    high: value * (b.high + extra * 0.5 + up),
  });
  const decodeBand = band(speed.decodeTps, cal.decodeBand, speed.extraUncertainty.decode, speed.extraUncertainty.decodeUp);
  const prefillBand = band(speed.prefillTps, cal.prefillBand, speed.extraUncertainty.prefill);
  const powerW = hw.gpus.reduce((sum, g) => sum + (g.powerW ?? NaN), 0);
  const energyPerTokenJ = hasGpu && fullyOnGpu && Number.isFinite(powerW) ? powerW / speed.decodeTps : null;

  return {
    model: {
      name: model.name,
      arch: model.arch,
      fileBytes: model.fileBytes,
      quant: model.quant,
      layers: model.blocks.length,
      source: model.source,
      ref: model.ref,
      nParams: model.nParams,
      activeParams: activeParams(model),
      provenance: model.provenance,
    },
    settings: {
      ctx: s.ctx,
      ngl: plan.placement.gpuLayers,
      fa: s.fa,
      cacheTypeK: s.cacheTypeK,
      cacheTypeV: s.cacheTypeV,
      batch: s.batch,
      ubatch: s.ubatch,
      parallel: s.parallel,
      nCpuMoe: s.nCpuMoe,
      threads: s.threads,
      noKvOffload: s.noKvOffload,
    },
    hardware: {
      id: hw.id,
      label: hw.label,
      gpuName: hw.gpus[0]?.name ?? null,
      freeVramBytes: free,
      ramBytes: hw.ramBytes,
      unifiedMemory: hw.gpus.some((g) => g.unifiedMemory),
    },
    memory: {
      gpuBytes: hasGpu ? plan.gpuBytes : 0,
      hostBytes: plan.hostBytes,
      breakdown: plan.breakdown,
      kvBytesPerToken: plan.kv.bytesPerToken,
      ...(plan.kv.recurrentTotal > 0 ? { recurrentStateBytes: plan.kv.recurrentTotal } : {}),
      ...(plan.draft ? { draftBytes: plan.draft } : {}),
    },
    offload: { gpuLayers: plan.placement.gpuLayers, totalLayers, cpuMoeBlocks: s.nCpuMoe },
    speed: {
      decodeTps: speed.decodeTps,
      decodeTpsLow: decodeBand.low,
      decodeTpsHigh: decodeBand.high,
      prefillTps: speed.prefillTps,
      prefillTpsLow: prefillBand.low,
      prefillTpsHigh: prefillBand.high,
      ttftSeconds: speed.ttftSeconds,
      promptTokens: io.promptTokens,
      genTokens: io.genTokens,
      depth: io.depth,
      decodeSecondsGpu: speed.decodeSecondsGpu,
      decodeSecondsCpu: speed.decodeSecondsCpu,
      energyPerTokenJ,
    },
    fits,
    fullyOnGpu,
    fitLevel,
    gpuShortfallBytes,
    hostShortfallBytes,
    warnings,
  };
}

export { DEFAULT_CALIBRATION, type Calibration } from './calibration';
