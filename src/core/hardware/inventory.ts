// The OS's own inventory of GPUs, memory modules and CPU cores, for what the vendor tools and /proc do not tell:
// Windows (one PowerShell CIM query), Linux (lspci, dmidecode), Intel Macs (system_profiler), macOS free memory
// (vm_stat). Pure parsers of recorded outputs; detect.ts runs the tools.

import { MiB } from '../units';
import type { MemBank } from './memory';
import { MAX_PLAUSIBLE_BYTES, MAX_PLAUSIBLE_CPUS, plausible } from './parsers';

/** A display controller as the OS lists it; memory figures in MiB. */
export interface GpuController {
  vendor?: string;
  model?: string;
  name?: string;
  vram?: number | null;
  /** Shares system RAM (an integrated GPU). */
  vramDynamic?: boolean;
  cores?: number | string | null;
  memoryTotal?: number | null;
  memoryFree?: number | null;
}

/** What the inventory probes read (recorded fixtures use the same shape). */
export interface InventoryReadings {
  graphics?: { controllers?: GpuController[] };
  mem?: { total?: number; available?: number; free?: number };
  memLayout?: MemBank[];
  cpu?: { manufacturer?: string; brand?: string; cores?: number; physicalCores?: number; performanceCores?: number; flags?: string };
  cpuFlags?: string;
}

const sizeUnits: Record<string, number> = { KB: 1024, MB: MiB, GB: 1024 * MiB, TB: 1024 * 1024 * MiB };

/** "16 GB", "16384 MB" → bytes; "No Module Installed" → 0. */
function sizeBytes(s: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]B)\b/i.exec(s?.trim() ?? '');
  return m ? (plausible(Number(m[1]) * sizeUnits[m[2].toUpperCase()], MAX_PLAUSIBLE_BYTES) ?? 0) : 0;
}

/** `dmidecode -t 17` (root only): one bank per "Memory Device", speed from the configured (else rated) MT/s. */
export function parseDmidecodeMemory(text: string): MemBank[] {
  const banks: MemBank[] = [];
  for (const block of String(text ?? '').split(/\n(?=Memory Device\b)/)) {
    if (!/^Memory Device\b/.test(block)) continue;
    const field = (k: string) => new RegExp(`^\\s*${k}:\\s*(.+)$`, 'm').exec(block)?.[1].trim();
    const speed = (v: string | undefined) => Number(/^(\d+)\s*(?:MT\/s|MHz)/.exec(v ?? '')?.[1]) || undefined;
    banks.push({
      size: sizeBytes(field('Size')),
      type: field('Type'),
      clockSpeed: speed(field('Configured Memory Speed')) ?? speed(field('Configured Clock Speed')) ?? speed(field('Speed')) ?? null,
    });
  }
  return banks;
}

/** `lspci -vmm`: display controllers (VGA, 3D, Display classes). Memory is not listed, so the database decides. */
export function parseLspciVmm(text: string): GpuController[] {
  const out: GpuController[] = [];
  for (const record of String(text ?? '').split(/\n\s*\n/)) {
    const field = (k: string) => new RegExp(`^${k}:\\s*(.+)$`, 'm').exec(record)?.[1].trim();
    if (!/VGA|3D|Display/i.test(field('Class') ?? '')) continue;
    // "DG2 [Arc A770]", "GA106 [GeForce RTX 3060 Lite Hash Rate]": the marketing name is in brackets.
    const device = field('Device');
    out.push({ vendor: field('Vendor'), model: /\[([^\]]+)\]\s*$/.exec(device ?? '')?.[1] ?? device });
  }
  return out;
}

/** SMBIOS memory type codes (DMTF DSP0134, "Memory Device — Type") that Win32_PhysicalMemory.SMBIOSMemoryType carries. */
const SMBIOS_MEMORY_TYPES: Record<number, string> = {
  24: 'DDR3',
  26: 'DDR4',
  27: 'LPDDR',
  28: 'LPDDR2',
  29: 'LPDDR3',
  30: 'LPDDR4',
  34: 'DDR5',
  35: 'LPDDR5',
};

