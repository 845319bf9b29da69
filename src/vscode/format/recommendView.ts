// "Best for this machine": RecommendResult → the JSON the webview renders (media/recommend.js), and the messages
// both sides exchange. Pure: no vscode import (unit-tested under node). Text from files (local model names) is
// passed as text; the webview sets it with textContent only. The message types are in recommendMessages.ts.
import { USE_CASES, type Recommendation, type RecommendResult } from '../../core/recommend';
import { paramsInWords, planInWords } from '../../core/recommend/words';
import { formatBytes, formatTps } from '../../core/units';
import type { CopyWhat, RecommendRow, RecommendViewMessage } from './recommendMessages';

export type * from './recommendMessages';

const FIT_TEXT: Record<Recommendation['plan'], string> = {
  gpu: 'All on the GPU',
  'experts-on-cpu': 'Experts on the CPU',
  partial: 'Split GPU / CPU',
  cpu: 'CPU only',
};

const WHERE: Record<Recommendation['origin'], string> = { ollama: 'Ollama store', workspace: 'local file', catalog: '' };

// Control characters from GGUF metadata never reach the page (a name is one line of text).
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

function qualityText(r: Recommendation): { text: string; source: string } {
  const q = r.quality;
  if (!q) return { text: 'quality not published', source: '' };
  const source = q.source ? `mean KL divergence vs FP16: ${q.source.url}` : '';
  return { text: q.kld !== null ? `${q.band} loss (KLD ${q.kld.toFixed(3)})` : q.band, source };
}

function modelfileNote(r: Recommendation): string {
  if (r.run.modelfile) return r.run.ollamaEnv.length ? `Ollama server environment: ${r.run.ollamaEnv.join(' ')}` : '';
  if (r.settings.nCpuMoe > 0) return 'Ollama cannot keep experts on the CPU: run it with llama-server';
  return 'no Ollama tag known for this model';
}

export function recommendRow(r: Recommendation, index: number, ctx: number): RecommendRow {
  const size = r.moe ? `${paramsInWords(r.nParams)} total, ${paramsInWords(r.activeParams)} active` : paramsInWords(r.nParams);
  const kv = r.settings.cacheTypeK !== 'f16' ? `, KV cache ${r.settings.cacheTypeK}` : '';
  const q = qualityText(r);
  const notes: string[] = [];
  if (r.instead) notes.push(`plain -ngl ${r.instead.ngl} without --n-cpu-moe: ~${formatTps(r.instead.decodeTps)} tok/s`);
  if (r.maxCtx > ctx) notes.push(`the same settings still fit a ${r.maxCtx}-token context`);
  return {
    rank: index + 1,
    name: oneLine(r.name),
    where: WHERE[r.origin],
    quant: r.quant,
    sizeText: `${size} · ${formatBytes(r.fileBytes)}`,
    plan: r.plan,
    fitText: FIT_TEXT[r.plan],
    planText: planInWords(r) + kv,
    decodeText: `${formatTps(r.decodeTps)} tok/s`,
    prefillText: `${formatTps(r.prefillTps)} tok/s`,
    memText:
      r.plan === 'cpu' && r.gpuBytes === 0
        ? `RAM ${formatBytes(r.hostBytes)}`
        : `GPU ${formatBytes(r.gpuBytes)} · RAM ${formatBytes(r.hostBytes)}`,
    qualityText: q.text,
    qualitySource: q.source,
    notes,
    llamaServer: oneLine(r.run.llamaServer),
    modelfile: r.run.modelfile,
    modelfileNote: modelfileNote(r),
  };
}

export function recommendView(r: RecommendResult): RecommendViewMessage {
  const slow = r.tooSlow.slice(0, 6).map((t) => `${oneLine(t.name)} ${t.quant} (${formatTps(t.decodeTps)} tok/s)`);
  return {
    type: 'recommend',
    hardwareLabel: r.hardware.label,
    use: r.use,
    uses: [...USE_CASES],
    heading: `${r.recommendations.length} of ${r.considered} models for ${r.use} at a ${r.ctx}-token context and at least ${r.minTps} tok/s decode`,
    rows: r.recommendations.map((x, i) => recommendRow(x, i, r.ctx)),
    tooSlowText: slow.length ? `Load but below ${r.minTps} tok/s: ${slow.join(', ')}${r.tooSlow.length > slow.length ? ', …' : ''}.` : '',
    footnote:
      'Local models first, then by total parameters (a rough quality proxy), each at the best quant that keeps every layer on the GPU. ' +
      'llama.cpp defaults: flash attention auto, ubatch 512, one slot; speeds at an empty context with a 512-token prompt. ' +
      "Quant loss: mean KL divergence vs FP16 from llama.cpp's Llama 3 8B scoreboard.",
  };
}

/** The text a copy button puts on the clipboard; undefined for a row or Modelfile that does not exist. */
export function copyText(view: RecommendViewMessage | undefined, row: number, what: CopyWhat): string | undefined {
  const r = Number.isInteger(row) ? view?.rows[row] : undefined;
  if (!r) return undefined;
  return what === 'llamaServer' ? r.llamaServer : (r.modelfile ?? undefined);
}
