// GGUF header → ModelSpec: architecture from metadata, weights grouped the way llama.cpp places them.
import * as nodePath from 'node:path';
import { ModelFitError } from '../errors';
import type { BlockWeights, ModelSpec, WeightGroup } from '../types';
import { FILE_TYPES } from './ggmlTypes';
import { isGgufArray } from './header';
import type { GgufHeader, GgufTensorInfo, GgufValue } from './header';
import { recurrentStateLayout } from './recurrent';
import { applyKvLessBlocks, slidingWindowLayout } from './swa';

type Meta = Map<string, GgufValue>;

function num(meta: Meta, key: string): number | undefined {
  const v = meta.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(meta: Meta, key: string): string | undefined {
  const v = meta.get(key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A key that may be a scalar or a per-layer array, as llama.cpp's get_key_or_arr reads it. */
function perLayer(meta: Meta, key: string, nLayer: number): number[] | undefined {
  const v = meta.get(key);
  if (typeof v === 'number') return new Array<number>(nLayer).fill(v);
  if (isGgufArray(v) && v.values && v.values.length >= nLayer) {
    return (v.values as Array<number | boolean>).slice(0, nLayer).map(Number);
  }
  return undefined;
}

const group = (): WeightGroup => ({ bytes: 0, params: 0 });
const add = (g: WeightGroup, t: { bytes: number; elements: number }): void => {
  g.bytes += t.bytes;
  g.params += t.elements;
};

/** Routed-expert tensors: ffn_{gate,up,down,gate_up}_exps and their .bias / .scale companions. */
const EXPERT_RE = /^ffn_[a-z_]*_exps(\.|$)/;
const BLOCK_RE = /^blk\.(\d+)\.(.+)$/;
/** A dense FFN weight (not shared experts, not routed experts). */
const DENSE_FFN_RE = /^ffn_(up|gate|down)\.weight$/;

export interface GgufModelInfo {
  /** Absolute path of the (first) file. */
  ref: string;
  /** Size on disk, summed over split shards. */
  fileBytes: number;
  source?: 'gguf' | 'ollama';
}

/** Builds the ModelSpec of one model from its header (tensors of every shard already merged in). */
export function modelSpecFromGguf(header: GgufHeader, info: GgufModelInfo): ModelSpec {
  const meta = header.metadata;
  const arch = languageModelArch(header);
  const k = (name: string) => `${arch}.${name}`;
  const nLayer = blockCount(header, k);
  const nEmbd = num(meta, k('embedding_length')) ?? 0;
  const w = groupWeights(header.tensors, nLayer);
  const att = attentionShape(meta, k, arch, nLayer, nEmbd);

  // FFN: nFf is 0 when no block has a dense FFN (every block MoE).
  const ffArr = perLayer(meta, k('feed_forward_length'), nLayer);
  const nFf = w.hasDenseFfn && ffArr ? Math.max(0, ...ffArr) : 0;
  const recurrentStateBytes = recurrentStateLayout(arch, {
    nEmbd,
    headKv: att.headKvRaw,
    ff: ffArr ?? new Array<number>(nLayer).fill(0),
    nextnLayers: att.nextnLayers,
    fullAttentionInterval: num(meta, k('full_attention_interval')),
    convKernel: num(meta, k('ssm.conv_kernel')),
    innerSize: num(meta, k('ssm.inner_size')),
    stateSize: num(meta, k('ssm.state_size')),
    groupCount: num(meta, k('ssm.group_count')),
    shortconvLCache: num(meta, k('shortconv.l_cache')),
    wkvHeadSize: num(meta, k('wkv.head_size')),
    tokenShiftCount: num(meta, k('token_shift_count')),
  });
  const expertCount = num(meta, k('expert_count')) ?? w.expUp?.dims[2] ?? w.expGateUp?.dims[2] ?? 0;
  const expertFf = num(meta, k('expert_feed_forward_length')) ?? w.expUp?.dims[1] ?? (w.expGateUp ? w.expGateUp.dims[1] / 2 : 0);
  const { slidingWindow, swaLayers } = slidingWindowOf(meta, k, arch, nLayer);
  const mla = mlaLayout(meta, k, att.headDimK);

  const spec: ModelSpec = {
    arch,
    nLayer,
    nEmbd,
    nFf,
    nHead: att.nHead,
    nHeadKv: att.nHeadKv,
    headDimK: att.headDimK,
    headDimV: att.headDimV,
    nVocab: vocabSize(meta, k, w.tokenEmbdTensor),
    ctxTrain: num(meta, k('context_length')) ?? 0,
    slidingWindow,
    swaLayers,
    expertCount,
    expertUsed: num(meta, k('expert_used_count')) ?? 0,
    expertShared: num(meta, k('expert_shared_count')) ?? 0,
    expertFf,
    name: modelName(meta, info.ref),
    source: info.source ?? 'gguf',
    ref: info.ref,
    quant: quantLabel(meta, w.typeCounts),
    fileBytes: info.fileBytes,
    tensorBytes: w.tensorBytes,
    tokenEmbd: w.tokenEmbd,
    output: w.output,
    blocks: w.blocks,
    other: w.other,
    tiedEmbeddings: w.tiedEmbeddings,
    nParams: w.nParams,
    provenance: 'GGUF header',
  };
  if (mla) spec.mla = mla;
  if (recurrentStateBytes) spec.recurrentStateBytes = recurrentStateBytes;
  if (att.nextnLayers > 0) spec.nextnLayers = att.nextnLayers;
  // Gemma 4: sliding-window blocks have their own (smaller) head size.
  const kSwa = num(meta, k('attention.key_length_swa'));
  const vSwa = num(meta, k('attention.value_length_swa'));
  if (kSwa !== undefined) spec.headDimKSwa = kSwa;
  if (vSwa !== undefined) spec.headDimVSwa = vSwa;
  return spec;
}

type ArchKey = (name: string) => string;

/** general.architecture, after refusing the GGUFs that are not a language model (projectors, adapters). */
function languageModelArch(header: GgufHeader): string {
  const meta = header.metadata;
  const arch = str(meta, 'general.architecture');
  if (!arch) throw new ModelFitError(`GGUF has no general.architecture: ${header.path}`);
  if (arch === 'clip') throw new ModelFitError(`${header.path} is a multimodal projector (mmproj) GGUF, not a language model`);
  if (str(meta, 'general.type') === 'adapter') throw new ModelFitError(`${header.path} is a LoRA adapter GGUF, not a model`);
  return arch;
}

function blockCount(header: GgufHeader, k: ArchKey): number {
  const nLayer = num(header.metadata, k('block_count'));
  if (nLayer === undefined || !Number.isInteger(nLayer) || nLayer <= 0 || nLayer > 100_000) {
    throw new ModelFitError(`GGUF has no valid ${k('block_count')}: ${header.path}`);
  }
  return nLayer;
}

interface GroupedWeights {
  blocks: BlockWeights[];
  tokenEmbd: WeightGroup;
  output: WeightGroup;
  other: WeightGroup;
  tokenEmbdTensor?: GgufTensorInfo;
  tiedEmbeddings: boolean;
  hasDenseFfn: boolean;
  /** The routed-expert up (or fused gate_up) tensor: its shape gives the expert count and width. */
  expUp?: GgufTensorInfo;
  expGateUp?: GgufTensorInfo;
  tensorBytes: number;
  nParams: number;
  /** Count and bytes of the blocks' 2-D weights per tensor type, for the quant label. */
  typeCounts: Map<string, { count: number; bytes: number }>;
}

/** Weights, grouped as llama.cpp places them: per block (dense / routed experts), input, output, the rest. */
function groupWeights(tensors: GgufTensorInfo[], nLayer: number): GroupedWeights {
  const w: GroupedWeights = {
    blocks: Array.from({ length: nLayer }, () => ({ dense: group(), experts: group() })),
    tokenEmbd: group(),
    output: group(),
    other: group(),
    tiedEmbeddings: false,
    hasDenseFfn: false,
    tensorBytes: 0,
    nParams: 0,
    typeCounts: new Map(),
  };
  let hasOutputWeight = false;
  for (const t of tensors) {
    w.tensorBytes += t.bytes;
    w.nParams += t.elements;
    const m = BLOCK_RE.exec(t.name);
    const il = m ? Number(m[1]) : -1;
    if (m && il < nLayer) {
      addBlockTensor(w, w.blocks[il], m[2], t);
    } else if (t.name === 'token_embd.weight') {
      add(w.tokenEmbd, t);
      w.tokenEmbdTensor = t;
    } else if (t.name === 'per_layer_token_embd.weight') {
      // Gemma 3n's per-layer embeddings are an input-layer tensor: llama.cpp keeps them in host memory.
      add(w.tokenEmbd, t);
    } else if (/^output(_norm)?\./.test(t.name)) {
      add(w.output, t);
      if (t.name === 'output.weight') hasOutputWeight = true;
    } else {
      add(w.other, t);
    }
  }
  // Tied embeddings: llama.cpp loads a second copy of token_embd on the output layer's device.
  w.tiedEmbeddings = !hasOutputWeight && w.tokenEmbdTensor !== undefined;
  if (w.tiedEmbeddings && w.tokenEmbdTensor) add(w.output, w.tokenEmbdTensor);
  return w;
}

/** One `blk.N.<rest>` tensor into its block's dense or expert group. */
function addBlockTensor(w: GroupedWeights, block: BlockWeights, rest: string, t: GgufTensorInfo): void {
  if (EXPERT_RE.test(rest)) {
    add(block.experts, t);
    if (rest === 'ffn_up_exps.weight') w.expUp = t;
    if (rest === 'ffn_gate_up_exps.weight') w.expGateUp = t;
  } else {
    add(block.dense, t);
    if (DENSE_FFN_RE.test(rest)) w.hasDenseFfn = true;
  }
  if (t.dims.length >= 2 && rest.endsWith('.weight')) {
    const c = w.typeCounts.get(t.type.name) ?? { count: 0, bytes: 0 };
    c.count++;
    c.bytes += t.bytes;
    w.typeCounts.set(t.type.name, c);
  }
}

/** Heads per block (KV heads 0 where a block keeps no KV cache) and head sizes. */
function attentionShape(meta: Meta, k: ArchKey, arch: string, nLayer: number, nEmbd: number) {
  const headArr = perLayer(meta, k('attention.head_count'), nLayer) ?? new Array<number>(nLayer).fill(0);
  const nHead = Math.max(0, ...headArr);
  const nHead0 = headArr[0] > 0 ? headArr[0] : nHead;
  const headKvRaw = perLayer(meta, k('attention.head_count_kv'), nLayer) ?? headArr.slice();
  const nextn = num(meta, k('nextn_predict_layers'));
  const nextnLayers = nextn !== undefined && Number.isInteger(nextn) && nextn > 0 && nextn < nLayer ? nextn : 0;
  const nHeadKv = applyKvLessBlocks(arch, headKvRaw, {
    fullAttentionInterval: num(meta, k('full_attention_interval')),
    sharedKvLayers: num(meta, k('attention.shared_kv_layers')),
    nextnLayers,
  });
  const headDimDefault = nHead0 > 0 ? Math.floor(nEmbd / nHead0) : 0;
  const headDimK = num(meta, k('attention.key_length')) ?? headDimDefault;
  const headDimV = num(meta, k('attention.value_length')) ?? headDimDefault;
  return { nHead, nHeadKv, headKvRaw, headDimK, headDimV, nextnLayers };
}

/** Vocabulary: explicit vocab_size, else the token list's length, else token_embd's rows. */
function vocabSize(meta: Meta, k: ArchKey, tokenEmbdTensor: GgufTensorInfo | undefined): number {
  const tokens = meta.get('tokenizer.ggml.tokens');
  return num(meta, k('vocab_size')) ?? (isGgufArray(tokens) ? tokens.length : (tokenEmbdTensor?.dims[1] ?? 0));
}

function slidingWindowOf(meta: Meta, k: ArchKey, arch: string, nLayer: number): ReturnType<typeof slidingWindowLayout> {
  const patternValue = meta.get(k('attention.sliding_window_pattern'));
  const pattern =
    typeof patternValue === 'number'
      ? patternValue
      : isGgufArray(patternValue) && patternValue.values
        ? (patternValue.values as Array<number | boolean>)
        : undefined;
  return slidingWindowLayout(arch, nLayer, num(meta, k('attention.sliding_window')), pattern);
}

// MLA (DeepSeek V2/V3, Kimi K2, GLM-4.7-Flash…). Since llama.cpp's MLA rework, converted files state
// key_length = kv_lora_rank + rope dims (576), value_length = kv_lora_rank (512), head_count_kv = 1,
// and the uncompressed head sizes in key_length_mla / value_length_mla. llama.cpp then caches only
// the compressed latent: per token and block one K row of kv_lora_rank + n_rot elements, with V read
// as a view of K (no V tensor is allocated). Files converted before that (no key_length_mla) run
// without MLA: the cache holds full K/V heads of key_length / value_length, so mla stays unset.
function mlaLayout(meta: Meta, k: ArchKey, headDimK: number): ModelSpec['mla'] {
  const kvLoraRank = num(meta, k('attention.kv_lora_rank'));
  const isMla = kvLoraRank !== undefined && kvLoraRank > 0 && num(meta, k('attention.key_length_mla')) !== undefined;
  return isMla ? { kvLoraRank, ropeDim: num(meta, k('rope.dimension_count')) ?? Math.max(0, headDimK - kvLoraRank) } : undefined;
}

/** general.file_type as llama-quantize names it; else the most common type of the blocks' 2-D weights. */
function quantLabel(meta: Meta, typeCounts: Map<string, { count: number; bytes: number }>): string {
  const ft = num(meta, 'general.file_type');
  const label = ft !== undefined ? FILE_TYPES.get(ft) : undefined;
  if (label) return label;
  let best: string | undefined;
  let bestC = { count: -1, bytes: -1 };
  for (const [name, c] of typeCounts) {
    if (c.count > bestC.count || (c.count === bestC.count && c.bytes > bestC.bytes)) {
      best = name;
      bestC = c;
    }
  }
  return best ?? 'unknown';
}

function modelName(meta: Meta, ref: string): string {
  const name = str(meta, 'general.name');
  if (name) return name;
  const base = str(meta, 'general.basename');
  const size = str(meta, 'general.size_label');
  if (base) return size ? `${base} ${size}` : base;
  return nodePath.basename(ref).replace(/(-\d{5}-of-\d{5})?\.gguf$/i, '');
}
