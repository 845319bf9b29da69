// Rewrite a model reference to select another quantization, in the reference's own naming.

import { ollamaQuantName, splitOllamaTag } from './quantNames';

/**
 * The variant word Ollama's library puts between size and quant in its tags, e.g.
 * llama3.1:8b-instruct-q8_0, gemma3:27b-it-q8_0, qwen3:8b-q8_0 (source: the tag lists on ollama.com/library).
 */
const OLLAMA_VARIANT: Record<string, string> = {
  'llama3.1': 'instruct',
  'llama3.2': 'instruct',
  'llama3.3': 'instruct',
  llama3: 'instruct',
  'qwen2.5': 'instruct',
  'qwen2.5-coder': 'instruct',
  mistral: 'instruct',
  'mistral-nemo': 'instruct-2407',
  gemma2: 'instruct',
  gemma3: 'it',
  phi3: 'instruct',
};

/** Quantizations Ollama's library publishes as tags. */
const OLLAMA_LIBRARY_QUANTS = new Set([
  'Q2_K',
  'Q3_K_S',
  'Q3_K_M',
  'Q3_K_L',
  'Q4_0',
  'Q4_1',
  'Q4_K_S',
  'Q4_K_M',
  'Q5_0',
  'Q5_1',
  'Q5_K_S',
  'Q5_K_M',
  'Q6_K',
  'Q8_0',
  'F16',
  'BF16',
]);

/** The reference that selects `quant` of the same model, or undefined when the reference has no such form. */
export function refWithQuant(ref: string, quant: string): string | undefined {
  const trimmed = ref.trim();
  if (/^(hf\.co|huggingface\.co)\//i.test(trimmed) || /^[\w.-]+\/[\w.-]+-gguf(:[\w.-]+)?$/i.test(trimmed)) {
    const base = trimmed.replace(/:[^/:]*$/, '');
    return `${base}:${quant.toUpperCase()}`;
  }
  if (/[\\/]|\.gguf$/i.test(trimmed)) return undefined; // a file path names one file
  const colon = trimmed.indexOf(':');
  if (colon < 0 || !OLLAMA_LIBRARY_QUANTS.has(quant.toUpperCase())) return undefined; // "llama3.1" = the default tag; its quantized siblings have size-specific names
  const name = trimmed.slice(0, colon);
  const tag = trimmed.slice(colon + 1);
  if (tag === 'latest') return undefined;
  const split = splitOllamaTag(tag);
  const hadQuant = split.quant !== undefined;
  let stem = split.stem;
  const variant = OLLAMA_VARIANT[name.replace(/^.*\//, '')];
  // A bare size tag ("8b") is the library's default variant; its quantized siblings spell the variant out.
  if (!hadQuant && variant && /^[\d.]+[bm]$/i.test(stem)) stem = `${stem}-${variant}`;
  return `${name}:${stem}-${ollamaQuantName(quant)}`;
}
