// What-if hardware: named presets and user overrides on any profile.

import type { GpuDevice, HardwareProfile } from '../types';
import { ModelFitError } from '../errors';
import { GiB, MiB } from '../units';
import { GPUS } from '../data/gpus';
import type { GpuSpec } from '../data/gpus';
import { gpuMemoryGiB, lookupGpu, vramOptions } from './gpuNames';
import { HARDWARE_PRESETS, HardwarePresetDef } from '../data/hardwarePresets';
import { metalWorkingSetBytes } from './memory';
import { gpuFromSpec, profileLabel } from './buildProfile';

export function hardwarePresets(): { id: string; label: string }[] {
  return HARDWARE_PRESETS.map((p) => ({ id: p.id, label: p.label }));
}

function hostFree(ramBytes: number): number {
  return Math.max(0, ramBytes - Math.max(4 * GiB, ramBytes * 0.1));
}

function presetGpus(d: HardwarePresetDef, ramBytes: number): GpuDevice[] {
  if (!d.gpu) return [];
  const spec = lookupGpu(d.gpu);
  if (!spec) throw new Error(`preset ${d.id}: GPU "${d.gpu}" missing from the database`);
  let dev: GpuDevice;
  if (spec.unifiedMemory && spec.backend === 'metal') {
    const share = metalWorkingSetBytes(ramBytes);
    dev = gpuFromSpec(spec, {
      vramBytes: share.bytes,
      freeBytes: share.bytes,
      vram: 'preset',
      free: 'preset',
      how: `preset: ${share.how}`,
    });
  } else if (spec.unifiedMemory) {
    dev = gpuFromSpec(spec, {
      vramBytes: ramBytes,
      freeBytes: hostFree(ramBytes),
      vram: 'preset',
      free: 'preset',
      how: 'preset: unified memory = system RAM',
    });
  } else {
    const vram = d.gpuTotalMiB ? d.gpuTotalMiB * MiB : spec.vramGiB * GiB;
    const reserved = (d.gpuReservedMiB ?? 0) * MiB;
    dev = gpuFromSpec(spec, {
      vramBytes: vram,
      freeBytes: vram - reserved,
      vram: 'preset',
      free: 'preset',
      how: `preset: ${d.gpuReservedMiB ?? 0} MiB assumed taken by desktop/driver`,
    });
  }
  return Array.from({ length: d.gpuCount ?? 1 }, () => ({ ...dev, provenance: { ...dev.provenance } }));
}

/** A named what-if machine; throws ModelFitError listing the ids for an unknown one. */
export function hardwarePreset(id: string): HardwareProfile {
  const d = HARDWARE_PRESETS.find((p) => p.id === id);
  if (!d)
    throw new ModelFitError(
      `Unknown hardware preset "${id}". Known: ${HARDWARE_PRESETS.map((p) => p.id).join(', ')}, or "this".`,
      'model-fit.hardware.preset',
    );
  const ramBytes = d.ramGiB * GiB;
  const gpus = presetGpus(d, ramBytes);
  const notes = [`Preset "${d.label}". RAM bandwidth: ${d.ramHow} = ${d.ramBandwidthGBs} GB/s.`];
  if (gpus.length && !gpus[0].unifiedMemory) notes.push(`Free VRAM assumes ${d.gpuReservedMiB ?? 0} MiB taken by the desktop/driver.`);
  if (gpus[0]?.backend === 'metal') notes.push('GPU memory = the Metal working-set share of unified RAM (2/3 up to 36 GiB, 3/4 above).');
  return {
    id: d.id,
    label: d.label,
    gpus,
    ramBytes,
    ramFreeBytes: hostFree(ramBytes),
    ramBandwidthGBs: d.ramBandwidthGBs,
    cpu: { ...d.cpu, flags: [...d.cpu.flags] },
    provenance: { ram: 'preset', ramBandwidth: 'preset', cpu: 'preset' },
    notes,
  };
}

export interface ProfileOverrides {
  /** 'none' removes every GPU; otherwise a GPU database name. */
  gpu?: string;
  vramGiB?: number;
  freeVramGiB?: number;
  gpuBandwidthGBs?: number;
  ramGiB?: number;
  ramBandwidthGBs?: number;
  cpuThreads?: number;
}

function check(name: string, v: number | undefined, min: number, max: number, integer = false): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new ModelFitError(
      `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${String(v)}.`,
      'model-fit.hardware.override',
    );
  }
}

