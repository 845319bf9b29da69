// Hardware flags → a profile: preset ids in any case, several GPUs ("2x RTX 3090", "RTX 4090,RTX 3090"),
// and override errors that name the flag the user typed.
import { ModelFitError } from '../core/errors';
import { customProfile, detectHardware, hardwarePreset, hardwarePresets, profileLabel } from '../core/hardware';
import type { HardwareProfile } from '../core/types';
import type { EstimateArgs } from './args';

const FLAG_OF: Record<string, string> = {
  vramGiB: '--vram',
  freeVramGiB: '--free-vram',
  gpuBandwidthGBs: '--gpu-bandwidth',
  ramGiB: '--ram',
  ramBandwidthGBs: '--ram-bandwidth',
  cpuThreads: '--cpu-threads',
};

/** The preset id as defined, whatever case the user typed it in. */
export function presetId(typed: string): string {
  const t = typed.trim().toLowerCase();
  return hardwarePresets().find((p) => p.id.toLowerCase() === t)?.id ?? typed;
}

/** "2x RTX 3090" → two names; "RTX 4090,RTX 3090" → each; anything else → itself. */
export function gpuList(spec: string): string[] {
  const names: string[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})\s*[x×*]\s*(.+)$/i.exec(part);
    const count = m ? Number(m[1]) : 1;
    if (count < 1 || count > 16) throw new ModelFitError(`--gpu: ${count} GPUs of one kind? Expected 1 to 16 in "${part}"`);
    for (let i = 0; i < count; i++) names.push(m ? m[2].trim() : part);
  }
  if (names.length > 16) throw new ModelFitError(`--gpu: at most 16 GPUs, got ${names.length}`);
  return names;
}

function withFlagNames(err: unknown): never {
  if (err instanceof ModelFitError) {
    const msg = err.message.replace(/\b(vramGiB|freeVramGiB|gpuBandwidthGBs|ramGiB|ramBandwidthGBs|cpuThreads)\b/g, (k) => FLAG_OF[k]);
    throw new ModelFitError(msg.replace(/ \(vramGiB, gpuBandwidthGBs\)|\(--vram, --gpu-bandwidth\)/, '(--vram, --gpu-bandwidth)'));
  }
  throw err;
}

/** "host:port,host:port" → the endpoints, checked. */
export function rpcEndpoints(spec: string): string[] {
  const list = spec
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (!list.length || list.length > 16) throw new ModelFitError(`--rpc: expected 1 to 16 HOST:PORT entries, got "${spec.slice(0, 60)}"`);
  for (const e of list) {
    if (!/^[\w.-]{1,253}:\d{1,5}$/.test(e) && !/^\[[0-9a-f:]+\]:\d{1,5}$/i.test(e))
      throw new ModelFitError(`--rpc: expected HOST:PORT, got "${e.slice(0, 60)}"`);
  }
  return list;
}

/** RPC servers as llama.cpp orders devices: in front of the local GPUs. */
function withRpc(hw: HardwareProfile, a: EstimateArgs): HardwareProfile {
  if (a.rpc === undefined) {
    if (a.rpcGpu !== undefined || a.rpcBandwidth !== undefined) throw new ModelFitError('--rpc-gpu / --rpc-bandwidth need --rpc HOST:PORT');
    return hw;
  }
  const endpoints = rpcEndpoints(a.rpc);
  if (!a.rpcGpu)
    throw new ModelFitError('--rpc needs --rpc-gpu NAME: the GPU the RPC server runs on, so its memory and bandwidth are known');
  const remote = customProfile(hw, { gpu: a.rpcGpu }).gpus[0];
  if (!remote) throw new ModelFitError(`--rpc-gpu: "${a.rpcGpu}" is not a GPU`);
  const devices = endpoints.map((ep) => ({
    ...remote,
    name: `RPC ${ep} (${remote.name})`,
    source: `--rpc ${ep}`,
    provenance: { ...remote.provenance },
  }));
  return {
    ...hw,
    gpus: [...devices, ...hw.gpus],
    label: `${hw.label} + ${endpoints.length} RPC`,
    notes: [...hw.notes, `RPC servers ${endpoints.join(', ')} with ${remote.name} each.`],
  };
}

export async function loadHardware(a: EstimateArgs): Promise<HardwareProfile> {
  try {
    return withRpc(await loadLocalHardware(a), a);
  } catch (err) {
    return withFlagNames(err);
  }
}

async function loadLocalHardware(a: EstimateArgs): Promise<HardwareProfile> {
  const base =
    a.hardware.trim().toLowerCase() === 'this' ? await detectHardware({ allowExec: true }) : hardwarePreset(presetId(a.hardware));
  const overrides = {
    vramGiB: a.vram,
    freeVramGiB: a.freeVram,
    gpuBandwidthGBs: a.gpuBandwidth,
    ramGiB: a.ram,
    ramBandwidthGBs: a.ramBandwidth,
    cpuThreads: a.cpuThreads,
  };
  try {
    const names = a.gpu === undefined ? [] : gpuList(a.gpu);
    if (names.length <= 1) {
      const o = { ...overrides, gpu: names[0] ?? a.gpu };
      return Object.values(o).some((v) => v !== undefined) ? customProfile(base, o) : base;
    }
    // Several GPUs: each looked up on its own, then the overrides apply to every one.
    const devices = names.flatMap((gpu) => customProfile(base, { gpu, vramGiB: a.vram, gpuBandwidthGBs: a.gpuBandwidth }).gpus);
    const withAll = customProfile({ ...base, gpus: devices }, { ...overrides, vramGiB: undefined, gpuBandwidthGBs: undefined });
    const counts = new Map<string, number>();
    for (const d of devices) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
    const label = [...counts].map(([n, c]) => (c > 1 ? `${c}× ${n}` : n)).join(' + ');
    return {
      ...withAll,
      id: `${base.id}+custom`,
      label: profileLabel(devices, withAll.ramBytes),
      notes: [...withAll.notes, `User overrides: GPUs ${label}.`],
    };
  } catch (err) {
    return withFlagNames(err);
  }
}
