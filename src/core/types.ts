// Shared shapes of the engine: config readers → RunConfig, resolvers → ModelSpec,
// hardware detection → HardwareProfile, estimator → Estimate. No vscode import anywhere in src/core.

/** Zero-based position in a text file; `end` is exclusive. */
export interface SourceRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

/** Bytes and parameter count of a group of tensors. */
export interface WeightGroup {
  bytes: number;
  params: number;
}

/**
 * One transformer block's weights, split the way llama.cpp places them:
 * `-ngl` moves whole blocks, `--n-cpu-moe` / `-ot exps=CPU` keep the routed experts on the CPU.
 */
export interface BlockWeights {
  /** Attention, norms, dense FFN, shared experts, router. */
  dense: WeightGroup;
  /** Routed expert tensors (ffn_{gate,up,down}_exps); zero for dense models. */
  experts: WeightGroup;
}

/** Architecture as the estimator needs it (from GGUF metadata or the catalog). */
export interface ModelArch {
  /** general.architecture, e.g. "llama", "qwen3moe", "gemma3", "deepseek2", "gpt-oss". */
  arch: string;
  /** Transformer blocks (llama.cpp offloads nLayer + 1 layers: the output layer counts as one). */
  nLayer: number;
  nEmbd: number;
  /** Dense FFN width (0 when every block is MoE). */
  nFf: number;
  nHead: number;
  /** KV heads per block (GQA); 0 for blocks without a KV cache (recurrent / shared-KV). */
  nHeadKv: number[];
  /** Per-head K and V dimensions of the cache. */
  headDimK: number;
  headDimV: number;
  /** Per-head K / V dimensions of sliding-window blocks when they differ (Gemma 4: key_length_swa). */
  headDimKSwa?: number;
  headDimVSwa?: number;
  nVocab: number;
  /** Trained context length (llama-server's default -c). */
  ctxTrain: number;
  /** Sliding-window size in tokens; 0 = no sliding window. */
  slidingWindow: number;
  /** Per block: true when the block uses the sliding window (its KV is capped). */
  swaLayers: boolean[];
  expertCount: number;
  expertUsed: number;
  expertShared: number;
  /** Per-expert FFN width (0 for dense models). */
  expertFf: number;
  /** Multi-head latent attention (DeepSeek V2/V3): the cache holds the compressed latent. */
  mla?: { kvLoraRank: number; ropeDim: number };
  /**
   * Recurrent blocks (Mamba, RWKV, Gated DeltaNet, LFM2 short conv): bytes of state one sequence
   * keeps per block (conv state + SSM / linear-attention state, f32); 0 for attention-only blocks.
   */
  recurrentStateBytes?: number[];
  /** Trailing NextN / MTP blocks: loaded with the model, no cache, not run per token. */
  nextnLayers?: number;
}

export type ModelSource = 'gguf' | 'ollama' | 'catalog';

export interface ModelSpec extends ModelArch {
  /** Display name, e.g. "Llama 3.1 8B Instruct". */
  name: string;
  source: ModelSource;
  /** What was resolved: absolute file path(s) or catalog id. */
  ref: string;
  /** File type label as llama-quantize names it, e.g. "Q4_K_M", "Q8_0", "MXFP4_MOE". */
  quant: string;
  /** Size on disk, summed over split shards. */
  fileBytes: number;
  /** Sum of all tensor data bytes. */
  tensorBytes: number;
  /** token_embd: stays in host memory even with every layer offloaded. */
  tokenEmbd: WeightGroup;
  /** The output layer (-ngl's extra layer): output.weight (a duplicate of token_embd when tied) + output_norm. */
  output: WeightGroup;
  /** One entry per transformer block, index = block number. */
  blocks: BlockWeights[];
  /** Tensors that belong to neither (e.g. rope_freqs); kept with the output layer. */
  other: WeightGroup;
  /** True when output.weight is absent and llama.cpp reuses token_embd for the output. */
  tiedEmbeddings: boolean;
  /** Total parameter count (token embedding included). */
  nParams: number;
  /** Optional multimodal projector / adapters loaded with the model. */
  mmprojBytes?: number;
  loraBytes?: number;
  /** Draft model for speculative decoding, loaded next to this one (weights and its own KV cache). */
  draft?: ModelSpec;
  /** Shown to the user: where the numbers came from ("GGUF header", "catalog estimate", …). */
  provenance: string;
}

