import { plainText } from '../core/present/safeText';
import { formatBytes, formatSeconds, formatTps, shortProvenance, verdictWords, wouldNotLoad } from '../core/present';
import type { Estimate, Runtime } from '../core/types';

function row(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
    .join('  ')
    .trimEnd();
}

/** A readable table of one estimate. */
export function formatEstimate(
  e: Estimate,
  heading?: string,
  runtime: Runtime = 'llama.cpp',
  defaultsApplied: string[] = [],
  deviceLines: string[] = [],
): string {
  const lines: string[] = [];
  if (heading) lines.push(plainText(heading));
  // Names and labels come from files: one line each (the output as a whole also passes through terminalText).
  lines.push(
    `${plainText(e.model.name)} · ${plainText(e.model.quant)} · ${formatBytes(e.model.fileBytes)} · ${shortProvenance(e.model.provenance)}`,
  );
  const s = e.settings;
  lines.push(
    `settings  ctx ${s.ctx} · ngl ${s.ngl}/${e.offload.totalLayers} · flash attention ${s.fa ? 'on' : 'off'} · KV ${s.cacheTypeK}/${s.cacheTypeV} · ubatch ${s.ubatch} · ${s.parallel} slot${s.parallel === 1 ? '' : 's'}${s.nCpuMoe ? ` · experts of ${s.nCpuMoe} blocks on CPU` : ''}`,
  );
  const gpu = e.hardware.gpuName ? `${plainText(e.hardware.gpuName)} (${formatBytes(e.hardware.freeVramBytes)} free)` : 'no GPU';
  lines.push(`hardware  ${plainText(e.hardware.label)} — ${gpu}, ${formatBytes(e.hardware.ramBytes)} RAM`);
  const assumed = runtime === 'ollama' ? "Ollama's defaults (ollama serve)" : "llama.cpp's defaults (llama-server)";
  lines.push(`runtime   ${assumed} for what is not set${defaultsApplied.length ? `: ${defaultsApplied.join('; ')}` : ''}`);
  lines.push('');
  const b = e.memory.breakdown;
  const orDash = (n: number) => (n > 0 ? formatBytes(n) : '–');
  const w = [12, 10, 10];
  // A CPU-only machine gets one column: there is no GPU side to show.
  const rows: Array<[string, number, number]> = [
    ['  weights', b.weightsGpu, b.weightsHost],
    ['  KV cache', b.kvGpu, b.kvHost],
    ['  compute', b.computeGpu, b.computeHost],
    ['  overhead', b.overheadGpu, 0],
    ['  total', e.memory.gpuBytes, e.memory.hostBytes],
  ];
  const hasGpu = e.hardware.gpuName !== null;
  lines.push(row(hasGpu ? ['memory', 'GPU', 'host'] : ['memory', 'RAM'], w));
  for (const [label, onGpu, onHost] of rows) {
    if (!hasGpu && label === '  overhead') continue;
    lines.push(row(hasGpu ? [label, orDash(onGpu), orDash(onHost)] : [label, orDash(onHost)], w));
  }
  lines.push('');
  lines.push(`verdict   ${verdictWords(e)}`);
  lines.push(...deviceLines);
  const sp = e.speed;
  if (!e.fits) {
    // Speeds of a configuration that cannot load would read as a promise.
    lines.push(`speed     ${wouldNotLoad(e)}`);
    for (const w of e.warnings) lines.push(`warning   ${w}`);
    return lines.join('\n');
  }
  lines.push(`decode    ~${formatTps(sp.decodeTps)} tok/s (${formatTps(sp.decodeTpsLow)}–${formatTps(sp.decodeTpsHigh)})`);
  lines.push(`prefill   ~${formatTps(sp.prefillTps)} tok/s (${formatTps(sp.prefillTpsLow)}–${formatTps(sp.prefillTpsHigh)})`);
  lines.push(`first token after a ${sp.promptTokens}-token prompt: ${formatSeconds(sp.ttftSeconds)}`);
  if (sp.energyPerTokenJ !== null) lines.push(`energy    ~${sp.energyPerTokenJ.toFixed(2)} J/token at board power`);
  for (const w of e.warnings) lines.push(`warning   ${plainText(w)}`);
  return lines.join('\n');
}
