// Which ggml type each tensor gets for a given file type: llama-quantize's rules
// (llama.cpp src/llama-quant.cpp, llama_tensor_get_type and its helpers), re-expressed here.
// F16 / BF16 / MXFP4 are what convert_hf_to_gguf.py writes, not llama-quantize outputs.

import type { TensorShape } from './shapes';
import { ggmlTypeByName } from '../gguf/ggmlTypes';

/** Facts about the model that llama-quantize's choices depend on. */
export interface QuantModelInfo {
  arch: string;
  nLayer: number;
  /** Routed experts (0 for dense). */
  nExpert: number;
  /** n_head / n_head_kv of block 0. */
  nGqa: number;
  /** llama.cpp classifies the model as LLM_TYPE_70B (llama / qwen2 with 80 blocks). */
  is70B: boolean;
}

/** The file types the catalog can size, with the base tensor type llama-quantize starts from. */
const DEFAULT_TYPE: Record<string, string> = {
  Q2_K: 'Q2_K',
  Q2_K_S: 'Q2_K',
  Q3_K_S: 'Q3_K',
  Q3_K_M: 'Q3_K',
  Q3_K_L: 'Q3_K',
  Q4_0: 'Q4_0',
  Q4_1: 'Q4_1',
  Q5_0: 'Q5_0',
  Q5_1: 'Q5_1',
  Q8_0: 'Q8_0',
  Q4_K_S: 'Q4_K',
  Q4_K_M: 'Q4_K',
  Q5_K_S: 'Q5_K',
  Q5_K_M: 'Q5_K',
  Q6_K: 'Q6_K',
  IQ1_S: 'IQ1_S',
  IQ1_M: 'IQ1_M',
  IQ2_XXS: 'IQ2_XXS',
  IQ2_XS: 'IQ2_XS',
  IQ2_S: 'IQ2_XS',
  IQ2_M: 'IQ2_S',
  IQ3_XXS: 'IQ3_XXS',
  IQ3_XS: 'IQ3_S',
  IQ3_S: 'IQ3_S',
  IQ3_M: 'IQ3_S',
  IQ4_NL: 'IQ4_NL',
  IQ4_XS: 'IQ4_XS',
  MXFP4_MOE: 'MXFP4',
};

/** Converter outputs: every 2-D+ float weight in this type (gpt-oss experts stay MXFP4). */
const CONVERTER_TYPE: Record<string, string> = { F16: 'F16', BF16: 'BF16', MXFP4: 'BF16' };

export const FILE_TYPE_LABELS: readonly string[] = [...Object.keys(DEFAULT_TYPE), ...Object.keys(CONVERTER_TYPE)];

export function isKnownFileType(label: string): boolean {
  return label in DEFAULT_TYPE || label in CONVERTER_TYPE;
}

type Category = 'token_embd' | 'output' | 'attn_v' | 'attn_k' | 'attn_q' | 'attn_output' | 'ffn_up' | 'ffn_gate' | 'ffn_down' | 'other';

// Substring tests, in llama.cpp's order (attn_qkv and attn_kv_b count as attn_v).
function category(name: string): Category {
  if (name === 'output.weight') return 'output';
  if (name === 'token_embd.weight') return 'token_embd';
  if (name.includes('attn_qkv.weight') || name.includes('attn_kv_b.weight') || name.includes('attn_v.weight')) return 'attn_v';
  if (name.includes('attn_k.weight')) return 'attn_k';
  if (name.includes('attn_q.weight')) return 'attn_q';
  if (name.includes('attn_output.weight')) return 'attn_output';
  if (name.includes('ffn_up')) return 'ffn_up';
  if (name.includes('ffn_gate')) return 'ffn_gate';
  if (name.includes('ffn_down')) return 'ffn_down';
  return 'other';
}

/** llama-quantize only touches 2-D/3-D "*.weight" tensors that are not norms or the MoE router. */
function quantizable(t: TensorShape): boolean {
  return (
    t.dims.length >= 2 &&
    t.name.endsWith('weight') &&
    !t.name.includes('_norm.weight') &&
    !t.name.includes('ffn_gate_inp.weight') &&
    // llama-quantize leaves the small conv kernels of recurrent blocks unquantized
    !t.name.includes('ssm_conv1d.weight') &&
    !t.name.includes('shortconv.conv.weight')
  );
}

const IQ2_GROUP = new Set(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);

/** Layers that get extra bits in the _M mixes: the first and last eighth, and every third in between. */
function useMoreBits(i: number, n: number): boolean {
  return i < Math.trunc(n / 8) || i >= Math.trunc((7 * n) / 8) || (i - Math.trunc(n / 8)) % 3 === 2;
}

interface Counters {
  nAttnV: number;
  iAttnV: number;
  iFfnDown: number;
  iFfnGate: number;
  iFfnUp: number;
}

/**
 * The ggml type name of every tensor for file type `ftype`, in the order given.
 * Tensors must come block by block (llama.cpp counts attn_v / ffn_down in that order).
 */
