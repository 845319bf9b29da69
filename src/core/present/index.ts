// Words and numbers every surface shows (CLI, hovers, CodeLens, panel, diagnostics): one unit rule — GB = 10⁹ bytes
// everywhere (formatBytes) — and one verdict vocabulary, so a configuration reads the same wherever it is looked at.
import { formatBytes, formatTps } from '../units';
import type { Estimate } from '../types';

export { formatBytes, formatTps, shortProvenance } from '../units';

/** "0.42 s", "3.1 s", "2 min 5 s": how long someone waits for the first token. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 1) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const min = Math.floor(seconds / 60);
  return `${min} min ${Math.round(seconds - min * 60)} s`;
}

/** "8192" → "8,192" (contexts and token counts). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "would not load: 11.3 GB short on the GPU" — said instead of speeds for a configuration that cannot load. */
export function wouldNotLoad(e: Estimate): string {
  const short: string[] = [];
  if (e.gpuShortfallBytes > 0) short.push(`${formatBytes(e.gpuShortfallBytes)} short on the GPU`);
  if (e.hostShortfallBytes > 0) short.push(`${formatBytes(e.hostShortfallBytes)} short in RAM`);
  return `would not load${short.length ? `: ${short.join(', ')}` : ''}`;
}

/** "~58.8 tok/s", or why there is no speed. */
export function speedWords(e: Estimate): string {
  return e.fits ? `~${formatTps(e.speed.decodeTps)} tok/s` : wouldNotLoad(e);
}

/** Where it runs, in words, by machine kind: "fits on the GPU", "fits in RAM", "partial offload: 15/33 layers on the GPU"… */
export function verdictWords(e: Estimate): string {
  const { gpuLayers, totalLayers, cpuMoeBlocks } = e.offload;
  switch (e.fitLevel) {
    case 'gpu':
      return 'fits on the GPU';
    case 'partial':
      return gpuLayers === totalLayers
        ? `fits: all ${totalLayers} layers on the GPU, the experts of ${cpuMoeBlocks} blocks on the CPU`
        : `partial offload: ${gpuLayers}/${totalLayers} layers on the GPU`;
    case 'cpu':
      return e.hardware.gpuName === null ? 'fits in RAM' : 'runs on the CPU';
    default:
      return 'does not fit';
  }
}

/** "fits, ~41 tok/s" / "partial offload 20/33 layers, ~8.1 tok/s" / "CPU only, ~3 tok/s" / "does not fit". */
export function fitVerdict(e: Estimate): string {
  const tps = `~${formatTps(e.speed.decodeTps)} tok/s`;
  switch (e.fitLevel) {
    case 'gpu':
      return `fits, ${tps}`;
    case 'partial':
      return `partial offload ${e.offload.gpuLayers}/${e.offload.totalLayers} layers, ${tps}`;
    case 'cpu':
      return `CPU only, ${tps}`;
    default:
      return 'does not fit';
  }
}

/** The placement column of a machine-by-machine table: "GPU", "CPU", "split, ngl 20", "does not fit". */
export function placementColumn(fitLevel: Estimate['fitLevel'], ngl: number): string {
  if (fitLevel === 'gpu') return 'GPU';
  if (fitLevel === 'cpu') return 'CPU';
  return fitLevel === 'partial' ? `split, ngl ${ngl}` : 'does not fit';
}
