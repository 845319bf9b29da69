// File sizes as their publishers list them, for files whose per-tensor mix the catalog cannot compute
// (Unsloth's dynamic UD-* mixes, Ollama blobs with a vision tower the catalog has no shape for).
// The catalog shapes the model; these set its size ("size from the publisher's listing").

export interface PublishedFileSize {
  /** The reference as people write it: an Ollama tag or hf.co/<owner>/<repo>:<QUANT> (matched case-insensitively). */
  ref: string;
  /** Size in bytes, from the printed figure and its unit. */
  bytes: number;
  /** The figure as printed. */
  printed: string;
  source: { repo?: string; ref: string; url: string };
}

const GB = 1e9;

export const PUBLISHED_SIZES: readonly PublishedFileSize[] = [
  {
    ref: 'hf.co/unsloth/Qwen3.6-35B-A3B-MTP-GGUF:UD-Q4_K_XL', bytes: 22.85 * GB, printed: '22.85GB',
    source: { ref: 'recipe "Qwen3.6-35B-A3B MTP UD-Q4_K_XL on an RTX 4070", requirements table (file size of unsloth\'s GGUF)', url: 'https://smeltcore.com/recipes/qwen3-6-35b-a3b-mtp-ud-q4-k-xl-gguf-rtx-4070/' },
  },
  {
    ref: 'qwen3.5:35b-a3b', bytes: 24 * GB, printed: '24 GB',
    source: { ref: 'Local LLMs 2026 reference guide, model table ("sizes sourced directly from Ollama\'s model library"); the blob includes the vision tower', url: 'https://kgptalkie.com/local-llms-2026-technical-reference-guide' },
  },
];