export function assignTensorTypes(tensors: readonly TensorShape[], ftype: string, m: QuantModelInfo): string[] {
  const conv = CONVERTER_TYPE[ftype];
  if (conv) return tensors.map((t) => (t.source === 'f32' ? 'F32' : t.source === 'mxfp4' ? 'MXFP4' : conv));
  const base = DEFAULT_TYPE[ftype];
  if (!base) throw new Error(`no quant mix for file type ${ftype}`);

  // Imatrix: IQ mixes need one (and public IQ files have one); classic mixes are assumed made without.
  const hasImatrix = ftype.startsWith('IQ') || ftype === 'Q2_K_S';
  const tied = !tensors.some((t) => t.name === 'output.weight');
  const c: Counters = {
    nAttnV: tensors.filter((t) => category(t.name) === 'attn_v').length,
    iAttnV: 0,
    iFfnDown: 0,
    iFfnGate: 0,
    iFfnUp: 0,
  };

  return tensors.map((t) => {
    // Converter output is F32 for these; llama-quantize copies them unchanged.
    if (!quantizable(t)) return t.source === 'f32' ? 'F32' : t.source === 'mxfp4' ? 'MXFP4' : 'BF16';
    // Experts published in MXFP4 (gpt-oss) stay MXFP4 in every quant: unsloth's gpt-oss-20b Q8_0 is
    // 12.1 GB, not the 22 GB an 8-bit requantization would give.
    if (t.source === 'mxfp4') return 'MXFP4';
    const picked = pickType(t, category(t.name), ftype, base, m, c, tied, hasImatrix);
    return fallback(t.dims[0], picked);
  });
}

function pickType(
  t: TensorShape,
  cat: Category,
  ftype: string,
  base: string,
  m: QuantModelInfo,
  c: Counters,
  tied: boolean,
  hasImatrix: boolean,
): string {
  const layerOf = (counter: number) => (m.nExpert > 1 ? t.block : counter);
  const n = m.nLayer;
  let type = base;

  if (cat === 'output' || (tied && cat === 'token_embd')) {
    if (ftype === 'MXFP4_MOE') return 'Q8_0';
    if (t.dims[0] % blockSize(type) !== 0) return 'Q8_0';
    // IQ1/IQ2 mixes (and IQ3_XXS) keep the output at Q5_K
    if (IQ2_GROUP.has(ftype) || ftype === 'IQ3_XXS') return 'Q5_K';
    return type !== 'Q8_0' ? 'Q6_K' : type;
  }
  if (ftype === 'MXFP4_MOE') return t.dims.length >= 3 && t.dims[2] > 1 ? 'MXFP4' : 'Q8_0';
  if (cat === 'token_embd') {
    if (['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ1_M'].includes(ftype)) return 'Q2_K';
    if (['IQ2_S', 'IQ2_M', 'IQ3_XXS'].includes(ftype)) return 'IQ3_S';
    return type;
  }

  if (IQ2_GROUP.has(ftype)) {
    const iq2sm = ftype === 'IQ2_S' || ftype === 'IQ2_M';
    if (cat === 'attn_v') {
      type = m.nGqa >= 4 || m.nExpert >= 4 ? 'Q4_K' : iq2sm ? 'IQ3_S' : 'Q2_K';
      c.iAttnV++;
    } else if (m.nExpert === 8 && cat === 'attn_k') {
      type = 'Q4_K';
    } else if (cat === 'ffn_down') {
      if (c.iFfnDown < Math.trunc(n / 8)) type = iq2sm ? 'IQ3_S' : 'Q2_K';
      c.iFfnDown++;
    } else if (cat === 'attn_output') {
      if (m.nExpert === 8) type = 'Q5_K';
      else if (ftype === 'IQ1_S' || ftype === 'IQ1_M') type = 'IQ2_XXS';
      else if (iq2sm) type = 'IQ3_S';
    }
    return type;
  }

  switch (cat) {
    case 'attn_v':
      return attnVType(ftype, base, m, c, hasImatrix);
    case 'attn_k':
      if (m.nExpert === 8) return 'Q8_0';
      if (ftype === 'IQ3_XS') return 'IQ3_XXS';
      if (ftype === 'IQ3_XXS') return 'IQ2_S';
      return type;
    case 'attn_q':
      if (ftype === 'IQ3_XS') return 'IQ3_XXS';
      if (ftype === 'IQ3_XXS') return 'IQ2_S';
      return type;
    case 'ffn_down':
      return ffnDownType(ftype, base, m, layerOf(c.iFfnDown++), hasImatrix);
    case 'attn_output':
      if (m.nExpert === 8) {
        return ['Q2_K', 'IQ3_XS', 'IQ3_XXS', 'Q3_K_S', 'Q3_K_M', 'IQ4_NL', 'Q4_K_S', 'Q4_K_M', 'IQ3_S', 'IQ3_M', 'IQ4_XS'].includes(ftype)
          ? 'Q5_K'
          : type;
      }
      if (ftype === 'Q2_K') return 'Q3_K';
      if (ftype === 'IQ3_XXS') return 'IQ3_S';
      if (ftype === 'Q3_K_M' || ftype === 'IQ3_M') return 'Q4_K';
      if (ftype === 'Q3_K_L') return 'Q5_K';
      return type;
    case 'ffn_gate':
    case 'ffn_up': {
      const i = layerOf(cat === 'ffn_gate' ? c.iFfnGate++ : c.iFfnUp++);
      if (ftype === 'IQ3_XS' && i >= Math.trunc(n / 8) && i < Math.trunc((7 * n) / 8)) return 'IQ3_XXS';
      return type;
    }
    default:
      return type;
  }
}

