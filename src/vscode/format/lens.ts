// CodeLens titles and the status-bar text. Pure: formats Estimate fields only. No vscode import.
import { formatBytes, formatTps } from '../../core/present';
import type { ConfigAnalysis, Estimate } from '../../core/types';

/** "fits · 5.9 GB of 11.3 GB · ~38.2 tok/s", "partial 21/33 layers · …", "does not fit · needs …". */
export function lensTitle(e: Estimate): string {
  const tps = `~${formatTps(e.speed.decodeTps)} tok/s`;
  const noGpu = e.hardware.gpuName === null;
  switch (e.fitLevel) {
    case 'gpu':
      return `fits · ${formatBytes(e.memory.gpuBytes)} of ${formatBytes(e.hardware.freeVramBytes)} · ${tps}`;
    case 'partial':
      return (
        `partial ${e.offload.gpuLayers}/${e.offload.totalLayers} layers · ${formatBytes(e.memory.gpuBytes)} of ` +
        `${formatBytes(e.hardware.freeVramBytes)} + ${formatBytes(e.memory.hostBytes)} RAM · ${tps}`
      );
    case 'cpu':
      return `${noGpu ? 'fits in RAM' : 'CPU only'} · ${formatBytes(e.memory.hostBytes)} of ${formatBytes(e.hardware.ramBytes)} RAM · ${tps}`;
    case 'none':
      if (e.gpuShortfallBytes > 0) {
        return (
          `does not fit · needs ${formatBytes(e.memory.gpuBytes)} VRAM, ${formatBytes(e.hardware.freeVramBytes)} free` +
          ` (${formatBytes(e.gpuShortfallBytes)} short)`
        );
      }
      return (
        `does not fit · needs ${formatBytes(e.memory.hostBytes)} RAM of ${formatBytes(e.hardware.ramBytes)}` +
        ` (${formatBytes(e.hostShortfallBytes)} short)`
      );
  }
}

/** The lens of one configuration; when the model did not resolve, says why in a few words. */
export function configLensTitle(a: ConfigAnalysis): string {
  if (a.estimate) return `Model Fit: ${lensTitle(a.estimate)}`;
  const why = a.diagnostics.find((d) => d.severity === 'error') ?? a.diagnostics[0];
  const msg = why?.message ?? 'model not resolved';
  return `Model Fit: no estimate · ${msg.length > 80 ? `${msg.slice(0, 79)}…` : msg}`;
}
