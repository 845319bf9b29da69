// Small helpers shared by the run-output readers: bounded line splitting, llama.cpp's printed units,
// and the file-type names llama.cpp prints (llama_model_ftype_name) back to llama-quantize labels.
import { looksLikeFileType, normalizeQuant } from '../quantNames';
import { GiB, KiB, MiB } from '../units';
import { MAX_MEASURE_LINE, MAX_MEASURE_TEXT, type MeasureDiagnostic } from './types';

/** Lines of at most MAX_MEASURE_LINE characters from at most MAX_MEASURE_TEXT characters of input. */
export function boundedLines(text: string, diagnostics: MeasureDiagnostic[]): string[] {
  let t = typeof text === 'string' ? text : '';
  if (t.length > MAX_MEASURE_TEXT) {
    diagnostics.push({ severity: 'warning', code: 'measure.too-large', message: `input cut at ${MAX_MEASURE_TEXT / MiB} MiB`, line: 0 });
    t = t.slice(0, MAX_MEASURE_TEXT);
  }
  // Terminal captures carry colour codes and carriage returns (progress lines).
  return (
    t
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split(/\r?\n|\r/)
      .map((l) => (l.length > MAX_MEASURE_LINE ? l.slice(0, MAX_MEASURE_LINE) : l))
  );
}

/** "4.58 GiB", "225.49 MiB", "6.5 GiB", "512.0 MiB", "0 B" → bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit: Record<string, number> = { b: 1, kib: KiB, mib: MiB, gib: GiB, tib: GiB * 1024, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
  return Math.round(Number(m[1]) * unit[m[2].toLowerCase()]);
}

/** "8.03 B" → 8.03e9, "500.00 M" → 5e8 (llama-bench's params column, the log's "model params"). */
export function parseParams(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMBT])\s*$/i.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * { k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[m[2].toLowerCase() as 'k' | 'm' | 'b' | 't']);
}

const SIZE_SUFFIX: Record<string, string> = { small: 'S', medium: 'M', large: 'L', 'extra small': 'XS' };

/**
 * llama.cpp's file-type name → llama-quantize's label: "Q4_K - Medium" → "Q4_K_M", "Q2_K - Medium" → "Q2_K",
 * "IQ4_XS - 4.25 bpw" → "IQ4_XS", "MXFP4 MoE" → "MXFP4_MOE", "all F32" → "F32". Undefined when unknown.
 */
export function quantFromFtypeName(name: string): string | undefined {
  const t = name.replace(/\s*\(guessed\)\s*$/, '').trim();
  if (/^all F32$/i.test(t)) return 'F32';
  if (/^MXFP4 MoE$/i.test(t)) return 'MXFP4_MOE';
  const m = /^([A-Z0-9_]+)(?:\s*-\s*(.+))?$/i.exec(t);
  if (!m) return undefined;
  const base = m[1].toUpperCase();
  const suffix = m[2] ? SIZE_SUFFIX[m[2].trim().toLowerCase()] : undefined;
  // Q2_K's "Medium" is plain Q2_K in llama-quantize's names.
  const label = suffix && !(base === 'Q2_K' && suffix === 'M') ? `${base}_${suffix}` : base;
  return normalizeQuant(label) ?? (looksLikeFileType(label) ? label : undefined);
}

/** "llama 8B Q4_K - Medium" (llama_model_desc: arch, size, file type) → the file type's label. */
export function quantFromModelDesc(desc: string): string | undefined {
  const parts = desc.trim().split(/\s+/);
  for (let i = 2; i < parts.length; i++) {
    const q = quantFromFtypeName(parts.slice(i).join(' '));
    if (q) return q;
  }
  return undefined;
}

/** llama-bench's flash_attn: -1/0/1 (2025+), true/false (older JSON), "1"/"0" in tables. */
export function flashAttnValue(v: unknown): 'on' | 'off' | 'auto' | undefined {
  const s = String(v).trim().toLowerCase();
  if (s === '1' || s === 'true' || s === 'on' || s === 'enabled') return 'on';
  if (s === '0' || s === 'false' || s === 'off' || s === 'disabled') return 'off';
  if (s === '-1' || s === 'auto') return 'auto';
  return undefined;
}

export function finiteNumber(v: unknown): number | undefined {
  if (typeof v === 'boolean' || v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isFinite(n) ? n : undefined;
}
