// Several GPUs: how llama.cpp spreads the layers, per device, and what does not fit on one of them.
import { deviceShares, type DeviceShare } from '../core/estimate/deviceSplit';
import type { Estimate, HardwareProfile, ModelSpec, RunSettings } from '../core/types';
import { formatBytes } from '../core/units';
import type { EstimateArgs } from './args';

export function splitDevices(spec: ModelSpec, e: Estimate, hw: HardwareProfile, a: EstimateArgs, s: RunSettings): { devices: DeviceShare[]; warnings: string[] } {
  const warnings: string[] = [];
  const tensorSplit = a.tensorSplit ?? s.tensorSplit;
  if (hw.gpus.length < 2) {
    if (tensorSplit && tensorSplit.length > 1) warnings.push(`--tensor-split ${tensorSplit.join(',')} has no effect with one GPU`);
    if (a.mainGpu) warnings.push(`--main-gpu ${a.mainGpu}: there is only one GPU (index 0)`);
    return { devices: [], warnings };
  }
  if (a.mainGpu !== undefined && a.mainGpu >= hw.gpus.length) warnings.push(`--main-gpu ${a.mainGpu}: GPUs are numbered 0 to ${hw.gpus.length - 1}; using 0`);
  if (tensorSplit && tensorSplit.length > hw.gpus.length) warnings.push(`--tensor-split has ${tensorSplit.length} parts for ${hw.gpus.length} GPUs: the extra ones are ignored`);
  const devices = deviceShares(spec, e, hw, {
    tensorSplit, splitMode: a.splitMode, mainGpu: a.mainGpu !== undefined && a.mainGpu < hw.gpus.length ? a.mainGpu : 0,
  });
  // One full device is enough to fail the load, whatever the others have left.
  const over = devices.reduce((sum, d) => sum + Math.max(0, d.totalBytes - d.freeBytes), 0);
  if (over > 0) {
    e.fits = false;
    e.fitLevel = 'none';
    e.gpuShortfallBytes = Math.max(e.gpuShortfallBytes, over);
  }
  for (const d of devices) {
    if (!d.fits) warnings.push(`GPU ${d.index} (${d.name}) needs ${formatBytes(d.totalBytes)} for its ${d.layers.length} layers but has ${formatBytes(d.freeBytes)} free: llama.cpp fails to allocate — adjust --tensor-split or -ngl`);
  }
  return { devices, warnings };
}

export function formatDevices(devices: DeviceShare[]): string[] {
  return devices.map((d) => {
    const range = d.layers.length ? `layers ${d.layers[0]}–${d.layers[d.layers.length - 1]}` : 'no layers';
    return `gpu ${d.index}     ${d.name}: ${range} (${d.layers.length}) · ${formatBytes(d.totalBytes)} of ${formatBytes(d.freeBytes)} free${d.fits ? '' : ' — does not fit'}`;
  });
}