/** A new RAM size; what was in use stays in use. */
function applyRamSize(p: HardwareProfile, base: HardwareProfile, ramGiB: number): void {
  const used = Math.max(0, base.ramBytes - base.ramFreeBytes);
  p.ramBytes = ramGiB * GiB;
  p.ramFreeBytes = Math.max(0, p.ramBytes - used);
  p.provenance.ram = 'user';
}

/** A unified-memory chip brings its own memory: --ram, the size in the name, or its usual configuration — never this host's RAM. */
function unifiedGpuDevice(p: HardwareProfile, spec: GpuSpec, g: string, o: ProfileOverrides): GpuDevice {
  const mem = gpuMemoryGiB(spec, g);
  const chipGiB = o.ramGiB ?? mem.giB;
  const how = o.ramGiB !== undefined ? 'RAM given' : mem.fromName ? 'size in the name' : 'usual configuration';
  p.ramBytes = chipGiB * GiB;
  p.ramFreeBytes = hostFree(p.ramBytes);
  p.provenance.ram = 'user';
  if (o.ramBandwidthGBs === undefined) {
    p.ramBandwidthGBs = spec.bandwidthGBs;
    p.provenance.ramBandwidth = 'looked-up';
  }
  let dev: GpuDevice;
  if (spec.backend === 'metal') {
    const share = metalWorkingSetBytes(p.ramBytes);
    dev = gpuFromSpec(spec, {
      vramBytes: share.bytes,
      freeBytes: Math.min(share.bytes, p.ramFreeBytes),
      vram: 'user',
      free: 'guessed',
      how: `user choice; ${chipGiB} GiB unified (${how}); ${share.how}`,
    });
  } else {
    dev = gpuFromSpec(spec, {
      vramBytes: p.ramBytes,
      freeBytes: p.ramFreeBytes,
      vram: 'user',
      free: 'guessed',
      how: `user choice; ${chipGiB} GiB unified memory (${how})`,
    });
  }
  const sold = mem.sold || o.ramGiB !== undefined ? '' : ', not a configuration sold';
  p.notes.push(
    `${spec.name}: ${chipGiB} GiB unified memory (${how}${sold}; sold with ${[...vramOptions(spec)].sort((x, y) => x - y).join(' / ')} GiB), ${spec.bandwidthGBs} GB/s — not this machine's RAM.`,
  );
  return dev;
}

/** The device for a GPU named by the user: from the database, or as given when its VRAM and bandwidth are. */
function namedGpuDevice(p: HardwareProfile, g: string, o: ProfileOverrides): { dev: GpuDevice; spec?: GpuSpec } {
  const spec = lookupGpu(g, o.vramGiB !== undefined ? o.vramGiB * GiB : undefined);
  if (!spec && (o.vramGiB === undefined || o.gpuBandwidthGBs === undefined)) {
    throw new ModelFitError(
      `Unknown GPU "${g}": give its VRAM and bandwidth too (vramGiB, gpuBandwidthGBs), or use a known name such as ${GPUS.filter((s) =>
        /4090|3060 12|M3 Max \(40|7900 XTX/.test(s.name),
      )
        .map((s) => `"${s.name}"`)
        .join(', ')}.`,
      'model-fit.hardware.gpu',
    );
  }
  if (!spec) {
    // Figures filled in by the VRAM and bandwidth overrides.
    return {
      dev: {
        name: g,
        vramBytes: 0,
        freeBytes: 0,
        bandwidthGBs: 0,
        backend: 'cuda',
        unifiedMemory: false,
        source: 'user',
        provenance: { vram: 'user', free: 'user', bandwidth: 'user' },
      },
    };
  }
  if (spec.unifiedMemory) return { dev: unifiedGpuDevice(p, spec, g, o), spec };
  const mem = gpuMemoryGiB(spec, g);
  const vram = mem.giB * GiB;
  return {
    dev: gpuFromSpec(spec, {
      vramBytes: vram,
      freeBytes: vram - 600 * MiB,
      vram: 'user',
      free: 'guessed',
      how: `user choice${mem.fromName ? `, ${mem.giB} GiB as named` : ''}; 600 MiB assumed taken by desktop/driver`,
    }),
    spec,
  };
}

