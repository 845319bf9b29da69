// Parsers for recorded probe outputs. None throws: unreadable input gives `problems` (one line each).

import { MiB } from '../units';

/** Fields queried from nvidia-smi, in this order. */
export const NVIDIA_SMI_FIELDS = [
  'index',
  'name',
  'memory.total',
  'memory.free',
  'memory.used',
  'clocks.max.memory',
  'power.limit',
  'pci.bus_id',
] as const;
export const NVIDIA_SMI_ARGS = [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];

export interface NvidiaSmiGpu {
  index: number;
  name: string;
  /** Undefined where the driver says [N/A] (e.g. GB10's unified memory). */
  totalBytes?: number;
  freeBytes?: number;
  usedBytes?: number;
  memClockMHz?: number;
  powerLimitW?: number;
  busId?: string;
}

function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined; // "[N/A]", "[Not Supported]", garbage
  return Number(t);
}

/** Beyond these a probe's figure is a fault (a broken driver, a fake tool), not a fact: it is dropped, so the value
 *  is looked up or guessed instead, and the reason lands in `problems`. */
export const MAX_PLAUSIBLE_BYTES = 64 * 2 ** 40;
export const MAX_PLAUSIBLE_CPUS = 8192;

/** `v` when it is a finite count in (0, max], else undefined. */
export function plausible(v: number | undefined, max: number): number | undefined {
  return v !== undefined && Number.isFinite(v) && v > 0 && v <= max ? v : undefined;
}

/** `nvidia-smi --query-gpu=<NVIDIA_SMI_FIELDS> --format=csv,noheader,nounits` (sizes in MiB). */
export function parseNvidiaSmiCsv(text: string): { gpus: NvidiaSmiGpu[]; problems: string[] } {
  const gpus: NvidiaSmiGpu[] = [];
  const problems: string[] = [];
  const lines = String(text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const n = NVIDIA_SMI_FIELDS.length;
  lines.slice(0, 64).forEach((line, i) => {
    let f = line.split(',').map((x) => x.trim());
    // A comma inside the name: everything between index and the numeric tail belongs to it.
    if (f.length > n) f = [f[0], f.slice(1, f.length - (n - 2)).join(', '), ...f.slice(f.length - (n - 2))];
    const index = num(f[0]);
    const total = num(f[2]);
    if (f.length !== n || index === undefined || !f[1] || (total === undefined && !/\[?n\/a\]?|not supported/i.test(f[2]))) {
      problems.push(`nvidia-smi: unreadable line ${i + 1}: "${line.slice(0, 80)}"`);
      return;
    }
    const mib = (s: string) => {
      const v = num(s);
      return v === undefined ? undefined : v * MiB;
    };
    const totalBytes = mib(f[2]);
    if (totalBytes !== undefined && plausible(totalBytes, MAX_PLAUSIBLE_BYTES) === undefined) {
      problems.push(`nvidia-smi: GPU ${index} reports ${f[2].slice(0, 24)} MiB of VRAM; not believed`);
      return;
    }
    const part = (v: number | undefined) => (v !== undefined && v >= 0 && v <= (totalBytes ?? MAX_PLAUSIBLE_BYTES) ? v : undefined);
    gpus.push({
      index,
      name: f[1],
      totalBytes,
      freeBytes: part(mib(f[3])),
      usedBytes: part(mib(f[4])),
      memClockMHz: plausible(num(f[5]), 100_000),
      powerLimitW: plausible(num(f[6]), 10_000),
      busId: f[7] && !f[7].startsWith('[') ? f[7] : undefined,
    });
  });
  if (!gpus.length && !problems.length) problems.push('nvidia-smi printed no GPU');
  return { gpus, problems };
}

/** `nvidia-smi --query-gpu=index,memory.free --format=csv,noheader,nounits`: free MiB by GPU index. */
export function parseNvidiaSmiFree(text: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const [i, f] = line.split(',').map((x) => num(x));
    if (i !== undefined && f !== undefined && f >= 0 && f * MiB <= MAX_PLAUSIBLE_BYTES) out.set(i, f * MiB);
  }
  return out;
}

export interface AmdGpuReading {
  id: string;
  name?: string;
  totalBytes: number;
  usedBytes?: number;
}

