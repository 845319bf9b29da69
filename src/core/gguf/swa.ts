// Which blocks use sliding-window attention and which blocks keep a KV cache, following the rules
// llama.cpp hard-codes per architecture (llama-hparams.cpp set_swa_pattern and each arch's
// load_hparams in llama-model.cpp / src/models/*.cpp).

/**
 * Period llama.cpp passes to set_swa_pattern(n) when the GGUF has no attention.sliding_window_pattern.
 * set_swa_pattern(n): block il is SWA when n == 0 or il % n < n - 1 (so the last block of each period is full).
 */
const DEFAULT_PERIOD: Record<string, number> = {
  gemma2: 2, // even blocks SWA
  gemma3: 6, // 5 SWA then 1 full
  gemma3n: 5,
  'gemma-embedding': 6,
  cohere2: 4,
  'gpt-oss': 2, // LLM_ARCH_OPENAI_MOE: even blocks SWA
  llama4: 4, // 3 chunked then 1 full
  exaone4: 4,
  olmo2: 4, // OLMo 3 ships as olmo2 with a sliding window
  smallthinker: 4,
  afmoe: 4,
};

/** Window llama.cpp assumes when the GGUF has no attention.sliding_window. */
const DEFAULT_WINDOW: Record<string, number> = {
  gemma2: 4096,
  // llama4 uses chunked attention (8192-token chunks) on 3 of every 4 blocks; the chunk bounds the KV like a window.
  llama4: 8192,
};

/** Architectures with no KV cache at all (pure recurrent state). */
const RECURRENT = new Set(['mamba', 'mamba2', 'rwkv6', 'rwkv6qwen2', 'rwkv7', 'arwkv7']);

/** Hybrid archs where only every N-th block is attention (`full_attention_interval`, default 4). */
const INTERVAL_HYBRID = new Set(['qwen3next', 'qwen35', 'qwen35moe']);

export function swaPatternFromPeriod(nLayer: number, period: number): boolean[] {
  const out: boolean[] = new Array(nLayer);
  for (let il = 0; il < nLayer; il++) out[il] = period === 0 || il % period < period - 1;
  return out;
}

/**
 * Sliding window (0 = none) and per-block SWA flags.
 * `window`: attention.sliding_window (undefined when absent); `pattern`: attention.sliding_window_pattern
 * as a period (number) or per-block flags (array), undefined when absent.
 */
export function slidingWindowLayout(
  arch: string,
  nLayer: number,
  window: number | undefined,
  pattern: number | Array<number | boolean> | undefined,
): { slidingWindow: number; swaLayers: boolean[] } {
  const none = { slidingWindow: 0, swaLayers: new Array<boolean>(nLayer).fill(false) };
  const w = window ?? DEFAULT_WINDOW[arch] ?? 0;
  // A window of 0 switches SWA off (llama4 and gemma3 check for it explicitly).
  if (!(w > 0)) return none;
  if (Array.isArray(pattern)) {
    if (pattern.length < nLayer) return none;
    return { slidingWindow: w, swaLayers: pattern.slice(0, nLayer).map((v) => Boolean(v)) };
  }
  const period = typeof pattern === 'number' ? pattern : DEFAULT_PERIOD[arch];
  // Archs llama.cpp does not build with SWA ignore the window (e.g. Mistral v0.1, and phi3 which disables it).
  if (period === undefined || !Number.isInteger(period) || period < 0) return none;
  const swaLayers = swaPatternFromPeriod(nLayer, period);
  return swaLayers.some(Boolean) ? { slidingWindow: w, swaLayers } : none;
}

/**
 * Zeroes the KV heads of blocks that keep no KV cache of their own: recurrent blocks of hybrid models
 * and the trailing blocks of Gemma 3n / Gemma 4 that reuse an earlier block's cache.
 */
export function applyKvLessBlocks(
  arch: string,
  nHeadKv: number[],
  opts: { fullAttentionInterval?: number; sharedKvLayers?: number; nextnLayers?: number },
): number[] {
  const n = nHeadKv.length;
  if (RECURRENT.has(arch)) return nHeadKv.map(() => 0);
  // NextN / MTP blocks keep no cache of their own (llama.cpp: n_layer_kv_from_start = n_layer - nextn).
  let kvFromStart = n - (opts.nextnLayers ?? 0);
  if (arch === 'gemma3n') kvFromStart = Math.min(kvFromStart, 20); // llama.cpp: n_layer_kv_from_start = 20
  if (opts.sharedKvLayers !== undefined && opts.sharedKvLayers > 0)
    kvFromStart = Math.min(kvFromStart, Math.max(0, n - opts.sharedKvLayers));
  const interval = INTERVAL_HYBRID.has(arch) ? (opts.fullAttentionInterval ?? 4) : undefined;
  return nHeadKv.map((h, il) => {
    if (il >= kvFromStart) return 0;
    if (interval !== undefined && interval > 0 && (il + 1) % interval !== 0) return 0;
    return h;
  });
}
