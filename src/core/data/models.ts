// Built-in model catalog: hyperparameters of popular open-weight models, each copied from the
// Hugging Face config.json named in `source`. Shapes and per-quant sizes are derived from these
// in src/core/catalog (never stored as flat numbers).

/** llama.cpp architectures the catalog knows how to lay out as GGUF tensors. */
export type CatalogArch =
  | 'llama'
  | 'qwen2'
  | 'qwen3'
  | 'qwen3moe'
  | 'gemma2'
  | 'gemma3'
  | 'phi3'
  | 'deepseek2'
  | 'gpt-oss'
  | 'qwen35'
  | 'qwen35moe'
  | 'qwen3next'
  | 'llama4'
  | 'glm4moe'
  | 'granitemoe'
  | 'minimax-m2'
  | 'smollm3'
  | 'granitehybrid'
  | 'lfm2'
  | 'nemotron_h_moe';

/** Qwen3.5 / 3.6 Gated DeltaNet blocks (linear attention) between the full-attention ones. */
export interface CatalogLinearAttention {
  /** Every N-th block is full attention (full_attention_interval). */
  interval: number;
  keyHeads: number;
  valueHeads: number;
  keyDim: number;
  valueDim: number;
  convKernel: number;
}

/** Mamba-2 blocks (Granite 4.0-H): every block but the listed attention ones; d_inner = heads × headDim. */
export interface CatalogMamba2 {
  heads: number;
  headDim: number;
  stateSize: number;
  groups: number;
  convKernel: number;
  /** Blocks with attention (layer_types "attention"); all others are Mamba-2. */
  attentionBlocks: readonly number[];
  /**
   * Nemotron-H's hybrid_override_pattern, one block per letter: M Mamba-2, * attention, E MoE FFN, - MLP
   * (a block is one of them; attentionBlocks lists the "*" ones).
   */
  pattern?: string;
}

/** LFM2 short-convolution blocks: every block but the listed attention ones. */
export interface CatalogShortConv {
  /** conv_L_cache: kernel length (the state keeps L_cache - 1 columns). */
  lCache: number;
  attentionBlocks: readonly number[];
}

export interface CatalogMoe {
  /** Routed experts per MoE block. */
  experts: number;
  /** Experts used per token. */
  used: number;
  /** Shared (always-on) experts per MoE block. */
  shared: number;
  /** FFN width of one routed expert (and of one shared expert). */
  expertFf: number;
  /** Leading blocks with a dense FFN instead of experts (DeepSeek's first_k_dense_replace). */
  leadingDense: number;
  /** MoE only on blocks with (il + 1) % every == 0 (Llama 4 interleave_moe_layer_step); default 1. */
  every?: number;
  /** Width of the shared expert when it differs from shared × expertFf (Granite's shared_intermediate_size). */
  sharedFf?: number;
}

/** DeepSeek V2/V3 multi-head latent attention ranks. */
export interface CatalogMla {
  qLoraRank: number;
  kvLoraRank: number;
  qkNopeDim: number;
  qkRopeDim: number;
  vHeadDim: number;
}

export interface CatalogEntry {
  /** Stable id, e.g. "llama3.1-8b". */
  id: string;
  name: string;
  family: string;
  arch: CatalogArch;
  /** The config.json these numbers were copied from. */
  source: string;
  nLayer: number;
  nEmbd: number;
  /** Dense FFN width (0 when every block is MoE). */
  nFf: number;
  nHead: number;
  nHeadKv: number;
  /** Per-head dimension (q/k/v) when attention is not MLA. */
  headDim: number;
  nVocab: number;
  ctxTrain: number;
  tiedEmbeddings: boolean;
  /**
   * Sliding window as llama.cpp applies it: `pattern` n means blocks with il % n < n - 1 use the
   * window (llama_hparams::set_swa_pattern), so 2 = every other block starting with block 0, 6 = five of six.
   */
  swa?: { window: number; pattern: number };
  moe?: CatalogMoe;
  mla?: CatalogMla;
  /** qwen2: bias on q/k/v projections. */
  qkvBias?: boolean;
  /** Llama 3.1+ rope scaling writes rope_freqs.weight (head_dim / 2 floats). */
  ropeFreqs?: boolean;
  /** Hybrid linear-attention layout (Qwen3.5 / 3.6). */
  linear?: CatalogLinearAttention;
  /** Hybrid Mamba-2 layout (Granite 4.0-H). */
  mamba?: CatalogMamba2;
  /** Hybrid short-convolution layout (LFM2). */
  shortconv?: CatalogShortConv;
  /** Trailing NextN / MTP blocks the GGUF carries (num_nextn_predict_layers / mtp_num_hidden_layers). */
  nextn?: number;
  /** Per-head q / k RMS norms (GLM-4.5, use_qk_norm). */
  qkNorm?: boolean;
  /** Vision tower Ollama packs into the model blob (llama.cpp ships it as a separate mmproj file). */
  vision?: { params: number; source: string };
}

const hf = (repo: string) => `https://huggingface.co/${repo}/blob/main/config.json`;

type Dense = Omit<CatalogEntry, 'source' | 'tiedEmbeddings'> & { source?: string; tiedEmbeddings?: boolean };
function entry(repo: string, e: Dense): CatalogEntry {
  return { tiedEmbeddings: false, ...e, source: hf(repo) };
}

const LLAMA3 = { arch: 'llama', nVocab: 128256, ropeFreqs: true, headDim: 128 } as const;
const QWEN25 = { arch: 'qwen2', qkvBias: true, headDim: 128 } as const;
const QWEN3 = { arch: 'qwen3', headDim: 128, nVocab: 151936, ctxTrain: 40960 } as const;
// Gemma 3 4B–27B share one SigLIP vision tower; Ollama lists it in the model as "clip · 423M · BF16".
const GEMMA3_VISION = { params: 423e6, source: 'ollama.com/orieg/gemma3-tools:27b-ft, built on gemma3:27b' } as const;

