// Everything about quant names, in one place: llama-quantize's labels (canonical spelling, bits), the variants
// publishers add (bartowski's _L / _XL, Unsloth's UD-*, Gemma's QAT), and where a quant hides in a file name, a
// Hugging Face repo name or an Ollama tag, and how Ollama spells it.

import { isKnownFileType } from './catalog/quantMix';

// Spellings that differ from llama-quantize's own: Ollama's "fp16", and llama-quantize's K aliases.
const ALIASES: Record<string, string> = { FP16: 'F16', FP32: 'F32', Q4_K: 'Q4_K_M', Q5_K: 'Q5_K_M', Q3_K: 'Q3_K_M' };

/** "q4_K_M" → "Q4_K_M", "fp16" → "F16"; undefined when it is not a file type the catalog can size. */
export function normalizeQuant(label: string): string | undefined {
  const up = label.trim().toUpperCase().replace(/-/g, '_');
  const q = ALIASES[up] ?? up;
  return isKnownFileType(q) ? q : undefined;
}

/** True when the text looks like a quant label at all (known or not), e.g. "UD-Q4_K_XL". */
export function looksLikeQuant(label: string): boolean {
  return /^(?:ud[-_])?(?:i?q\d|f16|fp16|bf16|f32|fp32|mxfp4)/i.test(label.trim());
}

/** True when an upper-case label names a GGUF file type, llama.cpp's ternary and NVFP4 types included. */
export function looksLikeFileType(label: string): boolean {
  return /^(?:I?Q\d|F16|BF16|F32|TQ\d|MXFP4|NVFP4)/.test(label);
}

/** "Qwen3-30B-A3B-UD-Q4_K_XL.gguf" → "UD-Q4_K_XL"; undefined when the name shows no quant. */
export function quantInFileName(file: string): string | undefined {
  let base = file.replace(/^.*[/\\]/, '').replace(/(-\d{5}-of-\d{5})?\.gguf$/i, '');
  // The regex is tried at every separator and each try runs to the end: look at the tail only (quants are short).
  if (base.length > 64) base = `~${base.slice(-63)}`;
  const m = /(?:^|[-_.])((?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|BF16|F16|F32|MXFP4(?:_MOE)?))$/i.exec(base);
  return m ? m[1] : undefined;
}

/** ggml-org names single-quant repos "<model>-Q8_0-GGUF": the quant and the repo name without it. */
export function quantInRepoName(repo: string): { quant: string; repo: string } | undefined {
  const m = /^(.*?)-((?:UD-)?(?:I?Q\d[A-Z0-9_]*|BF16|F16|MXFP4))-GGUF$/i.exec(repo);
  return m ? { quant: m[2], repo: `${m[1]}-GGUF` } : undefined;
}

const OLLAMA_QUANT_SUFFIX = /-(q\d[a-z0-9_]*|iq\d[a-z0-9_]*|fp16|bf16|f16|mxfp4)$/i;

/** An Ollama tag's quant suffix: "8b-instruct-q8_0" → { stem: "8b-instruct", quant: "q8_0" }. */
export function splitOllamaTag(tag: string): { stem: string; quant?: string } {
  const m = OLLAMA_QUANT_SUFFIX.exec(tag);
  return m ? { stem: tag.slice(0, m.index), quant: m[1] } : { stem: tag };
}

/** Ollama's tag spelling of a llama-quantize label: Q4_K_M → q4_K_M, F16 → fp16. */
export function ollamaQuantName(quant: string): string {
  const q = quant.toUpperCase();
  if (q === 'F16') return 'fp16';
  if (q === 'BF16' || q.startsWith('MXFP4')) return q.toLowerCase().replace('_moe', '');
  return q.charAt(0).toLowerCase() + q.slice(1);
}

export interface QuantVariant {
  /** The label as the reference wrote it, upper-cased ("UD-Q4_K_XL"). */
  label: string;
  /** llama-quantize file type whose mix sizes it. */
  base: string;
  /** token_embd and output at Q8_0 (the _L / _XL recipes). */
  embedOutputQ8: boolean;
  /** Google's own QAT files keep the (tied) embedding in F16. */
  embedF16?: boolean;
  /** True when the publisher's per-tensor mix is not public (UD-*): the size is the nearest computable mix. */
  approximate: boolean;
}

// _L / _XL suffixes sit on the medium mix where llama-quantize has S/M/L variants.
const SUFFIX_BASE: Record<string, string> = {
  Q2_K: 'Q2_K',
  Q3_K: 'Q3_K_L',
  Q4_K: 'Q4_K_M',
  Q5_K: 'Q5_K_M',
  Q6_K: 'Q6_K',
  Q8_K: 'Q8_0',
  Q8: 'Q8_0',
};

/** The variant a label names, or undefined when it is neither a file type nor a known variant. */
export function quantVariant(raw: string): QuantVariant | undefined {
  const label = raw.trim().toUpperCase().replace(/-/g, '_').replace(/^UD_/, 'UD-');
  const ud = label.startsWith('UD-');
  const rest = ud ? label.slice(3) : label;
  if (rest === 'QAT_F16_EMBD') {
    // google/gemma-3-*-it-qat-q4_0-gguf: Q4_0 with an F16 embedding (gemma-3-12b 8.07 GB)
    return { label: 'QAT Q4_0', base: 'Q4_0', embedOutputQ8: false, embedF16: true, approximate: false };
  }
  if (rest === 'QAT' || rest === 'Q4_0_QAT' || rest === 'QAT_Q4_0') {
    // Google's QAT GGUFs: Q4_0 with the (tied) embedding at Q8_0, e.g. ggml-org/gemma-3-4b-it-qat-GGUF 2.35 GiB
    return { label: 'QAT Q4_0', base: 'Q4_0', embedOutputQ8: true, approximate: false };
  }
  const plain = normalizeQuant(rest);
  if (plain) return { label, base: plain, embedOutputQ8: false, approximate: ud };
  const m = /^(I?Q\d(?:_K)?)(?:_(XXS|XS|S|M|L|XL))?$/.exec(rest);
  if (!m) return undefined;
  const [, stem, size] = m;
  if (size === 'L' || size === 'XL') {
    const base = SUFFIX_BASE[stem];
    if (base) return { label, base, embedOutputQ8: true, approximate: ud };
  }
  return undefined;
}

/** Nominal bits per weight of a quant label, from its digit (IQ4_XS → 4.25, Q6_K_L → 6.56…). */
export function nominalBits(label: string): number | undefined {
  const m = /I?Q(\d)/i.exec(label);
  if (!m) return /BF16|F16|FP16/i.test(label) ? 16 : /F32/i.test(label) ? 32 : /MXFP4/i.test(label) ? 4.25 : undefined;
  // block scales add about half a bit per weight (Q4_K 4.5, Q6_K 6.56, Q8_0 8.5)
  return Number(m[1]) + 0.5;
}
