// Real engine Estimates for the adapter tests: catalog models on hand-written hardware profiles.
import { catalogModel } from '../../src/core/catalog';
import { estimate } from '../../src/core/estimate';
import type { Alternative, ConfigAnalysis, Estimate, GpuDevice, HardwareProfile, RunConfig, RunSettings } from '../../src/core/types';

export const GiB = 1024 ** 3;

const rtx3060: GpuDevice = {
  name: 'NVIDIA GeForce RTX 3060',
  vramBytes: 12 * GiB,
  freeBytes: 11.5 * GiB,
  bandwidthGBs: 360,
  fp16Tflops: 51,
  powerW: 170,
  backend: 'cuda',
  generation: 'ampere',
  unifiedMemory: false,
  source: 'test',
  provenance: { vram: 'preset', free: 'preset', bandwidth: 'preset', fp16: 'preset' },
};

function profile(id: string, label: string, gpus: GpuDevice[], ramGiB: number, ramBandwidthGBs: number): HardwareProfile {
  return {
    id,
    label,
    gpus,
    ramBytes: ramGiB * GiB,
    ramFreeBytes: ramGiB * GiB,
    ramBandwidthGBs,
    cpu: { model: 'test CPU', threads: 8, cores: 8, flags: ['avx2'] },
    provenance: { ram: 'preset', ramBandwidth: 'preset', cpu: 'preset' },
    notes: [],
  };
}

/** RTX 3060 12 GB (11.5 GiB free) + 32 GiB DDR4. */
export const RIG_3060 = profile('rtx3060-test', 'RTX 3060 12 GB · 32 GB RAM', [rtx3060], 32, 51.2);
/** CPU only, 64 GiB DDR5. */
export const RIG_CPU = profile('ddr5-test', 'DDR5 CPU · 64 GB RAM', [], 64, 89.6);

export function est(id: string, quant: string, settings: RunSettings, hw: HardwareProfile): Estimate {
  return estimate(catalogModel(id, quant), settings, hw, { runtime: 'llama.cpp' });
}

const R = (startLine: number, startCol: number, endLine: number, endCol: number) => ({ startLine, startCol, endLine, endCol });

/** A Modelfile-shaped configuration: FROM on line 0, num_ctx on line 1, num_gpu on line 2. */
export function analysisOf(id: string, quant: string, settings: RunSettings, hw: HardwareProfile): ConfigAnalysis {
  const config: RunConfig = {
    label: `FROM ${id}`,
    runtime: 'llama.cpp',
    modelRef: id,
    baseDir: '/tmp',
    settings,
    ranges: { model: R(0, 5, 0, 5 + id.length), ctx: R(1, 18, 1, 22), ngl: R(2, 18, 2, 20) },
    defaultsApplied: [],
    range: R(0, 0, 0, 5 + id.length),
  };
  const e = est(id, quant, settings, hw);
  const ctxAlternatives: Alternative[] = [0.5, 2].map((f) => {
    const ctx = e.settings.ctx * f;
    return { label: `ctx ${ctx}`, estimate: est(id, quant, { ...settings, ctx }, hw) };
  });
  return { config, estimate: e, ctxAlternatives, diagnostics: [] };
}
