// Comparison → the JSON the webview renders. Pure: numbers come from Estimates; this module formats them into
// text and passes raw bytes / tok/s only for the charts to scale. No vscode import (unit-tested under node).
import { formatBytes, formatTps, wouldNotLoad } from '../../core/present';
import type { Comparison, ConfigAnalysis, Estimate } from '../../core/types';
import { lensTitle } from './lens';
import { formatCount, formatSeconds } from './markdown';

export type FitLevel = Estimate['fitLevel'];

export interface PanelCell {
  fitLevel: FitLevel;
  fitText: string;
  memText: string;
  tpsText: string;
  /** The quant and context the file asks for. */
  current: boolean;
}

export interface PanelSegment {
  kind: 'weights' | 'kv' | 'compute' | 'overhead';
  label: string;
  bytes: number;
  text: string;
}

export interface PanelBar {
  device: string;
  segments: PanelSegment[];
  totalText: string;
  /** The line the bar is measured against (free VRAM, or RAM); 0 = none. */
  limitBytes: number;
  limitText: string;
}

export interface PanelProfile {
  label: string;
  fitLevel: FitLevel;
  fitText: string;
  gpuText: string;
  hostText: string;
  layersText: string;
  decodeText: string;
  prefillText: string;
  energyText: string;
}

export interface PanelModel {
  title: string;
  modelName: string;
  quant: string;
  provenance: string;
  hardwareLabel: string;
  summary: string;
  fitLevel: FitLevel;
  speedText: string;
  ttftText: string;
  grid: { quants: string[]; contexts: Array<{ ctx: number; label: string }>; rows: PanelCell[][]; note: string };
  bars: PanelBar[];
  curve: Array<{ depth: number; depthText: string; tps: number; low: number; high: number; tpsText: string }>;
  offload: { gpuLayers: number; totalLayers: number; text: string; timeText: string };
  profiles: PanelProfile[];
  warnings: string[];
}

/** What the panel shows for a configuration without an estimate. */
export interface PanelProblem {
  title: string;
  message: string;
}

export interface PanelMessage {
  type: 'update';
  fileName: string;
  models: PanelModel[];
  problems: PanelProblem[];
}

const FIT_WORD: Record<FitLevel, string> = { gpu: 'fits', partial: 'partial', cpu: 'CPU', none: 'no' };

export function cellFitText(e: Estimate): string {
  if (e.fitLevel === 'partial') return `partial ${e.offload.gpuLayers}/${e.offload.totalLayers}`;
  if (e.fitLevel === 'cpu' && e.hardware.gpuName === null) return 'fits (CPU)';
  return FIT_WORD[e.fitLevel];
}

/** Memory the estimate needs, in the terms of the machine: GPU + RAM, or RAM alone. */
export function memoryText(e: Estimate): string {
  if (e.hardware.gpuName === null) return `${formatBytes(e.memory.hostBytes)} RAM`;
  return `${formatBytes(e.memory.gpuBytes)} GPU + ${formatBytes(e.memory.hostBytes)} RAM`;
}

export function memoryBars(e: Estimate): PanelBar[] {
  const b = e.memory.breakdown;
  const seg = (kind: PanelSegment['kind'], label: string, bytes: number): PanelSegment => ({
    kind,
    label,
    bytes,
    text: formatBytes(bytes),
  });
  const host: PanelBar = {
    device: 'RAM',
    segments: [
      seg('weights', 'Weights', b.weightsHost),
      seg('kv', 'KV cache', b.kvHost),
      seg('compute', 'Compute buffers', b.computeHost),
    ].filter((s) => s.bytes > 0),
    totalText: formatBytes(e.memory.hostBytes),
    limitBytes: e.hardware.ramBytes,
    limitText: `${formatBytes(e.hardware.ramBytes)} RAM`,
  };
  if (e.hardware.gpuName === null) return [host];
  if (e.hardware.unifiedMemory) {
    // One pool: the GPU's share and the CPU's side come out of the same RAM.
    const pool: Array<[PanelSegment['kind'], string, number]> = [
      ['weights', 'Weights', b.weightsGpu + b.weightsHost],
      ['kv', 'KV cache', b.kvGpu + b.kvHost],
      ['compute', 'Compute buffers', b.computeGpu + b.computeHost],
      ['overhead', 'GPU runtime overhead', b.overheadGpu],
    ];
    return [
      {
        device: `Unified memory (${e.hardware.gpuName})`,
        segments: pool.map(([kind, label, bytes]) => seg(kind, label, bytes)).filter((s) => s.bytes > 0),
        totalText: formatBytes(e.memory.gpuBytes + e.memory.hostBytes),
        limitBytes: e.hardware.ramBytes,
        limitText: `${formatBytes(e.hardware.ramBytes)} RAM`,
      },
    ];
  }
  const gpu: PanelBar = {
    device: `GPU (${e.hardware.gpuName})`,
    segments: [
      seg('weights', 'Weights', b.weightsGpu),
      seg('kv', 'KV cache', b.kvGpu),
      seg('compute', 'Compute buffers', b.computeGpu),
      seg('overhead', 'GPU runtime overhead', b.overheadGpu),
    ].filter((s) => s.bytes > 0),
    totalText: formatBytes(e.memory.gpuBytes),
    limitBytes: e.hardware.freeVramBytes,
    limitText: `${formatBytes(e.hardware.freeVramBytes)} free VRAM`,
  };
  return [gpu, host];
}

