// Several GPUs: how llama.cpp spreads the layers, per device, and what does not fit on one of them.
import { deviceShares, type DeviceShare } from '../core/estimate/deviceSplit';
import type { Estimate, HardwareProfile, ModelSpec, RunSettings } from '../core/types';
import { formatBytes } from '../core/units';
import type { EstimateArgs } from './args';

export function splitDevices(
  spec: ModelSpec,
  e: Estimate,
  hw: HardwareProfile,
  a: EstimateArgs,
  s: RunSettings,
): { devices: DeviceShare[]; warnings: string[] } {
  const warnings: string[] = [];
  const tensorSplit = a.tensorSplit ?? s.tensorSplit;
  if (hw.gpus.length < 2) {
    if (tensorSplit && tensorSplit.length > 1) warnings.push(`--tensor-split ${tensorSplit.join(',')} has no effect with one GPU`);
    if (a.mainGpu) warnings.push(`--main-gpu ${a.mainGpu}: there is only one GPU (index 0)`);
    return { devices: [], warnings };
  }
  const mg = a.mainGpu ?? s.mainGpu;
  if (mg !== undefined && mg >= hw.gpus.length) warnings.push(`--main-gpu ${mg}: GPUs are numbered 0 to ${hw.gpus.length - 1}; using 0`);
  if (tensorSplit && tensorSplit.length > hw.gpus.length)
    warnings.push(`--tensor-split has ${tensorSplit.length} parts for ${hw.gpus.length} GPUs: the extra ones are ignored`);
  const mode = a.splitMode ?? s.splitMode;
  const mainGpu = a.mainGpu ?? s.mainGpu;
  const devices = deviceShares(spec, e, hw, {
    tensorSplit,
    splitMode: mode === 'tensor' ? 'layer' : mode,
    mainGpu: mainGpu !== undefined && mainGpu < hw.gpus.length ? mainGpu : 0,
  });
  // One full device is enough to fail the load, whatever the others have left.
  const over = devices.reduce((sum, d) => sum + Math.max(0, d.totalBytes - d.freeBytes), 0);
  if (over > 0) {
    e.fits = false;
    e.fitLevel = 'none';
    e.gpuShortfallBytes = Math.max(e.gpuShortfallBytes, over);
  }
  for (const d of devices) {
    if (!d.fits)
      warnings.push(
        `GPU ${d.index} (${d.name}) needs ${formatBytes(d.totalBytes)} for its ${d.layers.length} layers but has ${formatBytes(d.freeBytes)} free: llama.cpp fails to allocate — adjust --tensor-split or -ngl`,
      );
  }
  return { devices, warnings };
}

export function formatDevices(devices: DeviceShare[]): string[] {
  return devices.map((d) => {
    const range = d.layers.length ? `layers ${d.layers[0]}–${d.layers[d.layers.length - 1]}` : 'no layers';
    return `gpu ${d.index}     ${d.name}: ${range} (${d.layers.length}) · ${formatBytes(d.totalBytes)} of ${formatBytes(d.freeBytes)} free${d.fits ? '' : ' — does not fit'}`;
  });
}

export interface RpcNetwork {
  /** Times per token the hidden state (n_embd × 4 bytes) crosses between this machine and an RPC server, or between servers. */
  crossingsPerToken: number;
  bytesPerToken: number;
  secondsPerToken: number;
  bandwidthGbps: number;
}

/**
 * What crosses the network for each token: the f32 hidden state at every hop between devices on different
 * hosts, and the logits when the output layer runs on a server. Latency per hop is not known and not added.
 */
export function rpcNetwork(
  spec: ModelSpec,
  e: Estimate,
  devices: DeviceShare[],
  hw: HardwareProfile,
  gbps: number | undefined,
): RpcNetwork | undefined {
  const isRpc = (i: number) => i >= 0 && hw.gpus[i]?.source.startsWith('--rpc ');
  if (!devices.length || !hw.gpus.some((_, i) => isRpc(i)) || !gbps) return undefined;
  const nLayer = spec.blocks.length;
  const deviceOf: number[] = Array(nLayer + 1).fill(-1);
  for (const d of devices) for (const il of d.layers) deviceOf[il] = d.index;
  // host of each step: -1 = this machine (CPU and local GPUs), else the RPC device index
  const host = (dev: number) => (isRpc(dev) ? dev : -1);
  let crossings = 0;
  let prev = -1; // the input embedding runs on this machine's CPU
  for (let il = 0; il <= nLayer; il++) {
    const h = host(deviceOf[il]);
    if (h !== prev) crossings++;
    prev = h;
  }
  let bytes = crossings * spec.nEmbd * 4;
  if (prev !== -1) bytes += spec.nVocab * 4; // logits come back from the server
  const seconds = (bytes * 8) / (gbps * 1e9);
  e.speed.decodeTps = 1 / (1 / e.speed.decodeTps + seconds);
  e.speed.decodeTpsLow = 1 / (1 / e.speed.decodeTpsLow + seconds);
  e.speed.decodeTpsHigh = 1 / (1 / e.speed.decodeTpsHigh + seconds);
  e.speed.prefillTps = 1 / (1 / e.speed.prefillTps + seconds);
  e.speed.prefillTpsLow = 1 / (1 / e.speed.prefillTpsLow + seconds);
  e.speed.prefillTpsHigh = 1 / (1 / e.speed.prefillTpsHigh + seconds);
  e.speed.ttftSeconds += e.speed.promptTokens * seconds;
  e.warnings.push(
    `RPC: ${crossings} network hops per token (${formatBytes(bytes)}) at ${gbps} Gbit/s add ${(seconds * 1000).toFixed(2)} ms per token; network latency per hop is not included`,
  );
  return { crossingsPerToken: crossings, bytesPerToken: bytes, secondsPerToken: seconds, bandwidthGbps: gbps };
}
