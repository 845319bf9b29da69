// The GGUF tensor list llama.cpp's converter (convert_hf_to_gguf.py) writes for each catalog
// architecture: names as llama-arch.cpp spells them, dims in GGUF order (ne[0] = row length).

import type { CatalogEntry } from '../data/models';

/**
 * How the converter stores a tensor before any llama-quantize run:
 * 'f32' for 1-D tensors, norms, biases and the MoE router; 'float' for the chosen --outtype (F16/BF16);
 * 'mxfp4' for gpt-oss expert weights, which the checkpoint already holds in MXFP4.
 */
export type SourceKind = 'f32' | 'float' | 'mxfp4';

export interface TensorShape {
  name: string;
  /** GGUF order: dims[0] is the row length. */
  dims: number[];
  source: SourceKind;
  /** Block index, or -1 for tensors outside the blocks. */
  block: number;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Every tensor of the model's GGUF, in llama.cpp's loader order (globals first, then block by block). */
export function catalogTensorShapes(e: CatalogEntry): TensorShape[] {
  const out: TensorShape[] = [];
  const add = (name: string, dims: number[], block = -1, source?: SourceKind) => {
    const kind = source ?? (dims.length === 1 || name.endsWith('_norm.weight') || !name.endsWith('.weight') ? 'f32' : 'float');
    out.push({ name, dims, source: kind, block });
  };

  add('token_embd.weight', [e.nEmbd, e.nVocab]);
  if (e.ropeFreqs) add('rope_freqs.weight', [e.headDim / 2]);
  for (let i = 0; i < catalogBlockCount(e); i++) addBlock(e, i, (n, d, s) => add(`blk.${i}.${n}`, d, i, s));
  // LFM2's final norm is stored as token_embd_norm
  add(e.arch === 'lfm2' ? 'token_embd_norm.weight' : 'output_norm.weight', [e.nEmbd]);
  if (!e.tiedEmbeddings) add('output.weight', [e.nEmbd, e.nVocab]);
  return out;
}

/** Blocks the GGUF holds: the model's own plus the NextN / MTP blocks the converter appends. */
export function catalogBlockCount(e: CatalogEntry): number {
  return e.nLayer + (e.nextn ?? 0);
}

/** True for a Qwen3.5 / 3.6 Gated DeltaNet block (the MTP blocks are full attention). */
export function isLinearAttentionBlock(e: CatalogEntry, il: number): boolean {
  return !!e.linear && il < e.nLayer && (il + 1) % e.linear.interval !== 0;
}

/** True for a Granite 4.0-H Mamba-2 block. */
export function isMambaBlock(e: CatalogEntry, il: number): boolean {
  if (!e.mamba || il >= e.nLayer) return false;
  return e.mamba.pattern ? e.mamba.pattern[il] === 'M' : !e.mamba.attentionBlocks.includes(il);
}

/** True for a Nemotron-H block that is only an FFN (MoE or MLP): no attention, no state. */
export function isFfnOnlyBlock(e: CatalogEntry, il: number): boolean {
  const c = e.mamba?.pattern?.[il];
  return c === 'E' || c === '-';
}

/** True for an LFM2 short-convolution block. */
export function isShortConvBlock(e: CatalogEntry, il: number): boolean {
  return !!e.shortconv && il < e.nLayer && !e.shortconv.attentionBlocks.includes(il);
}

/** True when block il keeps recurrent state instead of a KV cache. */
export function isRecurrentBlock(e: CatalogEntry, il: number): boolean {
  return isLinearAttentionBlock(e, il) || isMambaBlock(e, il) || isShortConvBlock(e, il);
}

/** True when block il has routed experts. */
export function isMoeBlock(e: CatalogEntry, il: number): boolean {
  if (!e.moe || il < e.moe.leadingDense) return false;
  if (e.mamba?.pattern) return e.mamba.pattern[il] === 'E';
  return (il + 1) % (e.moe.every ?? 1) === 0;
}

type Add = (name: string, dims: number[], source?: SourceKind) => void;

function addBlock(e: CatalogEntry, il: number, add: Add): void {
  const E = e.nEmbd;
  add('attn_norm.weight', [E]);
  if (e.arch === 'nemotron_h_moe') return addNemotronBlock(e, il, add);
  if (e.arch === 'deepseek2') addMla(e, add);
  else if (isLinearAttentionBlock(e, il)) addLinearAttention(e, add);
  else if (isMambaBlock(e, il)) addMamba2(e, add);
  else if (isShortConvBlock(e, il)) addShortConv(e, add);
  else addAttention(e, add);
  if (il >= e.nLayer) addNextn(E, add);

  switch (e.arch) {
    case 'gemma2':
    case 'gemma3':
      add('post_attention_norm.weight', [E]);
      add('ffn_norm.weight', [E]);
      addDenseFfn(E, e.nFf, add);
      add('post_ffw_norm.weight', [E]);
      return;
    case 'phi3':
      add('ffn_norm.weight', [E]);
      // gate and up stored as one [E, 2·F] matrix
      add('ffn_up.weight', [E, 2 * e.nFf]);
      add('ffn_down.weight', [e.nFf, E]);
      return;
    case 'gpt-oss':
      // gpt-oss calls its pre-FFN norm post_attention_norm
      add('post_attention_norm.weight', [E]);
      addExperts(e, add, true);
      return;
    case 'qwen35':
    case 'qwen35moe':
    case 'qwen3next':
      // Qwen3.5 names its pre-FFN norm post_attention_norm
      add('post_attention_norm.weight', [E]);
      if (isMoeBlock(e, il)) addExperts(e, add, false);
      else addDenseFfn(E, e.nFf, add);
      return;
    default:
      add('ffn_norm.weight', [E]);
      if (isMoeBlock(e, il)) addExperts(e, add, false);
      else addDenseFfn(E, e.nFf, add);
  }
}

/** Gated DeltaNet block (llama.cpp qwen35 / qwen3next tensors): fused qkv, output gate, conv, decay, beta. */
function addLinearAttention(e: CatalogEntry, add: Add): void {
  const E = e.nEmbd;
  const l = e.linear!;
  const keyDim = l.keyHeads * l.keyDim;
  const valueDim = l.valueHeads * l.valueDim;
  if (e.arch === 'qwen3next') {
    // Qwen3-Next fuses q, k, v and the output gate z, and beta with alpha.
    add('ssm_in.weight', [E, 2 * keyDim + 2 * valueDim]);
  } else {
    add('attn_qkv.weight', [E, 2 * keyDim + valueDim]);
    add('attn_gate.weight', [E, valueDim]);
  }
  add('ssm_conv1d.weight', [l.convKernel, 2 * keyDim + valueDim], 'f32');
  add('ssm_dt.bias', [l.valueHeads]);
  add('ssm_a', [l.valueHeads]);
  if (e.arch === 'qwen3next') {
    add('ssm_ba.weight', [E, 2 * l.valueHeads]);
  } else {
    add('ssm_beta.weight', [E, l.valueHeads]);
    add('ssm_alpha.weight', [E, l.valueHeads]);
  }
  add('ssm_norm.weight', [l.valueDim]);
  add('ssm_out.weight', [valueDim, E]);
}

/** Mamba-2 mixer as llama.cpp's granitehybrid loader creates it: fused zxBCdt input, conv over x/B/C, per-head dt/A/D. */
function addMamba2(e: CatalogEntry, add: Add): void {
  const E = e.nEmbd;
  const m = e.mamba!;
  const inner = m.heads * m.headDim;
  const conv = inner + 2 * m.groups * m.stateSize;
  add('ssm_in.weight', [E, 2 * inner + 2 * m.groups * m.stateSize + m.heads]);
  add('ssm_conv1d.weight', [m.convKernel, conv], 'f32');
  add('ssm_conv1d.bias', [conv]);
  add('ssm_dt.bias', [m.heads]);
  // no ".weight" suffix: llama-quantize leaves them F32
  add('ssm_a', [1, m.heads]);
  add('ssm_d', [1, m.heads]);
  add('ssm_norm.weight', [inner / m.groups, m.groups]);
  add('ssm_out.weight', [inner, E]);
}

/** LFM2 short convolution: fused B/C/x input projection, a depthwise kernel, the output projection. */
function addShortConv(e: CatalogEntry, add: Add): void {
  const E = e.nEmbd;
  add('shortconv.conv.weight', [e.shortconv!.lCache, E], 'f32');
  add('shortconv.in_proj.weight', [E, 3 * E]);
  add('shortconv.out_proj.weight', [E, E]);
}

/** Nemotron-H: each block is one of Mamba-2, attention, MoE or MLP behind its one norm (llama.cpp nemotron_h loader). */
function addNemotronBlock(e: CatalogEntry, il: number, add: Add): void {
  const E = e.nEmbd;
  if (isMambaBlock(e, il)) return addMamba2(e, add);
  if (!isFfnOnlyBlock(e, il)) return addAttention(e, add);
  if (!isMoeBlock(e, il)) {
    // squared-ReLU MLP: no gate
    add('ffn_up.weight', [E, e.nFf]);
    add('ffn_down.weight', [e.nFf, E]);
    return;
  }
  const m = e.moe!;
  const shared = m.sharedFf ?? m.expertFf * m.shared;
  add('ffn_gate_inp.weight', [E, m.experts], 'f32');
  add('exp_probs_b.bias', [m.experts]);
  add('ffn_down_exps.weight', [m.expertFf, E, m.experts]);
  add('ffn_up_exps.weight', [E, m.expertFf, m.experts]);
  add('ffn_down_shexp.weight', [shared, E]);
  add('ffn_up_shexp.weight', [E, shared]);
}

/** The NextN / MTP block's own tensors (on top of a regular block). */
function addNextn(E: number, add: Add): void {
  add('nextn.eh_proj.weight', [2 * E, E]);
  add('nextn.enorm.weight', [E]);
  add('nextn.hnorm.weight', [E]);
  add('nextn.shared_head_norm.weight', [E]);
}

function addDenseFfn(E: number, F: number, add: Add): void {
  add('ffn_gate.weight', [E, F]);
  add('ffn_up.weight', [E, F]);
  add('ffn_down.weight', [F, E]);
}

function addAttention(e: CatalogEntry, add: Add): void {
  const E = e.nEmbd;
  const q = e.nHead * e.headDim;
  const kv = e.nHeadKv * e.headDim;
  if (e.arch === 'phi3') {
    add('attn_qkv.weight', [E, q + 2 * kv]);
    add('attn_output.weight', [q, E]);
    return;
  }
  const bias = e.qkvBias || e.arch === 'gpt-oss';
  // Qwen3.5's gated attention projects the output gate together with q.
  add('attn_q.weight', [E, e.linear ? 2 * q : q]);
  if (bias) add('attn_q.bias', [q]);
  add('attn_k.weight', [E, kv]);
  if (bias) add('attn_k.bias', [kv]);
  add('attn_v.weight', [E, kv]);
  if (bias) add('attn_v.bias', [kv]);
  add('attn_output.weight', [q, E]);
  if (e.arch === 'gpt-oss') {
    add('attn_output.bias', [E]);
    add('attn_sinks.weight', [e.nHead]);
  }
  if (e.arch === 'qwen3' || e.arch === 'qwen3moe' || e.arch === 'gemma3' || e.arch === 'lfm2' || e.linear || e.qkNorm) {
    add('attn_q_norm.weight', [e.headDim]);
    add('attn_k_norm.weight', [e.headDim]);
  }
}

/** DeepSeek MLA, as current converters write it: kv_b split into k_b (transposed) and v_b, both 3-D per head. */
function addMla(e: CatalogEntry, add: Add): void {
  const m = e.mla!;
  const E = e.nEmbd;
  if (m.qLoraRank > 0) {
    add('attn_q_a.weight', [E, m.qLoraRank]);
    add('attn_q_a_norm.weight', [m.qLoraRank]);
    add('attn_q_b.weight', [m.qLoraRank, e.nHead * (m.qkNopeDim + m.qkRopeDim)]);
  } else {
    // q_lora_rank null (DeepSeek-V2-Lite): a plain q projection
    add('attn_q.weight', [E, e.nHead * (m.qkNopeDim + m.qkRopeDim)]);
  }
  add('attn_kv_a_mqa.weight', [E, m.kvLoraRank + m.qkRopeDim]);
  add('attn_kv_a_norm.weight', [m.kvLoraRank]);
  add('attn_k_b.weight', [m.qkNopeDim, m.kvLoraRank, e.nHead]);
  add('attn_v_b.weight', [m.kvLoraRank, m.vHeadDim, e.nHead]);
  add('attn_output.weight', [e.nHead * m.vHeadDim, E]);
}

function addExperts(e: CatalogEntry, add: Add, gptOss: boolean): void {
  const m = e.moe!;
  const E = e.nEmbd;
  const F = m.expertFf;
  const n = m.experts;
  add('ffn_gate_inp.weight', [E, n], 'f32');
  if (gptOss) add('ffn_gate_inp.bias', [n]);
  if (e.arch === 'deepseek2' || e.arch === 'glm4moe' || e.arch === 'minimax-m2') add('exp_probs_b.bias', [n]);
  const w = gptOss ? 'mxfp4' : undefined;
  add('ffn_gate_exps.weight', [E, F, n], w);
  add('ffn_up_exps.weight', [E, F, n], w);
  add('ffn_down_exps.weight', [F, E, n], w);
  if (gptOss) {
    add('ffn_gate_exps.bias', [F, n]);
    add('ffn_up_exps.bias', [F, n]);
    add('ffn_down_exps.bias', [E, n]);
  }
  if (m.shared > 0) {
    // Qwen3.5 MoE gates its shared expert with a sigmoid of one learned row.
    if (e.linear) add('ffn_gate_inp_shexp.weight', [E]);
    const shared = m.sharedFf ?? F * m.shared;
    add('ffn_gate_shexp.weight', [E, shared]);
    add('ffn_up_shexp.weight', [E, shared]);
    add('ffn_down_shexp.weight', [shared, E]);
  }
}