/** What a config file says about how the model is run (undefined = not set there). */
export interface RunSettings {
  /** Total KV cells in llama.cpp's meaning (-c); for Ollama: num_ctx × parallel. */
  ctx?: number;
  /** llama.cpp's -ngl: layers on the GPU counting the output layer; 'auto' = fit to free memory. */
  ngl?: number | 'auto';
  flashAttn?: 'on' | 'off' | 'auto';
  cacheTypeK?: string;
  cacheTypeV?: string;
  batch?: number;
  ubatch?: number;
  parallel?: number;
  /** Keep the routed experts of the first N blocks on the CPU. */
  nCpuMoe?: number;
  /** Keep every routed expert on the CPU (--cpu-moe). */
  cpuMoe?: boolean;
  threads?: number;
  /** Keep the KV cache in host memory (--no-kv-offload). */
  noKvOffload?: boolean;
  /** Keep host-held weights on the CPU for large batches too (--no-op-offload). */
  noOpOffload?: boolean;
  tensorSplit?: number[];
  /** How several GPUs share the model (-sm); 'tensor' is estimated as 'layer'. */
  splitMode?: 'none' | 'layer' | 'row' | 'tensor';
  /** -mg: the GPU for split mode none (and row mode's KV). */
  mainGpu?: number;
  /** Absolute or config-relative paths. */
  mmproj?: string;
  lora?: string[];
  /** Keep the multimodal projector in host memory (--no-mmproj-offload). */
  noMmprojOffload?: boolean;
  /** Draft model for speculative decoding (-md), its -ngld and its context (-cd; 0 = its trained context). */
  draftModel?: string;
  draftGpuLayers?: number;
  draftCtx?: number;
}

export type SettingKey = keyof RunSettings | 'model';

export type Runtime = 'ollama' | 'llama.cpp';

export type Severity = 'error' | 'warning' | 'info';

/** A problem a reader found in a file (unknown parameter, bad value, unresolvable model…). */
export interface ConfigDiagnostic {
  severity: Severity;
  /** Stable code, e.g. "modelfile.unknown-parameter". */
  code: string;
  message: string;
  range: SourceRange;
}

/** One way of running one model found in a file. */
export interface RunConfig {
  /** Display label, e.g. the llama-swap model key or "FROM llama3.1:8b". */
  label: string;
  runtime: Runtime;
  /** The model reference as written (tag, path, hf.co/…, catalog id). */
  modelRef: string;
  /** Directory that relative paths are resolved against. */
  baseDir: string;
  settings: RunSettings;
  /** Where each setting (and the model reference) was written. */
  ranges: Partial<Record<SettingKey, SourceRange>>;
  /** Defaults the runtime applies that the file left out, said in words ("num_ctx: Ollama default 4096"). */
  defaultsApplied: string[];
  /** Range of the whole configuration (first line of the model entry). */
  range: SourceRange;
}

export interface ParseResult {
  configs: RunConfig[];
  diagnostics: ConfigDiagnostic[];
}

export type Provenance = 'measured' | 'looked-up' | 'guessed' | 'user' | 'preset';

export type GpuBackend = 'cuda' | 'rocm' | 'metal' | 'vulkan' | 'sycl';

export interface GpuDevice {
  name: string;
  vramBytes: number;
  freeBytes: number;
  /** Memory bandwidth, GB/s (10^9 bytes per second). */
  bandwidthGBs: number;
  /** Dense FP16 tensor throughput, TFLOPS. */
  fp16Tflops?: number;
  /** Dense BF16 / INT8 matrix throughput (TFLOPS / TOPS) where the database knows it. */
  bf16Tflops?: number;
  int8Tops?: number;
  /** Host↔device copy bandwidth, GB/s (PCIe generation × lanes); 0 on unified memory; undefined when unknown. */
  hostLinkGBs?: number;
  powerW?: number;
  backend: GpuBackend;
  /** Chip generation from the database, e.g. "ampere", "hopper", "apple-m2"; undefined when unknown. */
  generation?: string;
  /** Apple Silicon and other unified-memory GPUs share RAM with the CPU. */
  unifiedMemory: boolean;
  /** How each figure was obtained, in words (e.g. "nvidia-smi", "database: RTX 3060"). */
  source: string;
  provenance: { vram: Provenance; free: Provenance; bandwidth: Provenance; fp16?: Provenance };
}

export interface CpuInfo {
  model: string;
  /** Threads llama.cpp would use (physical cores by default). */
  threads: number;
  cores: number;
  /** Instruction-set features relevant to llama.cpp (avx2, avx512f, avx512_vnni, amx, neon, …). */
  flags: string[];
}

export interface HardwareProfile {
  /** "this" or a preset id. */
  id: string;
  /** Short label for the status bar: "RTX 3060 12 GB · 64 GB RAM". */
  label: string;
  gpus: GpuDevice[];
  ramBytes: number;
  ramFreeBytes: number;
  /** Host memory read bandwidth, GB/s. */
  ramBandwidthGBs: number;
  cpu: CpuInfo;
  provenance: { ram: Provenance; ramBandwidth: Provenance; cpu: Provenance };
  /** Human-readable notes on how figures were found or guessed. */
  notes: string[];
}

/** Settings after runtime defaults and "auto" are resolved: what the estimate used. */
export interface ResolvedSettings {
  ctx: number;
  /** Effective -ngl (for "auto", the value chosen). */
  ngl: number;
  fa: boolean;
  cacheTypeK: string;
  cacheTypeV: string;
  batch: number;
  ubatch: number;
  parallel: number;
  nCpuMoe: number;
  threads: number;
  noKvOffload: boolean;
  noMmprojOffload?: boolean;
  draftGpuLayers?: number;
  draftCtx?: number;
}

