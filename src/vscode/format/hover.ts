// Hover Markdown for the model line, the context setting and -ngl / num_gpu. Pure: every number shown comes from
// an Estimate the engine produced; this module only formats. No vscode import (unit-tested under node).
import { formatBytes, formatTps, shortProvenance, speedWords, wouldNotLoad } from '../../core/present';
import type { ConfigAnalysis, Estimate } from '../../core/types';
import { bytesOrDash, escapeMarkdown, formatCount, formatSeconds } from './markdown';

export interface HoverOptions {
  /** A `command:` URI that opens the panel for this configuration; omitted → no link. */
  panelLink?: string;
  /** "measured 41.2 tok/s on this machine, 3 runs; predicted 39.5" and what this machine's logs showed, under the speed lines. */
  measured?: string[];
}

const FIT_HEADLINE: Record<Estimate['fitLevel'], string> = {
  gpu: '$(pass) Fits in VRAM',
  partial: '$(warning) Partial offload',
  cpu: '$(info) Runs on the CPU',
  none: '$(error) Does not fit',
};

/** The first line: what is run, from where. */
function modelLine(e: Estimate): string {
  return (
    `**${escapeMarkdown(e.model.name)}** · ${escapeMarkdown(e.model.quant)} · ${formatBytes(e.model.fileBytes)} file · ` +
    `${escapeMarkdown(shortProvenance(e.model.provenance))}`
  );
}

/** "Fits in VRAM: needs 5.9 GB of 11.3 GB free VRAM on RTX 3060 12 GB · 32 GB RAM". */
export function fitLine(e: Estimate): string {
  const hw = escapeMarkdown(e.hardware.label);
  const head = FIT_HEADLINE[e.fitLevel];
  if (e.hardware.gpuName === null) {
    return `${head}: needs **${formatBytes(e.memory.hostBytes)}** of ${formatBytes(e.hardware.ramBytes)} RAM on ${hw}`;
  }
  let line =
    `${head}: needs **${formatBytes(e.memory.gpuBytes)}** of ${formatBytes(e.hardware.freeVramBytes)} free VRAM` +
    ` + ${formatBytes(e.memory.hostBytes)} RAM on ${hw}`;
  if (e.gpuShortfallBytes > 0) line += ` — ${formatBytes(e.gpuShortfallBytes)} short on the GPU`;
  if (e.hostShortfallBytes > 0) line += ` — ${formatBytes(e.hostShortfallBytes)} short in RAM`;
  return line;
}

/** Memory by kind and device, as a Markdown table. */
export function breakdownTable(e: Estimate): string {
  const b = e.memory.breakdown;
  const kvLabel = `KV cache (${formatCount(e.settings.ctx)} ctx, ${escapeMarkdown(e.settings.cacheTypeK)}/${escapeMarkdown(e.settings.cacheTypeV)})`;
  if (e.hardware.gpuName === null) {
    return [
      '| Memory | RAM |',
      '|---|---:|',
      `| Weights | ${bytesOrDash(b.weightsHost)} |`,
      `| ${kvLabel} | ${bytesOrDash(b.kvHost)} |`,
      `| Compute buffers | ${bytesOrDash(b.computeHost)} |`,
      `| **Total** | **${formatBytes(e.memory.hostBytes)}** |`,
    ].join('\n');
  }
  return [
    '| Memory | GPU | RAM |',
    '|---|---:|---:|',
    `| Weights | ${bytesOrDash(b.weightsGpu)} | ${bytesOrDash(b.weightsHost)} |`,
    `| ${kvLabel} | ${bytesOrDash(b.kvGpu)} | ${bytesOrDash(b.kvHost)} |`,
    `| Compute buffers | ${bytesOrDash(b.computeGpu)} | ${bytesOrDash(b.computeHost)} |`,
    `| GPU runtime overhead | ${bytesOrDash(b.overheadGpu)} | — |`,
    `| **Total** | **${formatBytes(e.memory.gpuBytes)}** | **${formatBytes(e.memory.hostBytes)}** |`,
  ].join('\n');
}

/** "33/33 layers on the GPU" (+ routed experts kept on the CPU). */
export function layersLine(e: Estimate): string {
  const { gpuLayers, totalLayers, cpuMoeBlocks } = e.offload;
  let line =
    e.hardware.gpuName === null
      ? `Layers: all ${totalLayers} on the CPU (no GPU)`
      : `Layers: **${gpuLayers}/${totalLayers}** on the GPU, ${totalLayers - gpuLayers} on the CPU`;
  if (cpuMoeBlocks > 0) line += ` · experts of ${cpuMoeBlocks} blocks on the CPU`;
  return line;
}

