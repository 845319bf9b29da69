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
    ref: 'hf.co/unsloth/Qwen3.6-35B-A3B-MTP-GGUF:UD-Q4_K_XL',
    bytes: 22.85 * GB,
    printed: '22.85GB',
    source: {
      ref: 'recipe "Qwen3.6-35B-A3B MTP UD-Q4_K_XL on an RTX 4070", requirements table (file size of unsloth\'s GGUF)',
      url: 'https://smeltcore.com/recipes/qwen3-6-35b-a3b-mtp-ud-q4-k-xl-gguf-rtx-4070/',
    },
  },
  {
    ref: 'qwen3.5:35b-a3b',
    bytes: 24 * GB,
    printed: '24 GB',
    source: {
      ref: 'Local LLMs 2026 reference guide, model table ("sizes sourced directly from Ollama\'s model library"); the blob includes the vision tower',
      url: 'https://kgptalkie.com/local-llms-2026-technical-reference-guide',
    },
  },
  // Byte counts of unsloth's files as a public planning-fixture script (scripts/fixtures/plan-campaign-fixtures.py)
  // recorded them, with the GGUF header read remotely.
  {
    ref: 'hf.co/unsloth/granite-4.0-h-small-GGUF:UD-Q4_K_XL',
    bytes: 18_756_426_656,
    printed: '18756426656 B',
    source: {
      repo: 'unsloth/granite-4.0-h-small-GGUF',
      ref: 'granite-4.0-h-small-UD-Q4_K_XL.gguf file size',
      url: 'https://huggingface.co/unsloth/granite-4.0-h-small-GGUF/blob/main/granite-4.0-h-small-UD-Q4_K_XL.gguf',
    },
  },
  {
    ref: 'hf.co/unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:UD-Q4_K_XL',
    bytes: 17_690_497_440,
    printed: '17690497440 B',
    source: {
      repo: 'unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF',
      ref: 'Qwen3-30B-A3B-Instruct-2507-UD-Q4_K_XL.gguf file size',
      url: 'https://huggingface.co/unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF/blob/main/Qwen3-30B-A3B-Instruct-2507-UD-Q4_K_XL.gguf',
    },
  },
];
