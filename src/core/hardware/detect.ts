// Detects this machine: probes run once with timeouts, static facts are cached in memory and on disk, and the
// warm path only re-reads free RAM / free VRAM. allowExec: false (untrusted workspace) runs no program at all.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HardwareProfile } from '../types';
import { runProbe } from './exec';
import {
  NVIDIA_SMI_ARGS,
  SYSCTL_KEYS,
  parseIoregGpuCores,
  parseNvidiaSmiCsv,
  parseNvidiaSmiFree,
  parseProcCpuinfo,
  parseProcMeminfo,
  parseRocmSmiJson,
  parseSysctl,
  AmdGpuReading,
} from './parsers';
import { ProbeReadings, buildProfile } from './buildProfile';
import {
  WINDOWS_INVENTORY_SCRIPT,
  parseDmidecodeMemory,
  parseLspciVmm,
  parseSystemProfilerMemory,
  parseVmStat,
  parseWindowsInventory,
  type InventoryReadings,
} from './inventory';
import { readTextFileOrUndefined } from '../io/boundedRead';

export interface DetectOptions {
  /** false: no external program (nvidia-smi, rocm-smi, sysctl, the inventory tools); Node's os, /proc and sysfs only. */
  allowExec?: boolean;
  /** Ignore both caches and probe again. */
  refresh?: boolean;
  /** Time limit for the whole detection, every probe together (default DETECT_BUDGET_MS). */
  timeoutMs?: number;
  /** How long nvidia-smi may keep running after the answer to land in the cache (default NVIDIA_SMI_LATE_MS). */
  lateMs?: number;
  /** Where static facts are cached (default: the OS cache dir, e.g. ~/.cache/model-fit). */
  cacheDir?: string;
  /** Tests: nvidia-smi to run instead of the one on PATH. */
  nvidiaSmiPath?: string;
  /** Tests: skip the OS inventory tools (lspci, dmidecode, PowerShell, vm_stat, system_profiler). */
  useInventory?: boolean;
}

const CACHE_VERSION = 1;
/** A hung, flooding or failing probe must not hold the answer longer than this (issue 16 asks for 2 s; the rest is
 *  margin for building the profile on a busy machine). */
export const DETECT_BUDGET_MS = 1500;
/** nvidia-smi past the budget is not waited for but kept this long (then killed): a slow but healthy one (a driver
 *  waking up takes seconds) still lands in the cache, and the next detection shows its GPUs. */
export const NVIDIA_SMI_LATE_MS = 10_000;
const memCache = new Map<string, HardwareProfile>();

export function defaultCacheDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'model-fit', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'model-fit');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'model-fit');
}

/** Changes when the machine does (RAM, CPU); a cached profile from another machine is never reused. */
function fingerprint(allowExec: boolean): string {
  const cpus = os.cpus();
  return [process.platform, process.arch, os.totalmem(), cpus[0]?.model ?? '', cpus.length, allowExec ? 'exec' : 'noexec'].join('|');
}

export async function detectHardware(opts: DetectOptions = {}): Promise<HardwareProfile> {
  const allowExec = opts.allowExec ?? true;
  const timeoutMs = opts.timeoutMs ?? DETECT_BUDGET_MS;
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const fp = fingerprint(allowExec);
  const key = `${cacheDir}|${fp}|${opts.nvidiaSmiPath ?? ''}`;
  if (!opts.refresh) {
    const hit = memCache.get(key) ?? readDiskCache(cacheDir, fp);
    if (hit) {
      const p = await refreshFree(clone(hit), allowExec, timeoutMs, opts.nvidiaSmiPath);
      memCache.set(key, p);
      return clone(p);
    }
  }
  const remember = (p: HardwareProfile) => {
    memCache.set(key, p);
    writeDiskCache(cacheDir, fp, p);
  };
  const p = await probeAll(allowExec, timeoutMs, opts, (late) => remember(late));
  remember(p);
  return clone(p);
}

