// Merges probe readings (the OS inventory, nvidia-smi, rocm-smi/sysfs, sysctl, /proc) into one HardwareProfile.
// Pure: takes recorded outputs, so every machine kind can be tested from fixtures.

import type { CpuInfo, GpuDevice, HardwareProfile, Provenance } from '../types';
import { GiB } from '../units';
import type { GpuSpec } from '../data/gpus';
import { lookupGpu, vramOptions } from './gpuNames';
import { MAX_PLAUSIBLE_BYTES, MAX_PLAUSIBLE_CPUS, plausible, type AmdGpuReading, type NvidiaSmiGpu, type SysctlFacts } from './parsers';
import type { InventoryReadings } from './inventory';
import { guessRamBandwidth, metalWorkingSetBytes, ramBandwidthFromLayout, round1 } from './memory';

export interface ProbeReadings {
  platform: string;
  arch?: string;
  inventory?: InventoryReadings;
  nvidia?: NvidiaSmiGpu[];
  /** NVIDIA GPU names from /proc/driver/nvidia/gpus/<bus>/information (no memory figures there). */
  nvidiaProcNames?: string[];
  amd?: AmdGpuReading[];
  /** Where the AMD readings came from ("rocm-smi" or "sysfs"). */
  amdSource?: string;
  sysctl?: SysctlFacts;
  appleGpuCores?: number;
  meminfo?: { totalBytes?: number; availableBytes?: number };
  cpuinfo?: { model?: string; logical: number; physical?: number; flags: string[] };
  /** Node's os module, the last resort. */
  os?: { totalmem: number; freemem: number; cpuModel: string; logicalCpus: number };
  notes?: string[];
}

/** CPU features that change llama.cpp's CPU kernels. */
const FLAG_NAMES: Record<string, string> = {
  avx: 'avx',
  avx2: 'avx2',
  fma: 'fma',
  f16c: 'f16c',
  avx512f: 'avx512f',
  avx512bw: 'avx512bw',
  avx512_vnni: 'avx512_vnni',
  avx512vnni: 'avx512_vnni',
  avx512_bf16: 'avx512_bf16',
  avx_vnni: 'avx_vnni',
  amx_int8: 'amx_int8',
  amx_bf16: 'amx_bf16',
  amx_tile: 'amx_tile',
  asimd: 'neon',
  neon: 'neon',
  asimddp: 'dotprod',
  dotprod: 'dotprod',
  i8mm: 'i8mm',
  sve: 'sve',
  sve2: 'sve2',
  sme: 'sme',
};
export function relevantCpuFlags(flags: string[]): string[] {
  return [...new Set(flags.map((f) => FLAG_NAMES[f.toLowerCase()]).filter((f): f is string => !!f))].sort();
}

const GUESSED_BW: Record<string, number> = { cuda: 300, rocm: 300, sycl: 300, vulkan: 100, metal: 100 };

/** Usable host→device copy rate of a link: ~0.8 of PCIe's per-lane rate after protocol overhead (GB/s per lane: gen3 0.985, gen4 1.97, gen5 3.94). */
export function hostLinkGBs(link: GpuSpec['hostLink']): number | undefined {
  if (link === undefined) return undefined;
  if (link === 'unified') return 0;
  const perLane: Record<number, number> = { 1: 0.25, 2: 0.5, 3: 0.985, 4: 1.969, 5: 3.938, 6: 7.563 };
  return (perLane[link.pcieGen] ?? 0.985) * link.lanes * 0.8;
}

/** A GPU device from a database entry; `vramBytes` / `freeBytes` default to the entry's (largest) memory. */
export function gpuFromSpec(
  spec: GpuSpec,
  o: { vramBytes?: number; freeBytes?: number; vram?: Provenance; free?: Provenance; how?: string } = {},
): GpuDevice {
  const vramBytes = o.vramBytes ?? Math.max(...vramOptions(spec)) * GiB;
  return {
    name: spec.name,
    vramBytes,
    freeBytes: o.freeBytes ?? vramBytes,
    bandwidthGBs: spec.bandwidthGBs,
    fp16Tflops: spec.fp16Tflops,
    bf16Tflops: spec.bf16Tflops,
    int8Tops: spec.int8Tops,
    hostLinkGBs: hostLinkGBs(spec.hostLink),
    powerW: spec.powerW,
    backend: spec.backend,
    generation: spec.arch,
    unifiedMemory: spec.unifiedMemory,
    source: `${o.how ? `${o.how}; ` : ''}database: ${spec.name} (${spec.source})`,
    provenance: {
      vram: o.vram ?? 'looked-up',
      free: o.free ?? 'guessed',
      bandwidth: 'looked-up',
      ...(spec.fp16Tflops !== undefined ? { fp16: 'looked-up' as Provenance } : {}),
    },
  };
}