export function speedLines(e: Estimate): string[] {
  const s = e.speed;
  // No speeds or time to first token for what cannot load.
  if (!e.fits) return [`Speed: **${wouldNotLoad(e)}**`];
  return [
    `Decode: **${formatTps(s.decodeTps)} tok/s** (${formatTps(s.decodeTpsLow)}–${formatTps(s.decodeTpsHigh)} tok/s) · ` +
      `Prefill: **${formatTps(s.prefillTps)} tok/s** (${formatTps(s.prefillTpsLow)}–${formatTps(s.prefillTpsHigh)} tok/s)`,
    `Time to first token: **${formatSeconds(s.ttftSeconds)}** for a ${formatCount(s.promptTokens)}-token prompt` +
      (s.energyPerTokenJ !== null ? ` · ${s.energyPerTokenJ.toFixed(2)} J/token` : ''),
  ];
}

function unresolved(a: ConfigAnalysis): string {
  const why = a.diagnostics.find((d) => d.severity === 'error') ?? a.diagnostics[0];
  return (
    `**Model Fit** · ${escapeMarkdown(a.config.modelRef || a.config.label)}\n\n` +
    `No estimate: ${escapeMarkdown(why?.message ?? 'the model could not be resolved')}`
  );
}

function linkLine(opts: HoverOptions): string[] {
  return opts.panelLink ? [`[Open the Model Fit panel](${opts.panelLink})`] : [];
}

/** Hover on FROM / -m / model:. */
export function modelHover(a: ConfigAnalysis, opts: HoverOptions = {}): string {
  const e = a.estimate;
  if (!e) return [unresolved(a), ...linkLine(opts)].join('\n\n');
  // The verdict with speed and memory first: the rest is detail, often below the fold.
  const parts = [
    `${fitLine(e)} · **${speedWords(e)}**`,
    modelLine(e),
    breakdownTable(e),
    layersLine(e),
    ...speedLines(e),
    ...(opts.measured ?? []).map((m) => `$(beaker) ${escapeMarkdown(m)}`),
  ];
  if (a.config.defaultsApplied.length) {
    parts.push(`Runtime defaults assumed:\n${a.config.defaultsApplied.map((d) => `- ${escapeMarkdown(d)}`).join('\n')}`);
  }
  for (const w of e.warnings.slice(0, 3)) parts.push(`_${escapeMarkdown(w)}_`);
  parts.push(...linkLine(opts));
  return parts.join('\n\n');
}

/** Hover on num_ctx / -c / n_ctx: what this context costs, and what halving / doubling changes. */
export function ctxHover(a: ConfigAnalysis, opts: HoverOptions = {}): string {
  const e = a.estimate;
  if (!e) return [unresolved(a), ...linkLine(opts)].join('\n\n');
  const kv = (x: Estimate) => x.memory.breakdown.kvGpu + x.memory.breakdown.kvHost;
  const rows = [...a.ctxAlternatives.map((alt) => alt.estimate), e].sort((x, y) => x.settings.ctx - y.settings.ctx);
  const table = [
    '| Context | KV cache | GPU | RAM | Layers on GPU | Decode |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((x) => {
      const ctx = x === e ? `**${formatCount(x.settings.ctx)}** (this)` : formatCount(x.settings.ctx);
      return (
        `| ${ctx} | ${formatBytes(kv(x))} | ${formatBytes(x.memory.gpuBytes)} | ${formatBytes(x.memory.hostBytes)} | ` +
        `${x.offload.gpuLayers}/${x.offload.totalLayers} | ${formatTps(x.speed.decodeTps)} tok/s |`
      );
    }),
  ].join('\n');
  return [
    `**Context ${formatCount(e.settings.ctx)} tokens**: KV cache **${formatBytes(kv(e))}** ` +
      `(${formatBytes(e.memory.kvBytesPerToken)} per token, ${escapeMarkdown(e.settings.cacheTypeK)}/${escapeMarkdown(e.settings.cacheTypeV)})`,
    fitLine(e),
    table,
    ...linkLine(opts),
  ].join('\n\n');
}

/** Hover on num_gpu / -ngl: the split it produces. */
export function nglHover(a: ConfigAnalysis, opts: HoverOptions = {}): string {
  const e = a.estimate;
  if (!e) return [unresolved(a), ...linkLine(opts)].join('\n\n');
  const b = e.memory.breakdown;
  const s = e.speed;
  const perToken = (sec: number) => (sec * 1000).toFixed(sec * 1000 >= 10 ? 0 : 1);
  return [
    `**-ngl ${e.settings.ngl}** → ${layersLine(e).replace(/^Layers: /, '')} (the output layer counts as one)`,
    `GPU holds ${formatBytes(b.weightsGpu)} of weights + ${formatBytes(b.kvGpu)} KV cache; ` +
      `RAM holds ${formatBytes(b.weightsHost)} of weights + ${formatBytes(b.kvHost)} KV cache`,
    `Per generated token: GPU ${perToken(s.decodeSecondsGpu)} ms + CPU ${perToken(s.decodeSecondsCpu)} ms → ` +
      `**${formatTps(s.decodeTps)} tok/s**`,
    fitLine(e),
    ...linkLine(opts),
  ].join('\n\n');
}