/** attn_v: more bits where grouped-query attention makes it small (llama-quantize's attn_v rules). */
function attnVType(ftype: string, base: string, m: QuantModelInfo, c: Counters, hasImatrix: boolean): string {
  const i = c.iAttnV;
  let type = base;
  if (ftype === 'Q2_K') type = m.nGqa >= 4 ? 'Q4_K' : 'Q3_K';
  else if (ftype === 'Q2_K_S' && m.nGqa >= 4) type = 'Q4_K';
  else if (ftype === 'IQ3_XXS') type = m.nGqa >= 4 ? 'Q4_K' : !hasImatrix ? 'IQ3_S' : 'IQ3_XXS';
  else if ((ftype === 'IQ3_XS' || ftype === 'IQ3_S') && m.nGqa >= 4) type = 'Q4_K';
  else if (ftype === 'IQ3_M') type = 'Q4_K';
  else if (ftype === 'Q3_K_M') type = i < 2 ? 'Q5_K' : 'Q4_K';
  else if (ftype === 'Q3_K_L') type = 'Q5_K';
  else if ((ftype === 'IQ4_NL' || ftype === 'IQ4_XS') && m.nGqa >= 4) type = 'Q5_K';
  else if ((ftype === 'Q4_K_M' || ftype === 'Q5_K_M') && useMoreBits(i, c.nAttnV)) type = 'Q6_K';
  else if (ftype === 'Q4_K_S' && i < 4) type = 'Q5_K';
  // 70B: attn_v is 8× smaller than attn_q, so it gets more bits almost for free
  if (m.is70B && (type === 'Q3_K' || type === 'Q4_K')) type = 'Q5_K';
  if (m.nExpert === 8) type = 'Q8_0';
  c.iAttnV++;
  return type;
}

/** ffn_down of layer `i`: the first eighth (or every few layers) get more bits (llama-quantize's ffn_down rules). */
function ffnDownType(ftype: string, base: string, m: QuantModelInfo, i: number, hasImatrix: boolean): string {
  const n = m.nLayer;
  if (ftype === 'Q2_K') return 'Q3_K';
  if (ftype === 'Q2_K_S') return i < Math.trunc(n / 8) ? 'Q4_K' : base;
  if (ftype === 'IQ3_XXS' && !hasImatrix) return i < Math.trunc(n / 8) ? 'Q4_K' : 'Q3_K';
  if (ftype === 'Q3_K_M') return i < Math.trunc(n / 16) ? 'Q5_K' : 'Q4_K';
  if (ftype === 'IQ3_M' && (i < Math.trunc(n / 8) || (m.nExpert === 8 && useMoreBits(i, n)))) return 'Q4_K';
  if (ftype === 'Q3_K_L') return 'Q5_K';
  if (ftype === 'Q4_K_M') return useMoreBits(i, n) ? 'Q6_K' : base;
  if (i < Math.trunc(n / 8) && (ftype === 'IQ4_NL' || ftype === 'IQ4_XS') && !hasImatrix) return 'Q5_K';
  if (ftype === 'Q5_K_M' && useMoreBits(i, n)) return 'Q6_K';
  if (ftype === 'Q4_K_S' && i < Math.trunc(n / 8)) return 'Q5_K';
  if ((ftype === 'Q4_0' || ftype === 'Q5_0') && hasImatrix && i < Math.trunc(n / 8)) return ftype === 'Q4_0' ? 'Q4_1' : 'Q5_1';
  return base;
}

function blockSize(type: string): number {
  return ggmlTypeByName(type)?.blockSize ?? 1;
}

// A row that is not a whole number of blocks falls back to a type with smaller blocks (then F16).
const FALLBACK: Record<string, string> = {
  IQ1_S: 'IQ4_NL',
  IQ1_M: 'IQ4_NL',
  IQ2_XXS: 'IQ4_NL',
  IQ2_XS: 'IQ4_NL',
  IQ2_S: 'IQ4_NL',
  IQ3_XXS: 'IQ4_NL',
  IQ3_S: 'IQ4_NL',
  IQ4_XS: 'IQ4_NL',
  Q2_K: 'Q4_0',
  Q3_K: 'Q4_0',
  TQ1_0: 'Q4_0',
  TQ2_0: 'Q4_0',
  Q4_K: 'Q5_0',
  Q5_K: 'Q5_1',
  Q6_K: 'Q8_0',
};

function fallback(rowLength: number, type: string): string {
  if (rowLength % blockSize(type) === 0) return type;
  const next = FALLBACK[type] ?? 'F16';
  return rowLength % blockSize(next) === 0 ? next : 'F16';
}