function unknownGpu(
  name: string,
  backend: GpuDevice['backend'],
  vramBytes: number,
  freeBytes: number,
  how: string,
  free: Provenance,
  notes: string[],
): GpuDevice {
  const bw = GUESSED_BW[backend] ?? 100;
  notes.push(
    `GPU "${name}" is not in the database: bandwidth guessed as ${bw} GB/s; set it in a custom profile for better speed estimates.`,
  );
  return {
    name,
    vramBytes,
    freeBytes,
    bandwidthGBs: bw,
    backend,
    unifiedMemory: false,
    source: `${how}; bandwidth guessed (not in database)`,
    provenance: { vram: 'measured', free, bandwidth: 'guessed' },
  };
}

function isAppleSilicon(r: ProbeReadings, cpuModel: string): boolean {
  return r.platform === 'darwin' && (/^apple\s+m\d/i.test(cpuModel) || r.arch === 'arm64');
}

export function buildProfile(r: ProbeReadings): HardwareProfile {
  const notes = [...(r.notes ?? [])];
  const si = r.inventory ?? {};
  const ram = readRam(r, si, notes);
  const { cpu, cpuProv } = readCpu(r, si);
  const gpus = [...nvidiaSmiGpus(r, ram, notes), ...nvidiaProcGpus(r, notes), ...amdGpus(r, si, notes)];
  const controllers = siControllerGpus(r, si, notes);
  gpus.push(...controllers.gpus);
  const apple = isAppleSilicon(r, cpu.model) ? appleGpu(r, cpu.model, ram, r.appleGpuCores ?? controllers.appleGpuCores, notes) : undefined;
  if (apple) gpus.push(apple.gpu);
  if (!gpus.length) notes.push('No GPU that llama.cpp can offload to was found: CPU-only profile.');
  const ramBw = ramBandwidth(si, cpu, apple?.spec, notes);
  const ramBytes = ram.bytes || 0;

  return {
    id: 'this',
    label: profileLabel(gpus, ramBytes),
    gpus,
    ramBytes,
    ramFreeBytes: ram.freeBytes,
    ramBandwidthGBs: ramBw.gbs,
    cpu,
    provenance: { ram: ram.prov, ramBandwidth: ramBw.prov, cpu: cpuProv },
    notes,
  };
}

interface RamReading {
  bytes: number;
  freeBytes: number;
  prov: Provenance;
}

/** The first plausible reading wins; an absurd one (a faulty probe) is skipped, not believed. */
function firstPlausibleBytes(...vs: Array<number | undefined>): number | undefined {
  return vs.map((v) => plausible(v, MAX_PLAUSIBLE_BYTES)).find((v) => v !== undefined);
}

function firstPlausibleCpus(...vs: Array<number | undefined>): number | undefined {
  return vs.map((v) => plausible(v, MAX_PLAUSIBLE_CPUS)).find((v) => v !== undefined);
}

function readRam(r: ProbeReadings, si: InventoryReadings, notes: string[]): RamReading {
  const bytes = firstPlausibleBytes(si.mem?.total, r.meminfo?.totalBytes, r.sysctl?.memBytes, r.os?.totalmem) ?? 0;
  let freeBytes = Math.min(firstPlausibleBytes(si.mem?.available, r.meminfo?.availableBytes, r.os?.freemem) ?? 0, bytes);
  let prov: Provenance = 'measured';
  if (!bytes) {
    prov = 'guessed';
    notes.push('RAM size unknown.');
  }
  if (!freeBytes) freeBytes = bytes;
  return { bytes, freeBytes, prov };
}