/** The GPU override: none, or one named GPU replacing the profile's. */
function applyGpuChoice(p: HardwareProfile, gpu: string, o: ProfileOverrides, said: string[]): void {
  const g = gpu.trim();
  if (/^(none|cpu|no|off)$/i.test(g)) {
    p.gpus = [];
    said.push('no GPU');
    return;
  }
  const { dev, spec } = namedGpuDevice(p, g, o);
  p.gpus = [dev];
  said.push(`GPU ${spec?.name ?? g}`);
}

/** VRAM, free VRAM and bandwidth overrides, on every GPU of the profile. */
function applyGpuFigures(p: HardwareProfile, o: ProfileOverrides, said: string[]): void {
  if ((o.vramGiB !== undefined || o.freeVramGiB !== undefined || o.gpuBandwidthGBs !== undefined) && !p.gpus.length) {
    throw new ModelFitError(
      'VRAM / GPU bandwidth overrides need a GPU: this profile has none (give a GPU name too).',
      'model-fit.hardware.override',
    );
  }
  for (const d of p.gpus) {
    if (o.vramGiB !== undefined) {
      const used = Math.max(0, d.vramBytes - d.freeBytes);
      d.vramBytes = o.vramGiB * GiB;
      d.freeBytes = Math.max(0, d.vramBytes - used);
      d.provenance.vram = 'user';
    }
    if (o.freeVramGiB !== undefined) {
      d.freeBytes = Math.min(d.vramBytes, o.freeVramGiB * GiB);
      d.provenance.free = 'user';
    }
    if (o.gpuBandwidthGBs !== undefined) {
      d.bandwidthGBs = o.gpuBandwidthGBs;
      d.provenance.bandwidth = 'user';
    }
  }
  if (o.vramGiB !== undefined) said.push(`VRAM ${o.vramGiB} GiB`);
  if (o.freeVramGiB !== undefined) said.push(`free VRAM ${o.freeVramGiB} GiB`);
  if (o.gpuBandwidthGBs !== undefined) said.push(`GPU bandwidth ${o.gpuBandwidthGBs} GB/s`);
}

function checkOverrides(o: ProfileOverrides): void {
  check('vramGiB', o.vramGiB, 0.25, 4096);
  check('freeVramGiB', o.freeVramGiB, 0, 4096);
  check('gpuBandwidthGBs', o.gpuBandwidthGBs, 0.1, 100000);
  check('ramGiB', o.ramGiB, 0.25, 65536);
  check('ramBandwidthGBs', o.ramBandwidthGBs, 0.1, 100000);
  check('cpuThreads', o.cpuThreads, 1, 4096, true);
}

/** `base` with the user's overrides; every overridden figure is marked 'user'. */
export function customProfile(base: HardwareProfile, o: ProfileOverrides): HardwareProfile {
  checkOverrides(o);
  const p: HardwareProfile = JSON.parse(JSON.stringify(base)) as HardwareProfile;
  const said: string[] = [];

  if (o.ramGiB !== undefined) {
    applyRamSize(p, base, o.ramGiB);
    said.push(`RAM ${o.ramGiB} GiB`);
  }
  if (o.gpu !== undefined) {
    applyGpuChoice(p, o.gpu, o, said);
  } else if (o.ramGiB !== undefined) {
    // Unified-memory GPUs follow the RAM size.
    for (const d of p.gpus.filter((x) => x.unifiedMemory && x.backend === 'metal')) {
      const share = metalWorkingSetBytes(p.ramBytes);
      d.vramBytes = share.bytes;
      d.freeBytes = Math.min(share.bytes, p.ramFreeBytes);
    }
  }
  applyGpuFigures(p, o, said);
  if (o.ramBandwidthGBs !== undefined) {
    p.ramBandwidthGBs = o.ramBandwidthGBs;
    p.provenance.ramBandwidth = 'user';
    said.push(`RAM bandwidth ${o.ramBandwidthGBs} GB/s`);
  }
  if (o.cpuThreads !== undefined) {
    p.cpu.threads = o.cpuThreads;
    p.provenance.cpu = 'user';
    said.push(`${o.cpuThreads} CPU threads`);
  }
  if (!said.length) return p;
  p.id = `${base.id}+custom`;
  p.label = profileLabel(p.gpus, p.ramBytes);
  p.notes.push(`User overrides: ${said.join(', ')}.`);
  return p;
}