function clone(p: HardwareProfile): HardwareProfile {
  return JSON.parse(JSON.stringify(p)) as HardwareProfile;
}

function cacheFile(dir: string): string {
  return path.join(dir, 'hardware.json');
}

function readDiskCache(dir: string, fp: string): HardwareProfile | undefined {
  try {
    const j = JSON.parse(readTextFileOrUndefined(cacheFile(dir), 'json') ?? '') as {
      version?: number;
      entries?: Record<string, { profile: HardwareProfile; savedAt: string }>;
    };
    const e = j.version === CACHE_VERSION ? j.entries?.[fp] : undefined;
    if (!e || !Array.isArray(e.profile?.gpus) || !e.profile.cpu) return undefined;
    const p = e.profile;
    p.notes = [
      ...p.notes.filter((n) => !n.startsWith('Static facts from cache')),
      `Static facts from cache (${cacheFile(dir)}, probed ${e.savedAt}); refresh to re-probe.`,
    ];
    return p;
  } catch {
    return undefined;
  }
}

function writeDiskCache(dir: string, fp: string, p: HardwareProfile): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    let entries: Record<string, unknown> = {};
    try {
      const j = JSON.parse(readTextFileOrUndefined(cacheFile(dir), 'json') ?? '');
      if (j.version === CACHE_VERSION && j.entries && typeof j.entries === 'object') entries = j.entries;
    } catch {
      /* no cache yet */
    }
    entries[fp] = { profile: p, savedAt: new Date().toISOString() };
    const tmp = `${cacheFile(dir)}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: CACHE_VERSION, entries }));
    fs.renameSync(tmp, cacheFile(dir));
  } catch {
    p.notes.push(`Could not write the hardware cache in ${dir}; detection will re-run next time.`);
  }
}

// ------------------------------------------------------------------ warm path: free memory only

async function refreshFree(p: HardwareProfile, allowExec: boolean, timeoutMs: number, smiPath?: string): Promise<HardwareProfile> {
  const mi = process.platform === 'linux' ? parseProcMeminfo(readSmall('/proc/meminfo') ?? '') : {};
  p.ramFreeBytes = mi.availableBytes ?? os.freemem();
  p.notes = p.notes.filter((n) => !n.startsWith('Free VRAM'));
  const cuda = p.gpus.filter((g) => g.source.startsWith('nvidia-smi'));
  if (cuda.length && allowExec) {
    const r = await runNvidiaSmi(['--query-gpu=index,memory.free', '--format=csv,noheader,nounits'], timeoutMs, smiPath);
    const free = r?.ok ? parseNvidiaSmiFree(r.stdout) : new Map<number, number>();
    for (const g of cuda) {
      const idx = Number(/GPU (\d+)/.exec(g.source)?.[1]);
      const f = free.get(idx);
      if (f !== undefined) g.freeBytes = f;
    }
    if (!free.size) p.notes.push(`Free VRAM from cache: nvidia-smi could not be re-read (${r && !r.ok ? r.reason : 'no output'}).`);
  }
  const sysfs = p.gpus.filter((g) => g.source.startsWith('sysfs'));
  for (const g of sysfs) {
    const card = /\((card\d+)\)/.exec(g.source)?.[1];
    const used = card ? Number(readSmall(`/sys/class/drm/${card}/device/mem_info_vram_used`)) : NaN;
    if (Number.isFinite(used)) g.freeBytes = g.vramBytes - used;
  }
  for (const g of p.gpus.filter((x) => x.unifiedMemory && x.backend === 'metal')) g.freeBytes = Math.min(g.vramBytes, p.ramFreeBytes);
  return p;
}

// ------------------------------------------------------------------ cold path

function readSmall(file: string): string | undefined {
  // /proc and sysfs files report size 0; the cap is on what is read.
  return readTextFileOrUndefined(file, 'probe');
}

function nvidiaSmiCandidates(override?: string): string[] {
  if (override) return [override];
  if (process.platform === 'win32') return ['nvidia-smi', path.join(process.env.SystemRoot || 'C:\\Windows', 'System32', 'nvidia-smi.exe')];
  // WSL ships nvidia-smi outside PATH.
  return ['nvidia-smi', '/usr/lib/wsl/lib/nvidia-smi'];
}

async function runNvidiaSmi(args: string[], timeoutMs: number, override?: string) {
  let last: Awaited<ReturnType<typeof runProbe>> | undefined;
  for (const exe of nvidiaSmiCandidates(override)) {
    if (exe.startsWith('/') && !override && !fs.existsSync(exe)) continue;
    last = await runProbe(exe, args, timeoutMs);
    if (last.ok || !last.missing) return last;
  }
  return last;
}

function sysfsAmd(): AmdGpuReading[] {
  const out: AmdGpuReading[] = [];
  let cards: string[];
  try {
    cards = fs.readdirSync('/sys/class/drm').filter((c) => /^card\d+$/.test(c));
  } catch {
    return out;
  }
  for (const c of cards.slice(0, 16)) {
    const dev = `/sys/class/drm/${c}/device`;
    if (readSmall(`${dev}/vendor`)?.trim() !== '0x1002') continue;
    const total = Number(readSmall(`${dev}/mem_info_vram_total`));
    if (!Number.isFinite(total) || total <= 0) continue;
    const used = Number(readSmall(`${dev}/mem_info_vram_used`));
    out.push({
      id: c,
      name: readSmall(`${dev}/product_name`)?.trim() || undefined,
      totalBytes: total,
      usedBytes: Number.isFinite(used) ? used : undefined,
    });
  }
  return out;
}

function procNvidiaNames(): string[] {
  try {
    const dir = '/proc/driver/nvidia/gpus';
    return fs
      .readdirSync(dir)
      .slice(0, 16)
      .map((b) => /^Model:\s*(.+)$/m.exec(readSmall(path.join(dir, b, 'information')) ?? '')?.[1].trim())
      .filter((x): x is string => !!x);
  } catch {
    return [];
  }
}

/** Wait for a promise, but no longer than `ms`; past it, `lateNote` goes to `notes` and the answer is undefined. */
function within<T>(p: Promise<T>, ms: number, lateNote: string, notes: string[]): Promise<T | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      notes.push(lateNote);
      resolve(undefined);
    }, ms);
    void p.then((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

async function probeAll(
  allowExec: boolean,
  timeoutMs: number,
  opts: DetectOptions,
  onLateNvidia: (p: HardwareProfile) => void,
): Promise<HardwareProfile> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  const notes: string[] = [];
  const cpus = os.cpus();
  const r: ProbeReadings = {
    platform: process.platform,
    arch: process.arch,
    os: {
      totalmem: os.totalmem(),
      freemem: os.freemem(),
      cpuModel: cpus[0]?.model?.trim() ?? 'unknown CPU',
      logicalCpus: cpus.length || 1,
    },
    notes,
  };
  if (process.platform === 'linux') {
    r.meminfo = parseProcMeminfo(readSmall('/proc/meminfo') ?? '');
    const ci = readSmall('/proc/cpuinfo');
    if (ci) r.cpuinfo = parseProcCpuinfo(ci);
    const amd = sysfsAmd();
    if (amd.length) {
      r.amd = amd;
      r.amdSource = 'sysfs';
    }
  }
  if (!allowExec) {
    notes.push('Untrusted workspace: no external program was run (GPU memory from sysfs / database only).');
    if (process.platform === 'linux') r.nvidiaProcNames = procNvidiaNames();
    return buildProfile(r);
  }

  const smiRun = runNvidiaSmi(NVIDIA_SMI_ARGS, Math.max(timeoutMs, opts.lateMs ?? NVIDIA_SMI_LATE_MS), opts.nvidiaSmiPath);
  const smiP = within(smiRun, left(), `nvidia-smi did not answer within ${timeoutMs} ms; NVIDIA GPUs unknown for now.`, notes);
  const inventoryP = (opts.useInventory ?? true) ? probeInventory(process.platform, left(), notes) : Promise.resolve({});
  const darwinP =
    process.platform === 'darwin'
      ? Promise.all([runProbe('sysctl', SYSCTL_KEYS, left()), runProbe('ioreg', ['-rc', 'AGXAccelerator', '-d', '1'], left())])
      : undefined;
  const rocmP =
    process.platform === 'linux' && !r.amd
      ? runProbe('rocm-smi', ['--showproductname', '--showmeminfo', 'vram', '--json'], left())
      : undefined;

  const smi = await smiP;
  if (smi?.ok) {
    const parsed = parseNvidiaSmiCsv(smi.stdout);
    r.nvidia = parsed.gpus;
    notes.push(...parsed.problems);
  } else if (smi && !smi.missing) notes.push(`NVIDIA: ${smi.reason}; NVIDIA GPUs unknown.`);
  else if (!smi) {
    // Past the budget: answer without it; if it answers before NVIDIA_SMI_LATE_MS the cache gets its GPUs.
    void smiRun.then((late) => {
      if (!late?.ok) return;
      const parsed = parseNvidiaSmiCsv(late.stdout);
      if (!parsed.gpus.length) return;
      const lateNotes = notes.filter((n) => !n.startsWith('nvidia-smi did not answer'));
      onLateNvidia(buildProfile({ ...r, nvidia: parsed.gpus, notes: [...lateNotes, ...parsed.problems] }));
    });
  }
  r.inventory = await inventoryP;
  if (darwinP) {
    const [sc, io] = await darwinP;
    if (sc.ok) r.sysctl = parseSysctl(sc.stdout);
    else notes.push(`sysctl: ${sc.reason}`);
    if (io.ok) r.appleGpuCores = parseIoregGpuCores(io.stdout);
  }
  if (rocmP) {
    const rs = await rocmP;
    if (rs.ok) {
      const parsed = parseRocmSmiJson(rs.stdout);
      if (parsed.gpus.length) {
        r.amd = parsed.gpus;
        r.amdSource = 'rocm-smi';
      }
      notes.push(...parsed.problems);
    }
  }
  return buildProfile(r);
}

/** Runs the inventory probes of this platform; a probe that fails or times out adds a note and nothing else. */
async function probeInventory(platform: string, timeoutMs: number, notes: string[]): Promise<InventoryReadings> {
  const out: InventoryReadings = {};
  if (platform === 'win32') {
    const r = await runProbe('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_INVENTORY_SCRIPT], timeoutMs);
    if (r.ok) return parseWindowsInventory(r.stdout);
    notes.push(`Windows inventory (PowerShell): ${r.reason}`);
  } else if (platform === 'linux') {
    const [pci, dmi] = await Promise.all([runProbe('lspci', ['-vmm'], timeoutMs), runProbe('dmidecode', ['-t', '17'], timeoutMs)]);
    if (pci.ok) out.graphics = { controllers: parseLspciVmm(pci.stdout) };
    if (dmi.ok) out.memLayout = parseDmidecodeMemory(dmi.stdout);
  } else if (platform === 'darwin') {
    const [vm, sp] = await Promise.all([
      runProbe('vm_stat', [], timeoutMs),
      runProbe('system_profiler', ['SPMemoryDataType', '-json'], timeoutMs),
    ]);
    const available = vm.ok ? parseVmStat(vm.stdout) : undefined;
    if (available !== undefined) out.mem = { available };
    const banks = sp.ok ? parseSystemProfilerMemory(sp.stdout) : [];
    if (banks.length) out.memLayout = banks;
  }
  return out;
}

/** Tests: forget the in-memory cache. */
export function clearHardwareMemoryCache(): void {
  memCache.clear();
}