function readCpu(r: ProbeReadings, si: InventoryReadings): { cpu: CpuInfo; cpuProv: Provenance } {
  const siCpuModel = si.cpu ? [si.cpu.manufacturer, si.cpu.brand].filter(Boolean).join(' ').trim() : '';
  const model = r.sysctl?.brand ?? (siCpuModel || undefined) ?? r.cpuinfo?.model ?? r.os?.cpuModel ?? 'unknown CPU';
  const logical = firstPlausibleCpus(si.cpu?.cores, r.sysctl?.logicalCpu, r.cpuinfo?.logical, r.os?.logicalCpus) ?? 1;
  const physical = Math.min(firstPlausibleCpus(si.cpu?.physicalCores, r.sysctl?.physicalCpu, r.cpuinfo?.physical) ?? logical, logical);
  // llama.cpp's default -t: physical cores; on hybrid CPUs (Apple, Intel P+E) the performance cores.
  const perf =
    r.sysctl?.perfCores ?? (si.cpu?.performanceCores && si.cpu.performanceCores < physical ? si.cpu.performanceCores : undefined);
  const rawFlags = (si.cpuFlags ?? si.cpu?.flags ?? '').split(/\s+/).filter(Boolean);
  let flags = relevantCpuFlags(rawFlags.length ? rawFlags : (r.cpuinfo?.flags ?? []));
  if (isAppleSilicon(r, model) && !flags.length) flags = ['dotprod', 'neon'];
  const cpu: CpuInfo = { model, threads: Math.max(1, perf ?? physical), cores: Math.max(1, physical), flags };
  const cpuProv: Provenance = si.cpu || r.sysctl || r.cpuinfo ? 'measured' : 'guessed';
  return { cpu, cpuProv };
}

function nvidiaSmiGpus(r: ProbeReadings, ram: RamReading, notes: string[]): GpuDevice[] {
  const gpus: GpuDevice[] = [];
  for (const g of r.nvidia ?? []) {
    const spec = lookupGpu(g.name, g.totalBytes);
    const how = `nvidia-smi (GPU ${g.index}${g.busId ? `, ${g.busId}` : ''})`;
    if (g.totalBytes === undefined) {
      // Unified-memory parts (GB10, Jetson) print [N/A]: CUDA allocates from system RAM.
      if (spec?.unifiedMemory && ram.bytes) {
        gpus.push(
          gpuFromSpec(spec, {
            vramBytes: ram.bytes,
            freeBytes: ram.freeBytes,
            vram: 'measured',
            free: 'measured',
            how: `${how}; unified memory = system RAM`,
          }),
        );
      } else notes.push(`nvidia-smi reported no memory size for GPU ${g.index} (${g.name}); skipped.`);
      continue;
    }
    const free = g.freeBytes ?? (g.usedBytes !== undefined ? g.totalBytes - g.usedBytes : g.totalBytes);
    const freeProv: Provenance = g.freeBytes !== undefined || g.usedBytes !== undefined ? 'measured' : 'guessed';
    const dev = spec
      ? gpuFromSpec(spec, { vramBytes: g.totalBytes, freeBytes: free, vram: 'measured', free: freeProv, how })
      : unknownGpu(g.name, 'cuda', g.totalBytes, free, how, freeProv, notes);
    dev.name = g.name.replace(/^NVIDIA\s+/i, '') || dev.name;
    if (g.powerLimitW) dev.powerW = g.powerLimitW;
    gpus.push(dev);
  }
  return gpus;
}

/** Without nvidia-smi: GPU names from /proc, memory from the database. */
function nvidiaProcGpus(r: ProbeReadings, notes: string[]): GpuDevice[] {
  const gpus: GpuDevice[] = [];
  for (const name of r.nvidia ? [] : (r.nvidiaProcNames ?? [])) {
    const spec = lookupGpu(name);
    if (spec) {
      gpus.push(gpuFromSpec(spec, { how: '/proc/driver/nvidia (memory from database, nvidia-smi not run)' }));
      notes.push(`${name}: VRAM from the database and free VRAM assumed = total (nvidia-smi was not run).`);
    } else notes.push(`NVIDIA GPU "${name}" found in /proc but not in the database; its memory is unknown, skipped.`);
  }
  return gpus;
}

