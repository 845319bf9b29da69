// Ollama's GET /api/ps answer (api.ProcessResponse): {"models": [{name, model, size, size_vram, context_length,
// details {quantization_level, parameter_size, family}}]}. size is what the loaded model takes, size_vram the
// part of it in GPU memory: size_vram < size means part of the model runs from system RAM.
import type { LoadReport, MeasureDiagnostic } from './types';
import { MAX_MEASURE_RECORDS } from './types';
import { finiteNumber, parseParams } from './text';
import { normalizeQuant } from '../quantNames';

export function readOllamaPs(text: string, loads: LoadReport[], diagnostics: MeasureDiagnostic[]): boolean {
  const t = text.trim();
  if (!/^\{\s*"models"\s*:/.test(t)) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(t);
  } catch {
    diagnostics.push({ severity: 'warning', code: 'measure.truncated', message: 'Ollama /api/ps answer is not complete JSON', line: 1 });
    return true;
  }
  const models = (doc as { models?: unknown }).models;
  if (!Array.isArray(models)) {
    diagnostics.push({ severity: 'warning', code: 'measure.ollama-ps', message: 'Ollama /api/ps answer has no "models" list', line: 1 });
    return true;
  }
  for (const m of models.slice(0, MAX_MEASURE_RECORDS)) {
    if (!m || typeof m !== 'object') continue;
    const r = m as Record<string, unknown>;
    const size = finiteNumber(r.size);
    const sizeVram = finiteNumber(r.size_vram);
    if (size === undefined || sizeVram === undefined) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.ollama-ps',
        message: `Ollama model "${String(r.name ?? '?').slice(0, 80)}" has no size/size_vram; skipped`,
        line: 1,
      });
      continue;
    }
    const details = (r.details && typeof r.details === 'object' ? r.details : {}) as Record<string, unknown>;
    const q = typeof details.quantization_level === 'string' ? details.quantization_level : undefined;
    const ps =
      typeof details.parameter_size === 'string' ? parseParams(details.parameter_size.replace(/([\d.])([KMBT])$/i, '$1 $2')) : undefined;
    loads.push({
      tool: 'ollama',
      model: {
        name: typeof r.name === 'string' ? r.name : typeof r.model === 'string' ? r.model : undefined,
        quant: q ? (normalizeQuant(q) ?? q) : undefined,
        nParams: ps,
      },
      ctx: finiteNumber(r.context_length),
      buffers: [],
      breakdown: [],
      ollamaPs: { size, sizeVram, contextLength: finiteNumber(r.context_length) },
      line: 1,
    });
  }
  return true;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The /api/ps URL of a local Ollama server ("127.0.0.1:11434", "http://localhost:11434", OLLAMA_HOST forms), or
 * undefined when the host is not this machine: measurements are of this machine only, and nothing else is contacted.
 */
export function localOllamaPsUrl(host: string | undefined): string | undefined {
  const h = (host ?? '').trim() || '127.0.0.1:11434';
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(h) ? h : `http://${h}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!LOOPBACK.has(url.hostname.toLowerCase())) return undefined;
  if (!url.port && url.protocol === 'http:') url.port = '11434';
  return `${url.protocol}//${url.host}/api/ps`;
}