export interface MemoryBreakdown {
  weightsGpu: number;
  weightsHost: number;
  kvGpu: number;
  kvHost: number;
  computeGpu: number;
  computeHost: number;
  /** CUDA/Metal context and libraries the GPU holds beyond llama.cpp's own buffers. */
  overheadGpu: number;
}

export interface SpeedBand {
  value: number;
  low: number;
  high: number;
}

/** The one object every surface reads. */
export interface Estimate {
  model: {
    name: string;
    arch: string;
    fileBytes: number;
    quant: string;
    layers: number;
    source: ModelSource;
    ref: string;
    nParams: number;
    activeParams: number;
    provenance: string;
  };
  settings: ResolvedSettings;
  hardware: {
    id: string;
    label: string;
    gpuName: string | null;
    freeVramBytes: number;
    ramBytes: number;
    /** The GPU shares RAM with the CPU (Apple Silicon, GB10): one pool, not two. */
    unifiedMemory?: boolean;
  };
  memory: {
    /** What the GPU(s) will hold for this process, as nvidia-smi reports it. */
    gpuBytes: number;
    /** Host RAM for this process (mapped weights, host KV, host compute buffers). */
    hostBytes: number;
    breakdown: MemoryBreakdown;
    /** KV cache bytes per token of context (all layers). */
    kvBytesPerToken: number;
    /** Recurrent state (hybrid / recurrent models) of all parallel sequences; included in the KV figures. */
    recurrentStateBytes?: number;
    /** The draft model's weights and KV cache (speculative decoding); included in the breakdown. */
    draftBytes?: { weightsGpu: number; weightsHost: number; kvGpu: number; kvHost: number };
  };
  offload: {
    /** Layers on the GPU in llama.cpp's count (blocks + output layer). */
    gpuLayers: number;
    /** nLayer + 1. */
    totalLayers: number;
    /** Routed-expert blocks kept on the CPU. */
    cpuMoeBlocks: number;
  };
  speed: {
    decodeTps: number;
    decodeTpsLow: number;
    decodeTpsHigh: number;
    prefillTps: number;
    prefillTpsLow: number;
    prefillTpsHigh: number;
    /** Prompt of `promptTokens` after `depth` tokens already in context. */
    ttftSeconds: number;
    promptTokens: number;
    genTokens: number;
    depth: number;
    /** Seconds per generated token on each side of the split. */
    decodeSecondsGpu: number;
    decodeSecondsCpu: number;
    /** Joules per generated token, where board power is known. */
    energyPerTokenJ: number | null;
  };
  /** Loads without running out of memory: the GPU part fits free VRAM and the host part fits RAM. */
  fits: boolean;
  /** Every layer on the GPU. */
  fullyOnGpu: boolean;
  /** "gpu" all on GPU; "partial" split; "cpu" no GPU layers; "none" does not fit at all. */
  fitLevel: 'gpu' | 'partial' | 'cpu' | 'none';
  /** Bytes the GPU part is over free VRAM (0 when it fits). */
  gpuShortfallBytes: number;
  /** Bytes the host part is over RAM (0 when it fits). */
  hostShortfallBytes: number;
  warnings: string[];
}

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** An edit that fixes a fit problem (switch quant, lower context, q8_0 KV cache, set -ngl). */
export interface QuickFix {
  title: string;
  /** Stable kind, e.g. "fix.quant", "fix.ctx", "fix.kv-q8", "fix.ngl". */
  kind: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface FitDiagnostic extends ConfigDiagnostic {
  fixes: QuickFix[];
}

/** A what-if row for hovers and the panel (another quant, context, or hardware). */
export interface Alternative {
  label: string;
  estimate: Estimate;
}

/** Everything the editor shows for one run configuration. */
export interface ConfigAnalysis {
  config: RunConfig;
  model?: ModelSpec;
  /** The settings estimated: the file's, over those the model's own defaults (Ollama params layer) give. */
  settings?: RunSettings;
  /** Absent when the model could not be resolved (see diagnostics). */
  estimate?: Estimate;
  /** Same model at half and double the context (hover on the context setting). */
  ctxAlternatives: Alternative[];
  diagnostics: FitDiagnostic[];
}

export interface DocumentAnalysis {
  format: string | undefined;
  configs: ConfigAnalysis[];
  /** Reader diagnostics plus fit diagnostics of every configuration. */
  diagnostics: FitDiagnostic[];
}

/** The comparison panel's data: quantizations × contexts on one machine, and the configuration on several machines. */
export interface Comparison {
  modelName: string;
  /** The quant the file asks for. */
  baseQuant: string;
  /** Quants compared, small → large (catalog models and Ollama tags; a local file compares only itself). */
  quants: string[];
  contexts: number[];
  /** One estimate per (quant, context) on the selected hardware. */
  grid: Array<{ quant: string; ctx: number; estimate: Estimate }>;
  /** The configuration as written, on each hardware profile (this machine first). */
  profiles: Array<{ id: string; label: string; estimate: Estimate }>;
  /** Decode tok/s as the context fills up, for the chart. */
  depthCurve: Array<{ depth: number; decodeTps: number; decodeTpsLow: number; decodeTpsHigh: number }>;
}
