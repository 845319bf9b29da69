// The hardware report for `model-fit hardware [--json]` and the editor's output channel.

import type { HardwareProfile, Provenance } from '../types';
import { formatBytes } from '../units';

export interface HardwareReportJson {
  id: string;
  label: string;
  gpus: Array<{
    name: string;
    vramBytes: number;
    freeBytes: number;
    bandwidthGBs: number;
    fp16Tflops: number | null;
    bf16Tflops: number | null;
    int8Tops: number | null;
    /** Host↔GPU copy rate, GB/s; 0 on unified memory. */
    hostLinkGBs: number | null;
    generation: string | null;
    powerW: number | null;
    backend: string;
    unifiedMemory: boolean;
    source: string;
    provenance: { vram: Provenance; free: Provenance; bandwidth: Provenance; fp16: Provenance | null };
  }>;
  ramBytes: number;
  ramFreeBytes: number;
  ramBandwidthGBs: number;
  cpu: { model: string; threads: number; cores: number; flags: string[] };
  provenance: { ram: Provenance; ramBandwidth: Provenance; cpu: Provenance };
  notes: string[];
}

export function hardwareReportJson(p: HardwareProfile): HardwareReportJson {
  return {
    id: p.id,
    label: p.label,
    gpus: p.gpus.map((g) => ({
      name: g.name,
      vramBytes: g.vramBytes,
      freeBytes: g.freeBytes,
      bandwidthGBs: g.bandwidthGBs,
      fp16Tflops: g.fp16Tflops ?? null,
      bf16Tflops: g.bf16Tflops ?? null,
      int8Tops: g.int8Tops ?? null,
      hostLinkGBs: g.hostLinkGBs ?? null,
      generation: g.generation ?? null,
      powerW: g.powerW ?? null,
      backend: g.backend,
      unifiedMemory: g.unifiedMemory,
      source: g.source,
      provenance: { vram: g.provenance.vram, free: g.provenance.free, bandwidth: g.provenance.bandwidth, fp16: g.provenance.fp16 ?? null },
    })),
    ramBytes: p.ramBytes,
    ramFreeBytes: p.ramFreeBytes,
    ramBandwidthGBs: p.ramBandwidthGBs,
    cpu: { model: p.cpu.model, threads: p.cpu.threads, cores: p.cpu.cores, flags: [...p.cpu.flags] },
    provenance: { ...p.provenance },
    notes: [...p.notes],
  };
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;

export function formatHardwareReport(p: HardwareProfile): string {
  const out: string[] = [`Hardware: ${p.label}${p.id === 'this' ? '' : ` (${p.id})`}`];
  if (!p.gpus.length) out.push('GPU: none usable (CPU only)');
  p.gpus.forEach((g, i) => {
    out.push(`GPU ${i}: ${g.name} [${g.backend}${g.unifiedMemory ? ', unified memory' : ''}]`);
    out.push(`  memory     ${gib(g.vramBytes)} total (${g.provenance.vram}), ${gib(g.freeBytes)} free (${g.provenance.free})`);
    out.push(`  bandwidth  ${g.bandwidthGBs} GB/s (${g.provenance.bandwidth})`);
    if (g.fp16Tflops !== undefined) out.push(`  FP16       ${g.fp16Tflops} TFLOPS dense (${g.provenance.fp16 ?? 'looked-up'})`);
    const more = [
      g.bf16Tflops !== undefined ? `BF16 ${g.bf16Tflops} TFLOPS` : '',
      g.int8Tops !== undefined ? `INT8 ${g.int8Tops} TOPS` : '',
    ].filter(Boolean);
    if (more.length) out.push(`  matrix     ${more.join(' · ')} dense`);
    if (g.hostLinkGBs !== undefined && g.hostLinkGBs > 0) out.push(`  host link  ${g.hostLinkGBs.toFixed(1)} GB/s (PCIe, usable)`);
    if (g.powerW !== undefined) out.push(`  power      ${g.powerW} W`);
    out.push(`  source     ${g.source}`);
  });
  out.push(`RAM: ${formatBytes(p.ramBytes)} total (${p.provenance.ram}), ${formatBytes(p.ramFreeBytes)} available`);
  out.push(`RAM bandwidth: ${p.ramBandwidthGBs} GB/s (${p.provenance.ramBandwidth})`);
  out.push(
    `CPU: ${p.cpu.model} — ${p.cpu.cores} cores, llama.cpp threads ${p.cpu.threads} (${p.provenance.cpu})${p.cpu.flags.length ? `; ${p.cpu.flags.join(' ')}` : ''}`,
  );
  if (p.notes.length) out.push('Notes:', ...p.notes.map((n) => `  - ${n}`));
  return out.join('\n');
}