/** One PowerShell run: video controllers, their 64-bit memory size from the display class key, DIMMs, CPUs. */
export const WINDOWS_INVENTORY_SCRIPT = [
  "$ErrorActionPreference='SilentlyContinue'",
  '@{',
  'gpu=@(Get-CimInstance Win32_VideoController | Select-Object Name,AdapterCompatibility,AdapterRAM);',
  "vram=@(Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Class\\{4d36e968-e325-11ce-bfc1-08002be10318}\\0*' | Select-Object DriverDesc,'HardwareInformation.qwMemorySize');",
  'mem=@(Get-CimInstance Win32_PhysicalMemory | Select-Object Capacity,SMBIOSMemoryType,ConfiguredClockSpeed,Speed);',
  'cpu=@(Get-CimInstance Win32_Processor | Select-Object Name,Manufacturer,NumberOfCores,NumberOfLogicalProcessors)',
  '} | ConvertTo-Json -Compress -Depth 3',
].join('\n');

type CimRow = Record<string, unknown>;
const rows = (v: unknown): CimRow[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []).filter((r) => r && typeof r === 'object');
const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The JSON of WINDOWS_INVENTORY_SCRIPT. AdapterRAM is 32-bit (caps at 4 GiB): the registry's qwMemorySize wins. */
export function parseWindowsInventory(json: string): InventoryReadings {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
  if (!j || typeof j !== 'object') return {};
  const qw = new Map(rows(j.vram).map((r) => [str(r.DriverDesc), int(r['HardwareInformation.qwMemorySize'])] as const));
  const controllers = rows(j.gpu).map((g): GpuController => {
    const bytes = qw.get(str(g.Name)) ?? int(g.AdapterRAM);
    return { vendor: str(g.AdapterCompatibility), model: str(g.Name), vram: bytes !== undefined ? Math.round(bytes / MiB) : null };
  });
  const memLayout = rows(j.mem).map((m): MemBank => ({
    size: int(m.Capacity),
    type: SMBIOS_MEMORY_TYPES[int(m.SMBIOSMemoryType) ?? -1],
    clockSpeed: int(m.ConfiguredClockSpeed) || int(m.Speed) || null,
  }));
  const cpus = rows(j.cpu);
  const sum = (k: string) => cpus.reduce((n, c) => n + (int(c[k]) ?? 0), 0) || undefined;
  const out: InventoryReadings = {};
  if (controllers.length) out.graphics = { controllers };
  if (memLayout.length) out.memLayout = memLayout;
  if (cpus.length) {
    out.cpu = {
      brand: str(cpus[0].Name),
      cores: plausible(sum('NumberOfLogicalProcessors'), MAX_PLAUSIBLE_CPUS),
      physicalCores: plausible(sum('NumberOfCores'), MAX_PLAUSIBLE_CPUS),
    };
  }
  return out;
}

/** `system_profiler SPMemoryDataType -json` on Intel Macs (Apple Silicon lists no DIMMs; its bandwidth is looked up). */
export function parseSystemProfilerMemory(json: string): MemBank[] {
  try {
    const top = rows((JSON.parse(json) as CimRow).SPMemoryDataType);
    return top
      .flatMap((t) => rows(t._items))
      .map((d) => ({
        size: sizeBytes(str(d.dimm_size)),
        type: str(d.dimm_type),
        clockSpeed: Number(/^(\d+)/.exec(str(d.dimm_speed) ?? '')?.[1]) || null,
      }));
  } catch {
    return [];
  }
}

/** `vm_stat`: memory macOS can hand out without swapping (free + inactive + speculative pages). */
export function parseVmStat(text: string): number | undefined {
  const t = String(text ?? '');
  const page = Number(/page size of (\d+) bytes/.exec(t)?.[1]);
  if (!page) return undefined;
  const pages = (k: string) => Number(new RegExp(`^Pages ${k}:\\s+(\\d+)\\.?$`, 'm').exec(t)?.[1]) || 0;
  return plausible((pages('free') + pages('inactive') + pages('speculative')) * page, MAX_PLAUSIBLE_BYTES);
}
