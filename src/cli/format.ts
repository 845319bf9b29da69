import { plainText } from '../core/present/safeText';
import { formatBytes, formatTps, shortProvenance } from '../core/units';
import type { Estimate } from '../core/types';

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  return s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`;
}

/** A readable table of one estimate. */
export function formatEstimate(e: Estimate, heading?: string): string {
  const lines: string[] = [];
  if (heading) lines.push(plainText(heading));
  // Names and labels come from files: one line each (the output as a whole also passes through terminalText).
  lines.push(`${plainText(e.model.name)} · ${plainText(e.model.quant)} · ${formatBytes(e.model.fileBytes)} · ${shortProvenance(e.model.provenance)}`);
  const s = e.settings;
  lines.push(`settings  ctx ${s.ctx} · ngl ${s.ngl}/${e.offload.totalLayers} · flash attention ${s.fa ? 'on' : 'off'} · KV ${s.cacheTypeK}/${s.cacheTypeV} · ubatch ${s.ubatch} · ${s.parallel} slot${s.parallel === 1 ? '' : 's'}${s.nCpuMoe ? ` · experts of ${s.nCpuMoe} blocks on CPU` : ''}`);
  const gpu = e.hardware.gpuName ? `${plainText(e.hardware.gpuName)} (${formatBytes(e.hardware.freeVramBytes)} free)` : 'no GPU';
  lines.push(`hardware  ${plainText(e.hardware.label)} — ${gpu}, ${formatBytes(e.hardware.ramBytes)} RAM`);
  lines.push('');
  const b = e.memory.breakdown;
  const orDash = (n: number) => (n > 0 ? formatBytes(n) : '–');
  const w = [12, 10, 10];
  // A CPU-only machine gets one column: there is no GPU side to show.
  const rows: Array<[string, number, number]> = [
    ['  weights', b.weightsGpu, b.weightsHost], ['  KV cache', b.kvGpu, b.kvHost], ['  compute', b.computeGpu, b.computeHost],
    ['  overhead', b.overheadGpu, 0], ['  total', e.memory.gpuBytes, e.memory.hostBytes],
  ];
  const hasGpu = e.hardware.gpuName !== null;
  lines.push(row(hasGpu ? ['memory', 'GPU', 'host'] : ['memory', 'RAM'], w));
  for (const [label, onGpu, onHost] of rows) {
    if (!hasGpu && label === '  overhead') continue;
    lines.push(row(hasGpu ? [label, orDash(onGpu), orDash(onHost)] : [label, orDash(onHost)], w));
  }
  lines.push('');
  const verdict = e.fitLevel === 'gpu' ? 'fits on the GPU'
    : e.fitLevel === 'partial' && e.offload.gpuLayers === e.offload.totalLayers
      ? `fits: all ${e.offload.totalLayers} layers on the GPU, the experts of ${e.offload.cpuMoeBlocks} blocks on the CPU`
    : e.fitLevel === 'partial' ? `partial offload: ${e.offload.gpuLayers}/${e.offload.totalLayers} layers on the GPU`
    : e.fitLevel === 'cpu' ? 'runs on the CPU' : 'does not fit';
  lines.push(`verdict   ${verdict}`);
  const sp = e.speed;
  lines.push(`decode    ~${formatTps(sp.decodeTps)} tok/s (${formatTps(sp.decodeTpsLow)}–${formatTps(sp.decodeTpsHigh)})`);
  lines.push(`prefill   ~${formatTps(sp.prefillTps)} tok/s (${formatTps(sp.prefillTpsLow)}–${formatTps(sp.prefillTpsHigh)})`);
  lines.push(`first token after a ${sp.promptTokens}-token prompt: ${fmtSeconds(sp.ttftSeconds)}`);
  if (sp.energyPerTokenJ !== null) lines.push(`energy    ~${sp.energyPerTokenJ.toFixed(2)} J/token at board power`);
  for (const w of e.warnings) lines.push(`warning   ${plainText(w)}`);
  return lines.join('\n');
}