/** `rocm-smi --showproductname --showmeminfo vram --json`: {"card0": {"VRAM Total Memory (B)": "…", …}}. */
export function parseRocmSmiJson(text: string): { gpus: AmdGpuReading[]; problems: string[] } {
  let obj: unknown;
  try {
    obj = JSON.parse(String(text ?? ''));
  } catch {
    return { gpus: [], problems: ['rocm-smi: output is not JSON'] };
  }
  const gpus: AmdGpuReading[] = [];
  if (!obj || typeof obj !== 'object') return { gpus, problems: ['rocm-smi: unexpected JSON'] };
  for (const [id, v] of Object.entries(obj as Record<string, unknown>)) {
    if (!/^card\d+$/i.test(id) || !v || typeof v !== 'object') continue;
    const e = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), String(x)] as const);
    const get = (re: RegExp) => e.find(([k]) => re.test(k))?.[1];
    const total = plausible(num(get(/vram total memory/)), MAX_PLAUSIBLE_BYTES);
    if (total === undefined) continue;
    const used = num(get(/vram total used memory/));
    const name = get(/card series/) ?? get(/card model/) ?? get(/device name/);
    gpus.push({
      id,
      name: name && !/^0x/i.test(name) ? name : undefined,
      totalBytes: total,
      usedBytes: used !== undefined && used >= 0 && used <= total ? used : undefined,
    });
  }
  return { gpus, problems: gpus.length ? [] : ['rocm-smi: no card with VRAM totals'] };
}

export interface SysctlFacts {
  brand?: string;
  memBytes?: number;
  physicalCpu?: number;
  /** hw.perflevel0.physicalcpu: performance cores (llama.cpp's default thread count on Apple). */
  perfCores?: number;
  /** iogpu.wired_limit_mb: 0 = macOS default working-set limit. */
  wiredLimitMiB?: number;
  logicalCpu?: number;
}

export const SYSCTL_KEYS = [
  'machdep.cpu.brand_string',
  'hw.memsize',
  'hw.physicalcpu',
  'hw.logicalcpu',
  'hw.perflevel0.physicalcpu',
  'iogpu.wired_limit_mb',
];

/** `sysctl <keys>` ("key: value" lines); also `sysctl -n machdep.cpu.brand_string hw.memsize` (two bare lines). */
export function parseSysctl(text: string): SysctlFacts {
  const lines = String(text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const kv = new Map<string, string>();
  for (const l of lines) {
    const m = /^([a-z0-9_.]+)\s*[:=]\s*(.*)$/i.exec(l);
    if (m && m[1].includes('.')) kv.set(m[1], m[2].trim());
  }
  if (!kv.size && lines.length >= 2 && /^\d+$/.test(lines[1])) {
    kv.set('machdep.cpu.brand_string', lines[0]);
    kv.set('hw.memsize', lines[1]);
  }
  const int = (k: string) => {
    const v = kv.get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  return {
    brand: kv.get('machdep.cpu.brand_string') || undefined,
    memBytes: plausible(int('hw.memsize'), MAX_PLAUSIBLE_BYTES),
    physicalCpu: plausible(int('hw.physicalcpu'), MAX_PLAUSIBLE_CPUS),
    logicalCpu: plausible(int('hw.logicalcpu'), MAX_PLAUSIBLE_CPUS),
    perfCores: plausible(int('hw.perflevel0.physicalcpu'), MAX_PLAUSIBLE_CPUS),
    wiredLimitMiB: int('iogpu.wired_limit_mb'),
  };
}

/** `ioreg -rc AGXAccelerator -d 1`: the Apple GPU's core count. */
export function parseIoregGpuCores(text: string): number | undefined {
  const m = /"gpu-core-count"\s*=\s*(\d+)/.exec(String(text ?? ''));
  return m ? plausible(Number(m[1]), 100_000) : undefined;
}

/** /proc/meminfo: MemTotal and MemAvailable (kB) in bytes. */
export function parseProcMeminfo(text: string): { totalBytes?: number; availableBytes?: number } {
  const get = (k: string) => {
    const m = new RegExp(`^${k}:\\s+(\\d+)\\s*kB`, 'm').exec(String(text ?? ''));
    return m ? plausible(Number(m[1]) * 1024, MAX_PLAUSIBLE_BYTES) : undefined;
  };
  return { totalBytes: get('MemTotal'), availableBytes: get('MemAvailable') ?? get('MemFree') };
}

/** /proc/cpuinfo: model, logical CPUs, physical cores, flags (x86 "flags" or ARM "Features"). */
export function parseProcCpuinfo(text: string): { model?: string; logical: number; physical?: number; flags: string[] } {
  const blocks = String(text ?? '')
    .split(/\n\s*\n/)
    .filter((b) => /^processor\s*:/m.test(b));
  const field = (b: string, k: string) => new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm').exec(b)?.[1].trim();
  const cores = new Set<string>();
  for (const b of blocks) {
    const p = field(b, 'physical id');
    const c = field(b, 'core id');
    if (p !== undefined && c !== undefined) cores.add(`${p}:${c}`);
  }
  const first = blocks[0] ?? '';
  return {
    model: field(first, 'model name') ?? field(first, 'Model') ?? field(first, 'Hardware'),
    logical: blocks.length <= MAX_PLAUSIBLE_CPUS ? blocks.length : 0,
    physical: cores.size || undefined,
    flags: (field(first, 'flags') ?? field(first, 'Features') ?? '').split(/\s+/).filter(Boolean),
  };
}