function amdGpus(r: ProbeReadings, si: InventoryReadings, notes: string[]): GpuDevice[] {
  const gpus: GpuDevice[] = [];
  for (const g of r.amd ?? []) {
    const name =
      g.name ?? si.graphics?.controllers?.find((c) => /amd|ati|advanced micro/i.test(c.vendor ?? ''))?.model ?? `AMD GPU ${g.id}`;
    const spec = lookupGpu(name, g.totalBytes);
    // APUs expose a small carve-out (e.g. 512 MiB) as "VRAM": not where llama.cpp puts a model.
    if (!spec && g.totalBytes < 2 * GiB) {
      notes.push(`${name}: ${Math.round(g.totalBytes / 2 ** 20)} MiB VRAM carve-out (integrated GPU) ignored.`);
      continue;
    }
    const free = g.usedBytes !== undefined ? g.totalBytes - g.usedBytes : g.totalBytes;
    const freeProv: Provenance = g.usedBytes !== undefined ? 'measured' : 'guessed';
    const how = `${r.amdSource ?? 'rocm-smi'} (${g.id})`;
    gpus.push(
      spec
        ? gpuFromSpec(spec, { vramBytes: g.totalBytes, freeBytes: free, vram: 'measured', free: freeProv, how })
        : unknownGpu(name, 'rocm', g.totalBytes, free, how, freeProv, notes),
    );
  }
  return gpus;
}

/**
 * GPUs from the OS's display controllers (inventory.ts) that the vendor tools did not already report;
 * Apple's controller only gives its core count (the GPU itself comes from appleGpu).
 */
function siControllerGpus(r: ProbeReadings, si: InventoryReadings, notes: string[]): { gpus: GpuDevice[]; appleGpuCores?: number } {
  const gpus: GpuDevice[] = [];
  let appleGpuCores: number | undefined;
  for (const c of si.graphics?.controllers ?? []) {
    const vendor = `${c.vendor ?? ''} ${c.model ?? ''}`;
    const name = (c.model || c.name || '').trim();
    if (!name) continue;
    if (/nvidia/i.test(vendor) && (r.nvidia || r.nvidiaProcNames?.length)) continue;
    if (/amd|ati|advanced micro|radeon/i.test(vendor) && r.amd) continue;
    if (/apple/i.test(vendor) || /^apple\s+m\d/i.test(name)) {
      if (typeof c.cores === 'number' || (typeof c.cores === 'string' && /^\d+$/.test(c.cores))) appleGpuCores ??= Number(c.cores);
      continue;
    }
    const totalBytes = plausible((c.memoryTotal ?? c.vram ?? 0) * 2 ** 20, MAX_PLAUSIBLE_BYTES) ?? 0;
    const spec = lookupGpu(name, totalBytes || undefined);
    if (!spec && (c.vramDynamic || totalBytes < 2 * GiB)) {
      notes.push(`${name}: integrated or unknown GPU ignored (shares system RAM; llama.cpp would gain little).`);
      continue;
    }
    if (spec?.unifiedMemory && !/nvidia/i.test(vendor)) continue;
    const how = 'OS inventory (display controller)';
    const freeBytes = c.memoryFree != null ? c.memoryFree * 2 ** 20 : undefined;
    const freeProv: Provenance = freeBytes !== undefined ? 'measured' : 'guessed';
    if (spec) {
      // Drivers on Windows can cap AdapterRAM at 4 GiB: trust the database over a smaller reading.
      const vramBytes = totalBytes >= 2 * GiB ? totalBytes : undefined;
      gpus.push(gpuFromSpec(spec, { vramBytes, freeBytes, vram: vramBytes ? 'measured' : 'looked-up', free: freeProv, how }));
    } else
      gpus.push(
        unknownGpu(
          name,
          /intel/i.test(vendor) ? 'sycl' : /nvidia/i.test(vendor) ? 'cuda' : 'vulkan',
          totalBytes,
          freeBytes ?? totalBytes,
          how,
          freeProv,
          notes,
        ),
      );
    if (freeProv === 'guessed') notes.push(`${name}: free VRAM not readable, assumed = total.`);
  }
  return { gpus, appleGpuCores };
}

