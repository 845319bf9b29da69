// Recurrent state of hybrid and recurrent models, following llama.cpp: which blocks are recurrent
// (each arch's load_hparams in llama-model.cpp) and the state one sequence keeps per recurrent block
// (llama_hparams::n_embd_r / n_embd_s, both f32 in llama_memory_recurrent).

/** Every block recurrent, no attention at all. */
const ALL_RECURRENT = new Set(['mamba', 'mamba2', 'rwkv6', 'rwkv6qwen2', 'rwkv7', 'arwkv7']);
/** A block is recurrent when it has no KV heads (per-layer head_count_kv array). */
const RECURRENT_WHERE_NO_KV = new Set(['jamba', 'granitehybrid', 'lfm2', 'lfm2moe', 'plamo2']);
/** Nemotron-H also has MLP-only blocks (no KV heads, an FFN): neither attention nor recurrent. */
const RECURRENT_WHERE_NO_KV_NO_FF = new Set(['nemotron_h', 'nemotron_h_moe']);
/** Gated DeltaNet everywhere but every full_attention_interval-th block (default 4). */
const INTERVAL_HYBRID = new Set(['qwen3next', 'qwen35', 'qwen35moe']);

export interface RecurrentKeys {
  nEmbd: number;
  /** Raw per-block KV heads as the header states them (before KV-less blocks are zeroed). */
  headKv: number[];
  /** Per-block dense FFN width (0 = none). */
  ff: number[];
  nextnLayers: number;
  fullAttentionInterval?: number;
  convKernel?: number;
  innerSize?: number;
  stateSize?: number;
  groupCount?: number;
  /** LFM2 short convolution cache length. */
  shortconvLCache?: number;
  /** RWKV. */
  wkvHeadSize?: number;
  tokenShiftCount?: number;
}

/** Which blocks llama.cpp treats as recurrent; undefined for an architecture with no recurrent blocks. */
export function recurrentBlocks(arch: string, k: RecurrentKeys): boolean[] | undefined {
  const n = k.headKv.length;
  const main = n - k.nextnLayers;
  if (ALL_RECURRENT.has(arch) || arch === 'falcon-h1') return new Array<boolean>(n).fill(true);
  if (RECURRENT_WHERE_NO_KV.has(arch)) return k.headKv.map((h) => h === 0);
  if (RECURRENT_WHERE_NO_KV_NO_FF.has(arch)) return k.headKv.map((h, il) => h === 0 && (k.ff[il] ?? 0) === 0);
  if (INTERVAL_HYBRID.has(arch)) {
    const interval = k.fullAttentionInterval && k.fullAttentionInterval > 0 ? k.fullAttentionInterval : 4;
    // The trailing NextN/MTP block is a full-attention block.
    return k.headKv.map((_, il) => il < main && (il + 1) % interval !== 0);
  }
  return undefined;
}

/** Bytes of state one sequence keeps in one recurrent block: (n_embd_r + n_embd_s) f32 values. */
export function recurrentStateBytesPerBlock(k: RecurrentKeys): number {
  const E = k.nEmbd;
  const dState = k.stateSize ?? 0;
  const dInner = k.innerSize ?? 0;
  let r: number;
  let s: number;
  if (k.wkvHeadSize) {
    r = (k.tokenShiftCount ?? 2) * E;
    s = E * k.wkvHeadSize;
  } else {
    r = k.shortconvLCache
      ? E * (k.shortconvLCache - 1)
      : (k.convKernel && k.convKernel > 0 ? k.convKernel - 1 : 0) * (dInner + 2 * (k.groupCount ?? 0) * dState);
    s = dState * dInner;
  }
  return (r + s) * 4;
}

/** Per-block recurrent state bytes of one sequence, or undefined when no block is recurrent. */
export function recurrentStateLayout(arch: string, k: RecurrentKeys): number[] | undefined {
  const blocks = recurrentBlocks(arch, k);
  if (!blocks || !blocks.some(Boolean)) return undefined;
  const perBlock = recurrentStateBytesPerBlock(k);
  return blocks.map((r) => (r ? perBlock : 0));
}
