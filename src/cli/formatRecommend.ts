import type { RecommendResult } from '../core/recommend';
import { paramsInWords, planInWords } from '../core/recommend/words';
import { formatBytes, formatTps } from '../core/units';

/** The ranked list as a reader wants it: what to run, how fast, and the exact line to run it. */
export function formatRecommendations(r: RecommendResult, limit: number): string {
  const out: string[] = [];
  out.push(`Best for ${r.hardware.label} — ${r.use}, ${r.ctx}-token context, at least ${r.minTps} tok/s decode`);
  out.push(
    '(llama.cpp defaults: llama-server with flash attention auto, ubatch 512, one slot; speeds at an empty context, 512-token prompt)',
  );
  if (!r.recommendations.length) {
    out.push(
      '',
      `nothing reaches ${r.minTps} tok/s here${r.tooSlow.length ? `; fastest that loads: ${r.tooSlow[0].name} ${r.tooSlow[0].quant} at ${formatTps(r.tooSlow[0].decodeTps)} tok/s (try --min-tps)` : ''}`,
    );
    return out.join('\n');
  }
  r.recommendations.slice(0, limit).forEach((x, i) => {
    const where = x.origin === 'catalog' ? '' : x.origin === 'ollama' ? ' [Ollama store]' : ' [local file]';
    const size = x.moe ? `${paramsInWords(x.nParams)} total, ${paramsInWords(x.activeParams)} active` : paramsInWords(x.nParams);
    const quality = x.quality
      ? x.quality.kld !== null
        ? `${x.quality.band} loss (KLD ${x.quality.kld})`
        : x.quality.band
      : 'quality not published';
    out.push('');
    out.push(`${String(i + 1).padStart(2)}. ${x.name} · ${x.quant} · ${size} · ${formatBytes(x.fileBytes)}${where}`);
    const kv = x.settings.cacheTypeK !== 'f16' ? ` · KV ${x.settings.cacheTypeK}` : '';
    const mem =
      x.plan === 'cpu' && x.gpuBytes === 0
        ? `RAM ${formatBytes(x.hostBytes)}`
        : `GPU ${formatBytes(x.gpuBytes)}, RAM ${formatBytes(x.hostBytes)}`;
    out.push(
      `    ${planInWords(x)}${kv} · ~${formatTps(x.decodeTps)} tok/s decode, ~${formatTps(x.prefillTps)} prefill · ${mem} · ${quality}`,
    );
    if (x.instead) out.push(`    (plain -ngl ${x.instead.ngl} without --n-cpu-moe: ~${formatTps(x.instead.decodeTps)} tok/s)`);
    if (x.maxCtx > r.ctx) out.push(`    the same settings still fit a ${x.maxCtx}-token context`);
    out.push(`    ${x.run.llamaServer}`);
    if (x.run.modelfile)
      out.push(
        `    Modelfile: ${x.run.modelfile.split('\n').join(' · ')}${x.run.ollamaEnv.length ? ` (env ${x.run.ollamaEnv.join(' ')})` : ''}`,
      );
  });
  const hidden = r.recommendations.length - Math.min(limit, r.recommendations.length);
  out.push('');
  if (hidden > 0) out.push(`${hidden} more (--limit ${r.recommendations.length} or --json).`);
  if (r.tooSlow.length)
    out.push(
      `Load but below ${r.minTps} tok/s: ${r.tooSlow
        .slice(0, 6)
        .map((t) => `${t.name} (${formatTps(t.decodeTps)})`)
        .join(', ')}${r.tooSlow.length > 6 ? ', …' : ''}.`,
    );
  out.push(
    'Ranked: local models first, then by total parameters (a rough quality proxy), each at the best quant that keeps every layer on the GPU;',
  );
  out.push("quant loss: mean KL divergence vs FP16 from llama.cpp's Llama 3 8B scoreboard (tools/perplexity/README.md).");
  return out.join('\n');
}