/** Apple Silicon's GPU: the chip variant by core count (else by memory), with Metal's share of unified memory. */
function appleGpu(
  r: ProbeReadings,
  model: string,
  ram: RamReading,
  cores: number | undefined,
  notes: string[],
): { gpu: GpuDevice; spec?: GpuSpec } {
  const chip = /^apple/i.test(model) ? model.trim() : 'Apple Silicon';
  const spec = lookupGpu(cores ? `${chip} (${cores}-core GPU)` : chip, ram.bytes || undefined);
  const share = metalWorkingSetBytes(ram.bytes, r.sysctl?.wiredLimitMiB);
  const vramProv: Provenance = r.sysctl?.wiredLimitMiB ? 'measured' : 'guessed';
  if (!cores) notes.push(`${chip}: GPU core count not read; variant chosen by memory size (${spec?.name ?? 'unknown'}).`);
  notes.push(`Metal can use ${(share.bytes / GiB).toFixed(1)} GiB of ${(ram.bytes / GiB).toFixed(0)} GiB unified memory (${share.how}).`);
  const freeBytes = Math.min(share.bytes, ram.freeBytes || share.bytes);
  if (spec)
    return {
      gpu: gpuFromSpec(spec, { vramBytes: share.bytes, freeBytes, vram: vramProv, free: 'measured', how: `sysctl ${chip}; ${share.how}` }),
      spec,
    };
  const dev = unknownGpu(`${chip} GPU`, 'metal', share.bytes, freeBytes, `sysctl; ${share.how}`, 'measured', notes);
  dev.unifiedMemory = true;
  dev.provenance.vram = vramProv;
  return { gpu: dev };
}

/** Apple's unified memory from the database, else the DIMM layout, else a guess from the CPU. */
function ramBandwidth(
  si: InventoryReadings,
  cpu: CpuInfo,
  appleSpec: GpuSpec | undefined,
  notes: string[],
): { gbs: number; prov: Provenance } {
  const layout = si.memLayout ? ramBandwidthFromLayout(si.memLayout, cpu.model) : undefined;
  if (appleSpec) {
    notes.push(`RAM bandwidth: unified memory of ${appleSpec.name}, ${appleSpec.bandwidthGBs} GB/s.`);
    return { gbs: appleSpec.bandwidthGBs, prov: 'looked-up' };
  }
  if (layout) {
    notes.push(`RAM bandwidth: ${layout.how}.`);
    return { gbs: round1(layout.gbs), prov: 'looked-up' };
  }
  const g = guessRamBandwidth(cpu.model, cpu.cores);
  notes.push(`RAM bandwidth ${g.how} — memory type/speed not readable (VM or no dmidecode access).`);
  return { gbs: round1(g.gbs), prov: 'guessed' };
}

/** Short GPU name for labels: "GeForce RTX 3060 12 GB" → "RTX 3060". */
export function shortGpuName(name: string): string {
  return name
    .replace(/^(NVIDIA|AMD|Apple|Intel\(R\)|Intel)\s+/i, '')
    .replace(/\b(GeForce|Radeon|Tesla)\s+/gi, '')
    .replace(/\s+\d+\s*GB$/i, '')
    .replace(/\(TM\)|\(R\)/gi, '')
    .trim();
}

/** "RTX 3060 12 GB · 32 GB RAM", "2× RTX 3090 24 GB · 128 GB RAM", "M3 Max 64 GB", "CPU only · 24 GB RAM". */
export function profileLabel(gpus: GpuDevice[], ramBytes: number): string {
  const ram = `${Math.round(ramBytes / GiB)} GB`;
  if (!gpus.length) return `CPU only · ${ram} RAM`;
  const g = gpus[0];
  const same = gpus.every((x) => x.name === g.name);
  const count = gpus.length > 1 && same ? `${gpus.length}× ` : '';
  const more = gpus.length > 1 && !same ? ` + ${gpus.length - 1} more` : '';
  if (g.unifiedMemory) return `${shortGpuName(g.name).replace(/\s*\(\d+-core GPU\)/, '')} ${ram} unified${more}`;
  return `${count}${shortGpuName(g.name)} ${Math.round(g.vramBytes / GiB)} GB${more} · ${ram} RAM`;
}

/** Entry point for recorded inventory readings (plus optional vendor-tool readings). */
export function profileFromInventory(
  objs: InventoryReadings,
  extra: Omit<ProbeReadings, 'inventory'> = { platform: 'linux' },
): HardwareProfile {
  return buildProfile({ ...extra, inventory: objs });
}