export const CATALOG: readonly CatalogEntry[] = [
  // Llama 3.1 / 3.2 / 3.3
  entry('meta-llama/Llama-3.1-8B-Instruct', {
    ...LLAMA3,
    id: 'llama3.1-8b',
    name: 'Llama 3.1 8B Instruct',
    family: 'Llama 3.1',
    nLayer: 32,
    nEmbd: 4096,
    nFf: 14336,
    nHead: 32,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),
  entry('meta-llama/Llama-3.1-70B-Instruct', {
    ...LLAMA3,
    id: 'llama3.1-70b',
    name: 'Llama 3.1 70B Instruct',
    family: 'Llama 3.1',
    nLayer: 80,
    nEmbd: 8192,
    nFf: 28672,
    nHead: 64,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),
  entry('meta-llama/Llama-3.1-405B-Instruct', {
    ...LLAMA3,
    id: 'llama3.1-405b',
    name: 'Llama 3.1 405B Instruct',
    family: 'Llama 3.1',
    nLayer: 126,
    nEmbd: 16384,
    nFf: 53248,
    nHead: 128,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),
  entry('meta-llama/Llama-3.2-1B-Instruct', {
    ...LLAMA3,
    id: 'llama3.2-1b',
    name: 'Llama 3.2 1B Instruct',
    family: 'Llama 3.2',
    nLayer: 16,
    nEmbd: 2048,
    nFf: 8192,
    nHead: 32,
    nHeadKv: 8,
    headDim: 64,
    ctxTrain: 131072,
    tiedEmbeddings: true,
  }),
  entry('meta-llama/Llama-3.2-3B-Instruct', {
    ...LLAMA3,
    id: 'llama3.2-3b',
    name: 'Llama 3.2 3B Instruct',
    family: 'Llama 3.2',
    nLayer: 28,
    nEmbd: 3072,
    nFf: 8192,
    nHead: 24,
    nHeadKv: 8,
    ctxTrain: 131072,
    tiedEmbeddings: true,
  }),
  entry('meta-llama/Llama-3.3-70B-Instruct', {
    ...LLAMA3,
    id: 'llama3.3-70b',
    name: 'Llama 3.3 70B Instruct',
    family: 'Llama 3.3',
    nLayer: 80,
    nEmbd: 8192,
    nFf: 28672,
    nHead: 64,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),

  // Qwen2.5 (0.5B–3B tie the output to the embedding; 7B+ have a 152064-row vocab)
  entry('Qwen/Qwen2.5-0.5B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-0.5b',
    name: 'Qwen2.5 0.5B Instruct',
    family: 'Qwen2.5',
    nLayer: 24,
    nEmbd: 896,
    nFf: 4864,
    nHead: 14,
    nHeadKv: 2,
    headDim: 64,
    nVocab: 151936,
    ctxTrain: 32768,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen2.5-1.5B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-1.5b',
    name: 'Qwen2.5 1.5B Instruct',
    family: 'Qwen2.5',
    nLayer: 28,
    nEmbd: 1536,
    nFf: 8960,
    nHead: 12,
    nHeadKv: 2,
    nVocab: 151936,
    ctxTrain: 32768,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen2.5-3B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-3b',
    name: 'Qwen2.5 3B Instruct',
    family: 'Qwen2.5',
    nLayer: 36,
    nEmbd: 2048,
    nFf: 11008,
    nHead: 16,
    nHeadKv: 2,
    nVocab: 151936,
    ctxTrain: 32768,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen2.5-7B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-7b',
    name: 'Qwen2.5 7B Instruct',
    family: 'Qwen2.5',
    nLayer: 28,
    nEmbd: 3584,
    nFf: 18944,
    nHead: 28,
    nHeadKv: 4,
    nVocab: 152064,
    ctxTrain: 32768,
  }),
  entry('Qwen/Qwen2.5-14B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-14b',
    name: 'Qwen2.5 14B Instruct',
    family: 'Qwen2.5',
    nLayer: 48,
    nEmbd: 5120,
    nFf: 13824,
    nHead: 40,
    nHeadKv: 8,
    nVocab: 152064,
    ctxTrain: 32768,
  }),
  entry('Qwen/Qwen2.5-32B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-32b',
    name: 'Qwen2.5 32B Instruct',
    family: 'Qwen2.5',
    nLayer: 64,
    nEmbd: 5120,
    nFf: 27648,
    nHead: 40,
    nHeadKv: 8,
    nVocab: 152064,
    ctxTrain: 32768,
  }),
  entry('Qwen/Qwen2.5-72B-Instruct', {
    ...QWEN25,
    id: 'qwen2.5-72b',
    name: 'Qwen2.5 72B Instruct',
    family: 'Qwen2.5',
    nLayer: 80,
    nEmbd: 8192,
    nFf: 29568,
    nHead: 64,
    nHeadKv: 8,
    nVocab: 152064,
    ctxTrain: 32768,
  }),

  // Qwen3 (0.6B–4B tied; q/k norms; head_dim 128 even where n_embd / n_head differs)
  entry('Qwen/Qwen3-0.6B', {
    ...QWEN3,
    id: 'qwen3-0.6b',
    name: 'Qwen3 0.6B',
    family: 'Qwen3',
    nLayer: 28,
    nEmbd: 1024,
    nFf: 3072,
    nHead: 16,
    nHeadKv: 8,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen3-1.7B', {
    ...QWEN3,
    id: 'qwen3-1.7b',
    name: 'Qwen3 1.7B',
    family: 'Qwen3',
    nLayer: 28,
    nEmbd: 2048,
    nFf: 6144,
    nHead: 16,
    nHeadKv: 8,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen3-4B', {
    ...QWEN3,
    id: 'qwen3-4b',
    name: 'Qwen3 4B',
    family: 'Qwen3',
    nLayer: 36,
    nEmbd: 2560,
    nFf: 9728,
    nHead: 32,
    nHeadKv: 8,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen3-8B', {
    ...QWEN3,
    id: 'qwen3-8b',
    name: 'Qwen3 8B',
    family: 'Qwen3',
    nLayer: 36,
    nEmbd: 4096,
    nFf: 12288,
    nHead: 32,
    nHeadKv: 8,
  }),
  entry('Qwen/Qwen3-14B', {
    ...QWEN3,
    id: 'qwen3-14b',
    name: 'Qwen3 14B',
    family: 'Qwen3',
    nLayer: 40,
    nEmbd: 5120,
    nFf: 17408,
    nHead: 40,
    nHeadKv: 8,
  }),
  entry('Qwen/Qwen3-32B', {
    ...QWEN3,
    id: 'qwen3-32b',
    name: 'Qwen3 32B',
    family: 'Qwen3',
    nLayer: 64,
    nEmbd: 5120,
    nFf: 25600,
    nHead: 64,
    nHeadKv: 8,
  }),
  entry('Qwen/Qwen3-30B-A3B', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-30b-a3b',
    name: 'Qwen3 30B-A3B',
    family: 'Qwen3',
    nLayer: 48,
    nEmbd: 2048,
    nFf: 0,
    nHead: 32,
    nHeadKv: 4,
    moe: { experts: 128, used: 8, shared: 0, expertFf: 768, leadingDense: 0 },
  }),
  entry('Qwen/Qwen3-235B-A22B', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-235b-a22b',
    name: 'Qwen3 235B-A22B',
    family: 'Qwen3',
    nLayer: 94,
    nEmbd: 4096,
    nFf: 0,
    nHead: 64,
    nHeadKv: 4,
    moe: { experts: 128, used: 8, shared: 0, expertFf: 1536, leadingDense: 0 },
  }),

  // Gemma 2 / 3 (always tied; post-norms; local/global attention)
  entry('google/gemma-2-2b-it', {
    arch: 'gemma2',
    id: 'gemma2-2b',
    name: 'Gemma 2 2B IT',
    family: 'Gemma 2',
    nLayer: 26,
    nEmbd: 2304,
    nFf: 9216,
    nHead: 8,
    nHeadKv: 4,
    headDim: 256,
    nVocab: 256000,
    ctxTrain: 8192,
    tiedEmbeddings: true,
    swa: { window: 4096, pattern: 2 },
  }),
  entry('google/gemma-2-9b-it', {
    arch: 'gemma2',
    id: 'gemma2-9b',
    name: 'Gemma 2 9B IT',
    family: 'Gemma 2',
    nLayer: 42,
    nEmbd: 3584,
    nFf: 14336,
    nHead: 16,
    nHeadKv: 8,
    headDim: 256,
    nVocab: 256000,
    ctxTrain: 8192,
    tiedEmbeddings: true,
    swa: { window: 4096, pattern: 2 },
  }),
  entry('google/gemma-2-27b-it', {
    arch: 'gemma2',
    id: 'gemma2-27b',
    name: 'Gemma 2 27B IT',
    family: 'Gemma 2',
    nLayer: 46,
    nEmbd: 4608,
    nFf: 36864,
    nHead: 32,
    nHeadKv: 16,
    headDim: 128,
    nVocab: 256000,
    ctxTrain: 8192,
    tiedEmbeddings: true,
    swa: { window: 4096, pattern: 2 },
  }),
  // Gemma 3 4B+ are multimodal: the text model's GGUF keeps the 262144 tokenizer rows; the vision tower ships as a separate mmproj.
  entry('google/gemma-3-1b-it', {
    arch: 'gemma3',
    id: 'gemma3-1b',
    name: 'Gemma 3 1B IT',
    family: 'Gemma 3',
    nLayer: 26,
    nEmbd: 1152,
    nFf: 6912,
    nHead: 4,
    nHeadKv: 1,
    headDim: 256,
    nVocab: 262144,
    ctxTrain: 32768,
    tiedEmbeddings: true,
    swa: { window: 512, pattern: 6 },
  }),
  entry('google/gemma-3-4b-it', {
    arch: 'gemma3',
    id: 'gemma3-4b',
    vision: GEMMA3_VISION,
    name: 'Gemma 3 4B IT',
    family: 'Gemma 3',
    nLayer: 34,
    nEmbd: 2560,
    nFf: 10240,
    nHead: 8,
    nHeadKv: 4,
    headDim: 256,
    nVocab: 262144,
    ctxTrain: 131072,
    tiedEmbeddings: true,
    swa: { window: 1024, pattern: 6 },
  }),
  entry('google/gemma-3-12b-it', {
    arch: 'gemma3',
    id: 'gemma3-12b',
    vision: GEMMA3_VISION,
    name: 'Gemma 3 12B IT',
    family: 'Gemma 3',
    nLayer: 48,
    nEmbd: 3840,
    nFf: 15360,
    nHead: 16,
    nHeadKv: 8,
    headDim: 256,
    nVocab: 262144,
    ctxTrain: 131072,
    tiedEmbeddings: true,
    swa: { window: 1024, pattern: 6 },
  }),
  entry('google/gemma-3-27b-it', {
    arch: 'gemma3',
    id: 'gemma3-27b',
    vision: GEMMA3_VISION,
    name: 'Gemma 3 27B IT',
    family: 'Gemma 3',
    nLayer: 62,
    nEmbd: 5376,
    nFf: 21504,
    nHead: 32,
    nHeadKv: 16,
    headDim: 128,
    nVocab: 262144,
    ctxTrain: 131072,
    tiedEmbeddings: true,
    swa: { window: 1024, pattern: 6 },
  }),

  // Mistral (llama arch)
  entry('mistralai/Mistral-7B-Instruct-v0.3', {
    arch: 'llama',
    id: 'mistral-7b',
    name: 'Mistral 7B Instruct v0.3',
    family: 'Mistral',
    nLayer: 32,
    nEmbd: 4096,
    nFf: 14336,
    nHead: 32,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 32768,
    ctxTrain: 32768,
  }),
  entry('mistralai/Mistral-Nemo-Instruct-2407', {
    arch: 'llama',
    id: 'mistral-nemo-12b',
    name: 'Mistral Nemo 12B Instruct',
    family: 'Mistral',
    nLayer: 40,
    nEmbd: 5120,
    nFf: 14336,
    nHead: 32,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 131072,
    ctxTrain: 1024000,
  }),
  entry('mistralai/Mistral-Small-24B-Instruct-2501', {
    arch: 'llama',
    id: 'mistral-small-24b',
    name: 'Mistral Small 24B Instruct',
    family: 'Mistral',
    nLayer: 40,
    nEmbd: 5120,
    nFf: 32768,
    nHead: 32,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 131072,
    ctxTrain: 32768,
  }),
  entry('mistralai/Mixtral-8x7B-Instruct-v0.1', {
    arch: 'llama',
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B Instruct',
    family: 'Mixtral',
    nLayer: 32,
    nEmbd: 4096,
    nFf: 0,
    nHead: 32,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 32000,
    ctxTrain: 32768,
    moe: { experts: 8, used: 2, shared: 0, expertFf: 14336, leadingDense: 0 },
  }),
  entry('mistralai/Mixtral-8x22B-Instruct-v0.1', {
    arch: 'llama',
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B Instruct',
    family: 'Mixtral',
    nLayer: 56,
    nEmbd: 6144,
    nFf: 0,
    nHead: 48,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 32768,
    ctxTrain: 65536,
    moe: { experts: 8, used: 2, shared: 0, expertFf: 16384, leadingDense: 0 },
  }),

  // Phi (fused qkv and gate+up; llama.cpp turns Phi-3's sliding window off)
  entry('microsoft/Phi-3-mini-4k-instruct', {
    arch: 'phi3',
    id: 'phi3-mini',
    name: 'Phi-3 Mini 3.8B',
    family: 'Phi-3',
    nLayer: 32,
    nEmbd: 3072,
    nFf: 8192,
    nHead: 32,
    nHeadKv: 32,
    headDim: 96,
    nVocab: 32064,
    ctxTrain: 4096,
  }),
  entry('microsoft/Phi-3-medium-4k-instruct', {
    arch: 'phi3',
    id: 'phi3-medium',
    name: 'Phi-3 Medium 14B',
    family: 'Phi-3',
    nLayer: 40,
    nEmbd: 5120,
    nFf: 17920,
    nHead: 40,
    nHeadKv: 10,
    headDim: 128,
    nVocab: 32064,
    ctxTrain: 4096,
  }),
  entry('microsoft/phi-4', {
    arch: 'phi3',
    id: 'phi4-14b',
    name: 'Phi-4 14B',
    family: 'Phi-4',
    nLayer: 40,
    nEmbd: 5120,
    nFf: 17920,
    nHead: 40,
    nHeadKv: 10,
    headDim: 128,
    nVocab: 100352,
    ctxTrain: 16384,
  }),

  // DeepSeek-R1 distills (Qwen2.5 / Llama 3 shapes; the Qwen 1.5B distill does not tie its output)
  entry('deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B', {
    ...QWEN25,
    id: 'deepseek-r1-distill-qwen-1.5b',
    name: 'DeepSeek-R1-Distill-Qwen 1.5B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 28,
    nEmbd: 1536,
    nFf: 8960,
    nHead: 12,
    nHeadKv: 2,
    nVocab: 151936,
    ctxTrain: 131072,
  }),
  entry('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', {
    ...QWEN25,
    id: 'deepseek-r1-distill-qwen-7b',
    name: 'DeepSeek-R1-Distill-Qwen 7B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 28,
    nEmbd: 3584,
    nFf: 18944,
    nHead: 28,
    nHeadKv: 4,
    nVocab: 152064,
    ctxTrain: 131072,
  }),
  entry('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', {
    ...QWEN25,
    id: 'deepseek-r1-distill-qwen-14b',
    name: 'DeepSeek-R1-Distill-Qwen 14B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 48,
    nEmbd: 5120,
    nFf: 13824,
    nHead: 40,
    nHeadKv: 8,
    nVocab: 152064,
    ctxTrain: 131072,
  }),
  entry('deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', {
    ...QWEN25,
    id: 'deepseek-r1-distill-qwen-32b',
    name: 'DeepSeek-R1-Distill-Qwen 32B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 64,
    nEmbd: 5120,
    nFf: 27648,
    nHead: 40,
    nHeadKv: 8,
    nVocab: 152064,
    ctxTrain: 131072,
  }),
  entry('deepseek-ai/DeepSeek-R1-Distill-Llama-8B', {
    ...LLAMA3,
    id: 'deepseek-r1-distill-llama-8b',
    name: 'DeepSeek-R1-Distill-Llama 8B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 32,
    nEmbd: 4096,
    nFf: 14336,
    nHead: 32,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),
  entry('deepseek-ai/DeepSeek-R1-Distill-Llama-70B', {
    ...LLAMA3,
    id: 'deepseek-r1-distill-llama-70b',
    name: 'DeepSeek-R1-Distill-Llama 70B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 80,
    nEmbd: 8192,
    nFf: 28672,
    nHead: 64,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),
  // What Ollama's deepseek-r1:8b points to since May 2025 (Qwen3 8B shapes).
  entry('deepseek-ai/DeepSeek-R1-0528-Qwen3-8B', {
    ...QWEN3,
    id: 'deepseek-r1-0528-qwen3-8b',
    name: 'DeepSeek-R1-0528-Qwen3 8B',
    family: 'DeepSeek-R1 Distill',
    nLayer: 36,
    nEmbd: 4096,
    nFf: 12288,
    nHead: 32,
    nHeadKv: 8,
    ctxTrain: 131072,
  }),

  // DeepSeek V3 / R1 671B: MLA, 3 dense blocks then 256 routed + 1 shared expert. MTP block not converted.
  ...(['deepseek-ai/DeepSeek-R1', 'deepseek-ai/DeepSeek-V3'] as const).map((repo) =>
    entry(repo, {
      arch: 'deepseek2',
      id: repo.endsWith('R1') ? 'deepseek-r1-671b' : 'deepseek-v3-671b',
      name: repo.endsWith('R1') ? 'DeepSeek-R1 671B' : 'DeepSeek-V3 671B',
      family: 'DeepSeek',
      nLayer: 61,
      nEmbd: 7168,
      nFf: 18432,
      nHead: 128,
      nHeadKv: 128,
      headDim: 128,
      nVocab: 129280,
      ctxTrain: 163840,
      moe: { experts: 256, used: 8, shared: 1, expertFf: 2048, leadingDense: 3 },
      mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeDim: 128, qkRopeDim: 64, vHeadDim: 128 },
    }),
  ),

  // gpt-oss: MXFP4 experts, biases everywhere, attention sinks, sliding window 128 on every other block.
  entry('openai/gpt-oss-20b', {
    arch: 'gpt-oss',
    id: 'gpt-oss-20b',
    name: 'gpt-oss 20B',
    family: 'gpt-oss',
    nLayer: 24,
    nEmbd: 2880,
    nFf: 0,
    nHead: 64,
    nHeadKv: 8,
    headDim: 64,
    nVocab: 201088,
    ctxTrain: 131072,
    swa: { window: 128, pattern: 2 },
    moe: { experts: 32, used: 4, shared: 0, expertFf: 2880, leadingDense: 0 },
  }),
  entry('openai/gpt-oss-120b', {
    arch: 'gpt-oss',
    id: 'gpt-oss-120b',
    name: 'gpt-oss 120B',
    family: 'gpt-oss',
    nLayer: 36,
    nEmbd: 2880,
    nFf: 0,
    nHead: 64,
    nHeadKv: 8,
    headDim: 64,
    nVocab: 201088,
    ctxTrain: 131072,
    swa: { window: 128, pattern: 2 },
    moe: { experts: 128, used: 4, shared: 0, expertFf: 2880, leadingDense: 0 },
  }),

  // Qwen2.5-Coder: Qwen2.5 shapes (its own config.json per size; 0.5B–3B tie the output).
  ...(
    [
      ['0.5b', 24, 896, 4864, 14, 2, 64, 151936, true],
      ['1.5b', 28, 1536, 8960, 12, 2, 128, 151936, true],
      ['3b', 36, 2048, 11008, 16, 2, 128, 151936, true],
      ['7b', 28, 3584, 18944, 28, 4, 128, 152064, false],
      ['14b', 48, 5120, 13824, 40, 8, 128, 152064, false],
      ['32b', 64, 5120, 27648, 40, 8, 128, 152064, false],
    ] as const
  ).map(([size, nLayer, nEmbd, nFf, nHead, nHeadKv, headDim, nVocab, tied]) =>
    entry(`Qwen/Qwen2.5-Coder-${size.toUpperCase()}-Instruct`, {
      ...QWEN25,
      id: `qwen2.5-coder-${size}`,
      name: `Qwen2.5-Coder ${size.toUpperCase()} Instruct`,
      family: 'Qwen2.5-Coder',
      nLayer,
      nEmbd,
      nFf,
      nHead,
      nHeadKv,
      headDim,
      nVocab,
      ctxTrain: 32768,
      tiedEmbeddings: tied,
    }),
  ),

  // Qwen3 -2507 releases and Qwen3-Coder: Qwen3 shapes with a 262,144-token context.
  entry('Qwen/Qwen3-4B-Instruct-2507', {
    ...QWEN3,
    id: 'qwen3-4b-2507',
    name: 'Qwen3 4B Instruct 2507',
    family: 'Qwen3-2507',
    nLayer: 36,
    nEmbd: 2560,
    nFf: 9728,
    nHead: 32,
    nHeadKv: 8,
    ctxTrain: 262144,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen3-4B-Thinking-2507', {
    ...QWEN3,
    id: 'qwen3-4b-thinking-2507',
    name: 'Qwen3 4B Thinking 2507',
    family: 'Qwen3-2507',
    nLayer: 36,
    nEmbd: 2560,
    nFf: 9728,
    nHead: 32,
    nHeadKv: 8,
    ctxTrain: 262144,
    tiedEmbeddings: true,
  }),
  entry('Qwen/Qwen3-30B-A3B-Instruct-2507', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-30b-a3b-2507',
    name: 'Qwen3 30B-A3B Instruct 2507',
    family: 'Qwen3-2507',
    nLayer: 48,
    nEmbd: 2048,
    nFf: 0,
    nHead: 32,
    nHeadKv: 4,
    ctxTrain: 262144,
    moe: { experts: 128, used: 8, shared: 0, expertFf: 768, leadingDense: 0 },
  }),
  entry('Qwen/Qwen3-30B-A3B-Thinking-2507', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-30b-a3b-thinking-2507',
    name: 'Qwen3 30B-A3B Thinking 2507',
    family: 'Qwen3-2507',
    nLayer: 48,
    nEmbd: 2048,
    nFf: 0,
    nHead: 32,
    nHeadKv: 4,
    ctxTrain: 262144,
    moe: { experts: 128, used: 8, shared: 0, expertFf: 768, leadingDense: 0 },
  }),
  entry('Qwen/Qwen3-235B-A22B-Instruct-2507', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-235b-a22b-2507',
    name: 'Qwen3 235B-A22B Instruct 2507',
    family: 'Qwen3-2507',
    nLayer: 94,
    nEmbd: 4096,
    nFf: 0,
    nHead: 64,
    nHeadKv: 4,
    ctxTrain: 262144,
    moe: { experts: 128, used: 8, shared: 0, expertFf: 1536, leadingDense: 0 },
  }),
  entry('Qwen/Qwen3-Coder-30B-A3B-Instruct', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-coder-30b-a3b',
    name: 'Qwen3-Coder 30B-A3B Instruct',
    family: 'Qwen3-Coder',
    nLayer: 48,
    nEmbd: 2048,
    nFf: 0,
    nHead: 32,
    nHeadKv: 4,
    ctxTrain: 262144,
    moe: { experts: 128, used: 8, shared: 0, expertFf: 768, leadingDense: 0 },
  }),
  entry('Qwen/Qwen3-Coder-480B-A35B-Instruct', {
    ...QWEN3,
    arch: 'qwen3moe',
    id: 'qwen3-coder-480b-a35b',
    name: 'Qwen3-Coder 480B-A35B Instruct',
    family: 'Qwen3-Coder',
    nLayer: 62,
    nEmbd: 6144,
    nFf: 0,
    nHead: 96,
    nHeadKv: 8,
    ctxTrain: 262144,
    moe: { experts: 160, used: 8, shared: 0, expertFf: 2560, leadingDense: 0 },
  }),

  // Qwen3.5 / Qwen3.6: Gated DeltaNet on 3 of every 4 blocks, gated full attention (head 256) on the 4th,
  // one MTP block appended; 248,320-token vocabulary. The vision tower ships as a separate mmproj on Hugging Face.
  ...(['Qwen/Qwen3.5-27B', 'Qwen/Qwen3.6-27B'] as const).map((repo) =>
    entry(repo, {
      arch: 'qwen35',
      id: repo.includes('3.6') ? 'qwen3.6-27b' : 'qwen3.5-27b',
      name: repo.includes('3.6') ? 'Qwen3.6 27B' : 'Qwen3.5 27B',
      family: repo.includes('3.6') ? 'Qwen3.6' : 'Qwen3.5',
      nLayer: 64,
      nEmbd: 5120,
      nFf: 17408,
      nHead: 24,
      nHeadKv: 4,
      headDim: 256,
      nVocab: 248320,
      ctxTrain: 262144,
      nextn: 1,
      linear: { interval: 4, keyHeads: 16, valueHeads: 48, keyDim: 128, valueDim: 128, convKernel: 4 },
    }),
  ),
  ...(['Qwen/Qwen3.5-35B-A3B', 'Qwen/Qwen3.6-35B-A3B'] as const).map((repo) =>
    entry(repo, {
      arch: 'qwen35moe',
      id: repo.includes('3.6') ? 'qwen3.6-35b-a3b' : 'qwen3.5-35b-a3b',
      name: repo.includes('3.6') ? 'Qwen3.6 35B-A3B' : 'Qwen3.5 35B-A3B',
      family: repo.includes('3.6') ? 'Qwen3.6' : 'Qwen3.5',
      nLayer: 40,
      nEmbd: 2048,
      nFf: 0,
      nHead: 16,
      nHeadKv: 2,
      headDim: 256,
      nVocab: 248320,
      ctxTrain: 262144,
      nextn: 1,
      linear: { interval: 4, keyHeads: 16, valueHeads: 32, keyDim: 128, valueDim: 128, convKernel: 4 },
      moe: { experts: 256, used: 8, shared: 1, expertFf: 512, leadingDense: 0 },
    }),
  ),

  // Qwen3-Next: the Qwen3.5 MoE layout before it (fused qkvz and beta/alpha projections), 512 experts; no MTP block in the GGUF.
  ...(
    [
      ['Qwen/Qwen3-Next-80B-A3B-Instruct', 'qwen3-next-80b-a3b', 'Qwen3-Next 80B-A3B Instruct'],
      ['Qwen/Qwen3-Coder-Next', 'qwen3-coder-next', 'Qwen3-Coder-Next 80B-A3B'],
    ] as const
  ).map(([repo, id, name]) =>
    entry(repo, {
      arch: 'qwen3next',
      id,
      name,
      family: 'Qwen3-Next',
      nLayer: 48,
      nEmbd: 2048,
      nFf: 0,
      nHead: 16,
      nHeadKv: 2,
      headDim: 256,
      nVocab: 151936,
      ctxTrain: 262144,
      linear: { interval: 4, keyHeads: 16, valueHeads: 32, keyDim: 128, valueDim: 128, convKernel: 4 },
      moe: { experts: 512, used: 10, shared: 1, expertFf: 512, leadingDense: 0 },
    }),
  ),

  // MiniMax-M2 / M2.1: 256 experts (8 used) of 1536 on every block, q/k norms; the MTP modules are not converted.
  ...(
    [
      ['MiniMaxAI/MiniMax-M2', 'minimax-m2', 'MiniMax-M2 230B-A10B'],
      ['MiniMaxAI/MiniMax-M2.1', 'minimax-m2.1', 'MiniMax-M2.1 230B-A10B'],
    ] as const
  ).map(([repo, id, name]) =>
    entry(repo, {
      arch: 'minimax-m2',
      id,
      name,
      family: 'MiniMax-M2',
      nLayer: 62,
      nEmbd: 3072,
      nFf: 0,
      nHead: 48,
      nHeadKv: 8,
      headDim: 128,
      nVocab: 200064,
      ctxTrain: 196608,
      qkNorm: true,
      moe: { experts: 256, used: 8, shared: 0, expertFf: 1536, leadingDense: 0 },
    }),
  ),

  // Mistral Small 3.1 / 3.2 and its reasoning (Magistral) and coding (Devstral) releases: Mistral Small 24B shapes, 128K context.
  ...(
    [
      ['mistralai/Mistral-Small-3.2-24B-Instruct-2506', 'mistral-small-3.2-24b', 'Mistral Small 3.2 24B Instruct'],
      ['mistralai/Magistral-Small-2506', 'magistral-small-24b', 'Magistral Small 24B'],
      ['mistralai/Devstral-Small-2507', 'devstral-small-24b', 'Devstral Small 24B'],
    ] as const
  ).map(([repo, id, name]) =>
    entry(repo, {
      arch: 'llama',
      id,
      name,
      family: 'Mistral Small',
      nLayer: 40,
      nEmbd: 5120,
      nFf: 32768,
      nHead: 32,
      nHeadKv: 8,
      headDim: 128,
      nVocab: 131072,
      ctxTrain: 131072,
    }),
  ),

  // Small dense models.
  entry('microsoft/Phi-4-mini-instruct', {
    arch: 'phi3',
    id: 'phi4-mini',
    name: 'Phi-4-mini 3.8B Instruct',
    family: 'Phi-4',
    nLayer: 32,
    nEmbd: 3072,
    nFf: 8192,
    nHead: 24,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 200064,
    ctxTrain: 131072,
    tiedEmbeddings: true,
  }),
  entry('HuggingFaceTB/SmolLM3-3B', {
    arch: 'smollm3',
    id: 'smollm3-3b',
    name: 'SmolLM3 3B',
    family: 'SmolLM3',
    nLayer: 36,
    nEmbd: 2048,
    nFf: 11008,
    nHead: 16,
    nHeadKv: 4,
    headDim: 128,
    nVocab: 128256,
    ctxTrain: 65536,
    tiedEmbeddings: true,
  }),

  // Older models people still benchmark.
  entry('meta-llama/Llama-2-7b-chat-hf', {
    arch: 'llama',
    id: 'llama2-7b',
    name: 'Llama 2 7B Chat',
    family: 'Llama 2',
    nLayer: 32,
    nEmbd: 4096,
    nFf: 11008,
    nHead: 32,
    nHeadKv: 32,
    headDim: 128,
    nVocab: 32000,
    ctxTrain: 4096,
  }),
  entry('meta-llama/Llama-2-13b-chat-hf', {
    arch: 'llama',
    id: 'llama2-13b',
    name: 'Llama 2 13B Chat',
    family: 'Llama 2',
    nLayer: 40,
    nEmbd: 5120,
    nFf: 13824,
    nHead: 40,
    nHeadKv: 40,
    headDim: 128,
    nVocab: 32000,
    ctxTrain: 4096,
  }),
  entry('mistralai/Mistral-7B-Instruct-v0.1', {
    arch: 'llama',
    id: 'mistral-7b-v0.1',
    name: 'Mistral 7B Instruct v0.1',
    family: 'Mistral',
    nLayer: 32,
    nEmbd: 4096,
    nFf: 14336,
    nHead: 32,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 32000,
    ctxTrain: 32768,
  }),
  entry('TinyLlama/TinyLlama-1.1B-Chat-v1.0', {
    arch: 'llama',
    id: 'tinyllama-1.1b',
    name: 'TinyLlama 1.1B Chat v1.0',
    family: 'TinyLlama',
    nLayer: 22,
    nEmbd: 2048,
    nFf: 5632,
    nHead: 32,
    nHeadKv: 4,
    headDim: 64,
    nVocab: 32000,
    ctxTrain: 2048,
  }),
  // DeepSeek-V2-Lite: MLA without a q compression (q_lora_rank null), 64 routed + 2 shared experts.
  entry('deepseek-ai/DeepSeek-V2-Lite-Chat', {
    arch: 'deepseek2',
    id: 'deepseek-v2-lite',
    name: 'DeepSeek-V2-Lite Chat 16B',
    family: 'DeepSeek',
    nLayer: 27,
    nEmbd: 2048,
    nFf: 10944,
    nHead: 16,
    nHeadKv: 16,
    headDim: 128,
    nVocab: 102400,
    ctxTrain: 163840,
    moe: { experts: 64, used: 6, shared: 2, expertFf: 1408, leadingDense: 1 },
    mla: { qLoraRank: 0, kvLoraRank: 512, qkNopeDim: 128, qkRopeDim: 64, vHeadDim: 128 },
  }),
  // DeepSeek-V3.1 and Kimi K2: DeepSeek V3 layouts (Kimi: 384 experts, 64 heads, one dense block).
  entry('deepseek-ai/DeepSeek-V3.1', {
    arch: 'deepseek2',
    id: 'deepseek-v3.1-671b',
    name: 'DeepSeek-V3.1 671B',
    family: 'DeepSeek',
    nLayer: 61,
    nEmbd: 7168,
    nFf: 18432,
    nHead: 128,
    nHeadKv: 128,
    headDim: 128,
    nVocab: 129280,
    ctxTrain: 163840,
    moe: { experts: 256, used: 8, shared: 1, expertFf: 2048, leadingDense: 3 },
    mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeDim: 128, qkRopeDim: 64, vHeadDim: 128 },
  }),
  entry('moonshotai/Kimi-K2-Instruct', {
    arch: 'deepseek2',
    id: 'kimi-k2-1t',
    name: 'Kimi K2 Instruct 1T',
    family: 'Kimi K2',
    nLayer: 61,
    nEmbd: 7168,
    nFf: 18432,
    nHead: 64,
    nHeadKv: 64,
    headDim: 128,
    nVocab: 163840,
    ctxTrain: 131072,
    moe: { experts: 384, used: 8, shared: 1, expertFf: 2048, leadingDense: 1 },
    mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeDim: 128, qkRopeDim: 64, vHeadDim: 128 },
  }),
  // GLM-4.7-Flash (Glm4MoeLiteForCausalLM): converted as deepseek2 (MLA, 64 routed + 1 shared expert, one dense block).
  // Its MTP block (num_nextn_predict_layers 1) is left out, as the DeepseekV2 converter the published files were made with skips it.
  entry('zai-org/GLM-4.7-Flash', {
    arch: 'deepseek2',
    id: 'glm-4.7-flash',
    name: 'GLM-4.7-Flash 30B-A3B',
    family: 'GLM-4.7',
    nLayer: 47,
    nEmbd: 2048,
    nFf: 10240,
    nHead: 20,
    nHeadKv: 20,
    headDim: 256,
    nVocab: 154880,
    ctxTrain: 202752,
    moe: { experts: 64, used: 4, shared: 1, expertFf: 1536, leadingDense: 1 },
    mla: { qLoraRank: 768, kvLoraRank: 512, qkNopeDim: 192, qkRopeDim: 64, vHeadDim: 256 },
  }),
  // Granite 3.0 MoE (granitemoe: tied output, 8 experts of 512 used per token).
  entry('ibm-granite/granite-3.0-1b-a400m-instruct', {
    arch: 'granitemoe',
    id: 'granite3-moe-1b',
    name: 'Granite 3.0 1B-A400M Instruct',
    family: 'Granite 3.0',
    nLayer: 24,
    nEmbd: 1024,
    nFf: 0,
    nHead: 16,
    nHeadKv: 8,
    headDim: 64,
    nVocab: 49155,
    ctxTrain: 4096,
    tiedEmbeddings: true,
    moe: { experts: 32, used: 8, shared: 0, expertFf: 512, leadingDense: 0 },
  }),
  entry('ibm-granite/granite-3.0-3b-a800m-instruct', {
    arch: 'granitemoe',
    id: 'granite3-moe-3b',
    name: 'Granite 3.0 3B-A800M Instruct',
    family: 'Granite 3.0',
    nLayer: 32,
    nEmbd: 1536,
    nFf: 0,
    nHead: 24,
    nHeadKv: 8,
    headDim: 64,
    nVocab: 49155,
    ctxTrain: 4096,
    tiedEmbeddings: true,
    moe: { experts: 40, used: 8, shared: 0, expertFf: 512, leadingDense: 0 },
  }),

  // Granite 4.0-H: Mamba-2 blocks (d_inner = 2 × n_embd, 64-wide heads, one group, state 128) with attention
  // on blocks 5, 15, 25, 35 (NoPE); tied output. H-Micro has a dense FFN, H-Small 72 experts + a shared one on every block.
  entry('ibm-granite/granite-4.0-h-micro', {
    arch: 'granitehybrid',
    id: 'granite4-h-micro',
    name: 'Granite 4.0 H-Micro 3B',
    family: 'Granite 4.0',
    nLayer: 40,
    nEmbd: 2048,
    nFf: 8192,
    nHead: 32,
    nHeadKv: 8,
    headDim: 64,
    nVocab: 100352,
    ctxTrain: 131072,
    tiedEmbeddings: true,
    mamba: { heads: 64, headDim: 64, stateSize: 128, groups: 1, convKernel: 4, attentionBlocks: [5, 15, 25, 35] },
  }),
  entry('ibm-granite/granite-4.0-h-small', {
    arch: 'granitehybrid',
    id: 'granite4-h-small',
    name: 'Granite 4.0 H-Small 32B-A9B',
    family: 'Granite 4.0',
    nLayer: 40,
    nEmbd: 4096,
    nFf: 0,
    nHead: 32,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 100352,
    ctxTrain: 131072,
    tiedEmbeddings: true,
    mamba: { heads: 128, headDim: 64, stateSize: 128, groups: 1, convKernel: 4, attentionBlocks: [5, 15, 25, 35] },
    moe: { experts: 72, used: 10, shared: 1, expertFf: 768, sharedFf: 1536, leadingDense: 0 },
  }),

  // LFM2 1.2B: short-convolution blocks (kernel 3) with GQA attention (q/k norms) on 6 of 16; FFN 8192
  // (block_ff_dim 12288 auto-adjusted: 2/3, multiple of 256); tied output, final norm named token_embd_norm.
  entry('LiquidAI/LFM2-1.2B', {
    arch: 'lfm2',
    id: 'lfm2-1.2b',
    name: 'LFM2 1.2B',
    family: 'LFM2',
    nLayer: 16,
    nEmbd: 2048,
    nFf: 8192,
    nHead: 32,
    nHeadKv: 8,
    headDim: 64,
    nVocab: 65536,
    ctxTrain: 32768,
    tiedEmbeddings: true,
    shortconv: { lCache: 3, attentionBlocks: [2, 5, 8, 10, 12, 14] },
  }),

  // Nemotron 3 Nano (nemotron_h_moe): 52 single-purpose blocks by hybrid_override_pattern: 23 Mamba-2 (64 heads of 64,
  // 8 groups, state 128), 6 attention (32 Q / 2 KV heads of 128), 23 MoE (128 experts of 1856, 6 used, no gate; one shared
  // of 3712). n_embd 2688 is not a multiple of 256: most K-quant tensors fall back to Q5_0 / Q8_0 (larger files).
  entry('nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16', {
    arch: 'nemotron_h_moe',
    id: 'nemotron3-nano-30b-a3b',
    name: 'Nemotron 3 Nano 30B-A3B',
    family: 'Nemotron 3',
    nLayer: 52,
    nEmbd: 2688,
    nFf: 0,
    nHead: 32,
    nHeadKv: 2,
    headDim: 128,
    nVocab: 131072,
    ctxTrain: 262144,
    mamba: {
      heads: 64,
      headDim: 64,
      stateSize: 128,
      groups: 8,
      convKernel: 4,
      attentionBlocks: [5, 12, 19, 26, 33, 42],
      pattern: 'MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME',
    },
    moe: { experts: 128, used: 6, shared: 1, expertFf: 1856, sharedFf: 3712, leadingDense: 0 },
  }),

  // Llama 4: chunked attention (8192-token chunks) on 3 of every 4 blocks, 1 routed + 1 shared expert;
  // Maverick alternates dense (16384) and MoE blocks. The vision tower ships as a separate mmproj.
  entry('meta-llama/Llama-4-Scout-17B-16E-Instruct', {
    arch: 'llama4',
    id: 'llama4-scout',
    name: 'Llama 4 Scout 17B-16E Instruct',
    family: 'Llama 4',
    nLayer: 48,
    nEmbd: 5120,
    nFf: 0,
    nHead: 40,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 202048,
    ctxTrain: 10485760,
    swa: { window: 8192, pattern: 4 },
    moe: { experts: 16, used: 1, shared: 1, expertFf: 8192, leadingDense: 0 },
  }),
  entry('meta-llama/Llama-4-Maverick-17B-128E-Instruct', {
    arch: 'llama4',
    id: 'llama4-maverick',
    name: 'Llama 4 Maverick 17B-128E Instruct',
    family: 'Llama 4',
    nLayer: 48,
    nEmbd: 5120,
    nFf: 16384,
    nHead: 40,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 202048,
    ctxTrain: 1048576,
    swa: { window: 8192, pattern: 4 },
    moe: { experts: 128, used: 1, shared: 1, expertFf: 8192, leadingDense: 0, every: 2 },
  }),

  // GLM-4.5 family (glm4moe): q/k/v bias, first blocks dense, 1 shared expert, one MTP block appended.
  entry('zai-org/GLM-4.5-Air', {
    arch: 'glm4moe',
    id: 'glm-4.5-air',
    name: 'GLM-4.5-Air 106B-A12B',
    family: 'GLM-4.5',
    nLayer: 46,
    nEmbd: 4096,
    nFf: 10944,
    nHead: 96,
    nHeadKv: 8,
    headDim: 128,
    nVocab: 151552,
    ctxTrain: 131072,
    qkvBias: true,
    nextn: 1,
    moe: { experts: 128, used: 8, shared: 1, expertFf: 1408, leadingDense: 1 },
  }),
  ...(
    [
      ['zai-org/GLM-4.5', 'glm-4.5', 'GLM-4.5 355B-A32B', 131072],
      ['zai-org/GLM-4.6', 'glm-4.6', 'GLM-4.6 355B-A32B', 202752],
      ['zai-org/GLM-4.7', 'glm-4.7', 'GLM-4.7 355B-A32B', 202752],
    ] as const
  ).map(([repo, id, name, ctxTrain]) =>
    entry(repo, {
      arch: 'glm4moe',
      id,
      name,
      family: 'GLM-4.5',
      nLayer: 92,
      nEmbd: 5120,
      nFf: 12288,
      nHead: 96,
      nHeadKv: 8,
      headDim: 128,
      nVocab: 151552,
      ctxTrain,
      qkvBias: true,
      qkNorm: true,
      nextn: 1,
      moe: { experts: 160, used: 8, shared: 1, expertFf: 1536, leadingDense: 3 },
    }),
  ),
];
