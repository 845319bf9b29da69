// Host-memory figures: RAM bandwidth from the DIMM layout or a guess from the CPU class, and the share of
// unified memory Metal lets the GPU use.

import { GiB, MiB } from '../units';
import { DramType, dramBandwidthGBs, dramType } from '../data/memoryTiers';

export interface MemBank {
  size?: number;
  type?: string;
  /** MT/s: the configured speed dmidecode, Windows CIM or system_profiler report. */
  clockSpeed?: number | null;
}

/** Memory channels the platform can drive (populated DIMMs beyond this share channels). */
export function platformChannels(cpuModel: string, type?: DramType): number {
  const m = cpuModel.toLowerCase();
  if (/epyc/.test(m)) return type === 'DDR5' ? 12 : 8;
  if (/threadripper pro/.test(m)) return 8;
  if (/threadripper/.test(m)) return 4;
  if (/xeon/.test(m)) return type === 'DDR5' ? 8 : 6;
  return 2;
}

/** Peak bandwidth from populated banks: MT/s × 8 bytes × min(DIMMs, platform channels). */
export function ramBandwidthFromLayout(banks: MemBank[], cpuModel: string): { gbs: number; how: string } | undefined {
  const used = banks.filter((b) => (b.size ?? 0) > 0);
  if (!used.length) return undefined;
  const type = dramType(used[0].type);
  const speeds = used.map((b) => Number(b.clockSpeed) || 0).filter((s) => s > 0);
  if (!type || !speeds.length) return undefined;
  // The slowest module sets the bus speed.
  const mt = Math.min(...speeds);
  const channels = Math.min(used.length, platformChannels(cpuModel, type));
  const gbs = dramBandwidthGBs(type, mt, channels);
  return {
    gbs,
    how: `${type}-${mt} × 8 B × ${channels} channel${channels > 1 ? 's' : ''} (${used.length} module${used.length > 1 ? 's' : ''}) = ${round1(gbs)} GB/s peak`,
  };
}

/**
 * When the layout is unknown (VMs, no dmidecode access): the class's typical peak, capped by what the cores can pull
 * (~16 GB/s per core; a 2-core EPYC VM measured 33 GB/s read, shared/calibration).
 */
export function guessRamBandwidth(cpuModel: string, physicalCores: number): { gbs: number; how: string } {
  const m = cpuModel.toLowerCase();
  let peak: number;
  let cls: string;
  if (/epyc|xeon/.test(m)) {
    peak = dramBandwidthGBs('DDR4', 3200, 8);
    cls = 'server CPU, assumed DDR4-3200 × 8 channels';
  } else if (/threadripper/.test(m)) {
    peak = dramBandwidthGBs('DDR4', 3200, 4);
    cls = 'HEDT CPU, assumed DDR4-3200 × 4 channels';
  } else {
    peak = dramBandwidthGBs('DDR4', 3200, 2);
    cls = 'desktop/laptop CPU, assumed DDR4-3200 dual channel';
  }
  const perCore = Math.max(1, physicalCores) * 16;
  const gbs = Math.min(peak, perCore);
  return {
    gbs,
    how: `guessed: ${cls} (${round1(peak)} GB/s)${perCore < peak ? `, capped at 16 GB/s × ${physicalCores} cores = ${gbs} GB/s` : ''}`,
  };
}

/**
 * Bytes of unified memory Metal lets the GPU use (MTLDevice.recommendedMaxWorkingSetSize, which llama.cpp reports
 * as the device's memory). macOS default: 2/3 of RAM up to 36 GiB, 3/4 above — e.g. 16 GiB → 10922.67 MiB
 * (llama.cpp issue #687 log), 64 GiB → ~48 GiB (llama.cpp issue #1870). `sudo sysctl iogpu.wired_limit_mb=N` overrides
 * it (seen by llama-server as N MiB, whichllm#152). Recent macOS on 128 GiB reports 107.5 GiB (antirez/ds4#890), above
 * this rule: the rule stays the conservative default.
 */
export function metalWorkingSetBytes(ramBytes: number, wiredLimitMiB?: number): { bytes: number; how: string } {
  if (wiredLimitMiB && wiredLimitMiB > 0) {
    const bytes = Math.min(ramBytes, wiredLimitMiB * MiB);
    return { bytes, how: `iogpu.wired_limit_mb = ${wiredLimitMiB}` };
  }
  const frac = ramBytes <= 36 * GiB ? 2 / 3 : 3 / 4;
  return { bytes: Math.floor(ramBytes * frac), how: `macOS default Metal working set: ${frac === 2 / 3 ? '2/3' : '3/4'} of RAM` };
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