export function profileRow(label: string, e: Estimate): PanelProfile {
  return {
    label,
    fitLevel: e.fitLevel,
    fitText: cellFitText(e),
    gpuText: e.hardware.gpuName === null ? '—' : `${formatBytes(e.memory.gpuBytes)} of ${formatBytes(e.hardware.freeVramBytes)}`,
    hostText: `${formatBytes(e.memory.hostBytes)} of ${formatBytes(e.hardware.ramBytes)}`,
    layersText: `${e.offload.gpuLayers}/${e.offload.totalLayers}`,
    decodeText: e.fits ? `${formatTps(e.speed.decodeTps)} tok/s` : 'would not load',
    prefillText: e.fits ? `${formatTps(e.speed.prefillTps)} tok/s` : '—',
    energyText: e.speed.energyPerTokenJ === null ? '—' : `${e.speed.energyPerTokenJ.toFixed(2)} J/token`,
  };
}

export function panelModel(a: ConfigAnalysis, e: Estimate, c: Comparison): PanelModel {
  const byKey = new Map(c.grid.map((g) => [`${g.quant}@${g.ctx}`, g.estimate]));
  const rows = c.quants.map((quant) =>
    c.contexts.map((ctx): PanelCell => {
      const x = byKey.get(`${quant}@${ctx}`);
      if (!x) return { fitLevel: 'none', fitText: '—', memText: '', tpsText: '', current: false };
      return {
        fitLevel: x.fitLevel,
        fitText: cellFitText(x),
        memText: memoryText(x),
        tpsText: x.fits ? `${formatTps(x.speed.decodeTps)} tok/s` : 'would not load',
        current: quant === c.baseQuant && ctx === e.settings.ctx,
      };
    }),
  );
  const s = e.speed;
  return {
    title: a.config.label,
    modelName: c.modelName,
    quant: e.model.quant,
    provenance: e.model.provenance,
    hardwareLabel: e.hardware.label,
    summary: lensTitle(e),
    fitLevel: e.fitLevel,
    speedText: !e.fits
      ? `Speed: ${wouldNotLoad(e)}`
      : `Decode ${formatTps(s.decodeTps)} tok/s (${formatTps(s.decodeTpsLow)}–${formatTps(s.decodeTpsHigh)}) · ` +
        `prefill ${formatTps(s.prefillTps)} tok/s (${formatTps(s.prefillTpsLow)}–${formatTps(s.prefillTpsHigh)})`,
    ttftText: e.fits ? `First token after ${formatSeconds(s.ttftSeconds)} for a ${formatCount(s.promptTokens)}-token prompt` : '',
    grid: {
      quants: c.quants,
      contexts: c.contexts.map((ctx) => ({ ctx, label: formatCount(ctx) })),
      rows,
      note: 'Decode tok/s with an empty context, as in the summary; the chart below shows how it drops as the context fills.',
    },
    bars: memoryBars(e),
    curve: c.depthCurve.map((p) => ({
      depth: p.depth,
      depthText: formatCount(p.depth),
      tps: p.decodeTps,
      low: p.decodeTpsLow,
      high: p.decodeTpsHigh,
      tpsText: `${formatTps(p.decodeTps)} tok/s`,
    })),
    offload: {
      gpuLayers: e.offload.gpuLayers,
      totalLayers: e.offload.totalLayers,
      text:
        e.hardware.gpuName === null
          ? `All ${e.offload.totalLayers} layers on the CPU (no GPU)`
          : `${e.offload.gpuLayers} of ${e.offload.totalLayers} layers on the GPU, ${e.offload.totalLayers - e.offload.gpuLayers} on the CPU` +
            (e.offload.cpuMoeBlocks > 0 ? `; experts of ${e.offload.cpuMoeBlocks} blocks on the CPU` : ''),
      timeText: `Per token: GPU ${(s.decodeSecondsGpu * 1000).toFixed(1)} ms, CPU ${(s.decodeSecondsCpu * 1000).toFixed(1)} ms`,
    },
    profiles: c.profiles.map((p) => profileRow(p.label, p.estimate)),
    warnings: e.warnings,
  };
}

export function panelProblem(a: ConfigAnalysis): PanelProblem {
  const why = a.diagnostics.find((d) => d.severity === 'error') ?? a.diagnostics[0];
  return { title: a.config.label, message: why?.message ?? 'the model could not be resolved' };
}
