// What a load report says went wrong: fewer layers on the GPU than predicted, more VRAM than predicted,
// or Ollama keeping part of the model in system RAM (size_vram < size) without saying so.
import { formatBytes, MiB } from '../units';
import type { Estimate } from '../types';
import type { LoadReport } from './types';

export interface MeasureFinding {
  severity: 'warning' | 'info';
  code: 'measure.spill' | 'measure.fewer-layers' | 'measure.vram-above' | 'measure.partial-offload';
  message: string;
  line: number;
}

/** llama.cpp's GPU buffer types: "CUDA0", "ROCm1", "Metal", "MTL0", "Vulkan0"…; "CUDA_Host", "CPU_Mapped", "*-REPACK" are host memory. */
export function isGpuDevice(device: string): boolean {
  return /^(?:CUDA|ROCm|Metal|MTL|Vulkan|SYCL|CANN|MUSA|OpenCL)\d*$/i.test(device.split(/\s/)[0]);
}

/** Bytes llama.cpp allocated on GPUs (its own buffers: weights, KV, compute, output), from the log. */
export function measuredGpuBufferBytes(l: LoadReport): number | undefined {
  const gpu = l.buffers.filter((b) => isGpuDevice(b.device));
  return gpu.length ? gpu.reduce((s, b) => s + b.bytes, 0) : undefined;
}

/** VRAM far above prediction: more than 15% and 256 MiB over llama.cpp's own predicted buffers. */
const VRAM_TOLERANCE = { ratio: 1.15, bytes: 256 * MiB };

export function loadFindings(l: LoadReport, e?: Estimate): MeasureFinding[] {
  const out: MeasureFinding[] = [];
  const ps = l.ollamaPs;
  if (ps && ps.size > 0 && ps.sizeVram < ps.size * 0.99) {
    const host = ps.size - ps.sizeVram;
    out.push({
      severity: 'warning',
      code: 'measure.spill',
      line: l.line,
      message: `Ollama keeps ${formatBytes(host)} of ${formatBytes(ps.size)} (${Math.round((100 * host) / ps.size)}%) of ${l.model.name ?? 'the model'} in system RAM: only ${formatBytes(ps.sizeVram)} is in VRAM, so decode runs at CPU memory speed`,
    });
  }
  if (l.gpuLayers !== undefined && l.totalLayers !== undefined) {
    if (e && l.gpuLayers < e.offload.gpuLayers) {
      out.push({
        severity: 'warning',
        code: 'measure.fewer-layers',
        line: l.line,
        message: `the log shows ${l.gpuLayers}/${l.totalLayers} layers offloaded to the GPU; predicted ${e.offload.gpuLayers}/${e.offload.totalLayers}: the runtime found less free VRAM than assumed (another process, or a larger context)`,
      });
    } else if (!e && l.gpuLayers < l.totalLayers) {
      out.push({
        severity: 'info',
        code: 'measure.partial-offload',
        line: l.line,
        message: `${l.gpuLayers}/${l.totalLayers} layers on the GPU: the other ${l.totalLayers - l.gpuLayers} run from system RAM`,
      });
    }
  }
  const measured = measuredGpuBufferBytes(l);
  if (e && measured !== undefined) {
    const predicted = e.memory.gpuBytes - e.memory.breakdown.overheadGpu;
    if (measured > predicted * VRAM_TOLERANCE.ratio + VRAM_TOLERANCE.bytes) {
      out.push({
        severity: 'warning',
        code: 'measure.vram-above',
        line: l.line,
        message: `llama.cpp allocated ${formatBytes(measured)} on the GPU; predicted ${formatBytes(predicted)} (+${Math.round((measured / predicted - 1) * 100)}%)`,
      });
    }
  }
  return out;
}
