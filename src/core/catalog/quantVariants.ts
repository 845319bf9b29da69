// Quant labels beyond llama-quantize's own, as publishers name their files: bartowski's _L / _XL
// (the base mix with token_embd and output at Q8_0), Unsloth's dynamic UD-* mixes, Gemma's QAT Q4_0.

import { normalizeQuant } from './quantNames';

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
