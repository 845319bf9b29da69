// Model references → catalog entries: Ollama library tags, Hugging Face GGUF repos
// (hf.co/owner/repo:QUANT, llama-server -hf owner/repo:QUANT) and catalog ids.

import { CATALOG, type CatalogEntry } from '../data/models';
import { looksLikeQuant, normalizeQuant, quantInRepoName } from '../quantNames';

export interface CatalogRefMatch {
  id: string;
  /** llama-quantize label; an unknown label is passed on upper-cased so the caller can report it. */
  quant: string;
  /** False when the reference named no quant and the default was assumed. */
  quantGiven: boolean;
  /** An Ollama library tag: the blob Ollama pulls (vision models carry their projector in it). */
  ollama?: boolean;
}

/**
 * Both Ollama's library and llama.cpp's -hf default to Q4_K_M. gpt-oss: Ollama ships MXFP4 experts with
 * BF16 elsewhere (gpt-oss:20b 13.8 GB); Hugging Face repos (ggml-org, bartowski "MXFP4") the MXFP4_MOE
 * file type, the rest at Q8_0 (12.1 GB).
 */
function defaultQuant(id: string, hf = false): string {
  if (id.startsWith('gpt-oss')) return hf ? 'MXFP4_MOE' : 'MXFP4';
  return 'Q4_K_M';
}

// Ollama library name → default size, size tag → catalog id, and the library's default quant when it is
// not Q4_K_M (older libraries were published at Q4_0: mixtral:8x7b 26 GB, gemma2:9b 5.4 GB, llama2:7b 3.8 GB).
// `def` is absent when the library's default size is a model the catalog does not have.
const OLLAMA: Record<string, { def?: string; sizes: Record<string, string>; quant?: string }> = {
  'llama3.1': { def: '8b', sizes: { '8b': 'llama3.1-8b', '70b': 'llama3.1-70b', '405b': 'llama3.1-405b' } },
  'llama3.2': { def: '3b', sizes: { '1b': 'llama3.2-1b', '3b': 'llama3.2-3b' } },
  'llama3.3': { def: '70b', sizes: { '70b': 'llama3.3-70b' } },
  'qwen2.5': { def: '7b', sizes: qwen25Sizes(true) },
  'qwen2.5-coder': { def: '7b', sizes: qwen25Sizes(false, 'qwen2.5-coder') },
  'qwen3-coder': {
    def: '30b',
    sizes: {
      '30b': 'qwen3-coder-30b-a3b',
      '30b-a3b': 'qwen3-coder-30b-a3b',
      '480b': 'qwen3-coder-480b-a35b',
      '480b-a35b': 'qwen3-coder-480b-a35b',
    },
  },
  'qwen3.5': { def: '35b', sizes: { '27b': 'qwen3.5-27b', '35b': 'qwen3.5-35b-a3b', '35b-a3b': 'qwen3.5-35b-a3b' } },
  'qwen3-next': { def: '80b', sizes: { '80b': 'qwen3-next-80b-a3b', '80b-a3b': 'qwen3-next-80b-a3b' } },
  'qwen3.6': { def: '35b', sizes: { '27b': 'qwen3.6-27b', '35b': 'qwen3.6-35b-a3b', '35b-a3b': 'qwen3.6-35b-a3b' } },
  llama2: { def: '7b', sizes: { '7b': 'llama2-7b', '13b': 'llama2-13b' }, quant: 'Q4_0' },
  tinyllama: { def: '1.1b', sizes: { '1.1b': 'tinyllama-1.1b' }, quant: 'Q4_0' },
  llama4: {
    def: '16x17b',
    sizes: { '16x17b': 'llama4-scout', scout: 'llama4-scout', '128x17b': 'llama4-maverick', maverick: 'llama4-maverick' },
  },
  'deepseek-v2': { def: '16b', sizes: { '16b': 'deepseek-v2-lite', lite: 'deepseek-v2-lite' }, quant: 'Q4_0' },
  'granite3-moe': { def: '1b', sizes: { '1b': 'granite3-moe-1b', '3b': 'granite3-moe-3b' } },
  // granite4:latest is the dense 3B (granite-4.0-micro), not in the catalog; the hybrid sizes are tagged "-h".
  'nemotron-3-nano': { def: '30b', sizes: { '30b': 'nemotron3-nano-30b-a3b', '30b-a3b': 'nemotron3-nano-30b-a3b' } },
  granite4: { sizes: { 'micro-h': 'granite4-h-micro', 'small-h': 'granite4-h-small' } },
  qwen3: {
    def: '8b',
    sizes: {
      '0.6b': 'qwen3-0.6b',
      '1.7b': 'qwen3-1.7b',
      '4b': 'qwen3-4b',
      '8b': 'qwen3-8b',
      '14b': 'qwen3-14b',
      '32b': 'qwen3-32b',
      '30b': 'qwen3-30b-a3b',
      '30b-a3b': 'qwen3-30b-a3b',
      '235b': 'qwen3-235b-a22b',
      '235b-a22b': 'qwen3-235b-a22b',
    },
  },
  gemma2: { def: '9b', sizes: { '2b': 'gemma2-2b', '9b': 'gemma2-9b', '27b': 'gemma2-27b' }, quant: 'Q4_0' },
  gemma3: { def: '4b', sizes: { '1b': 'gemma3-1b', '4b': 'gemma3-4b', '12b': 'gemma3-12b', '27b': 'gemma3-27b' } },
  mistral: { def: '7b', sizes: { '7b': 'mistral-7b' } },
  'mistral-nemo': { def: '12b', sizes: { '12b': 'mistral-nemo-12b' } },
  'mistral-small': { def: '24b', sizes: { '24b': 'mistral-small-24b' } },
  'mistral-small3.2': { def: '24b', sizes: { '24b': 'mistral-small-3.2-24b' } },
  magistral: { def: '24b', sizes: { '24b': 'magistral-small-24b' } },
  devstral: { def: '24b', sizes: { '24b': 'devstral-small-24b' } },
  'phi4-mini': { def: '3.8b', sizes: { '3.8b': 'phi4-mini' } },
  mixtral: { def: '8x7b', sizes: { '8x7b': 'mixtral-8x7b', '8x22b': 'mixtral-8x22b' }, quant: 'Q4_0' },
  phi3: { def: 'mini', sizes: { mini: 'phi3-mini', '3.8b': 'phi3-mini', medium: 'phi3-medium', '14b': 'phi3-medium' } },
  phi4: { def: '14b', sizes: { '14b': 'phi4-14b' } },
  // deepseek-r1:8b has been the R1-0528 Qwen3 distill since May 2025; "8b-llama-distill-…" is the old one.
  'deepseek-r1': {
    def: '8b',
    sizes: {
      '1.5b': 'deepseek-r1-distill-qwen-1.5b',
      '7b': 'deepseek-r1-distill-qwen-7b',
      '8b': 'deepseek-r1-0528-qwen3-8b',
      '14b': 'deepseek-r1-distill-qwen-14b',
      '32b': 'deepseek-r1-distill-qwen-32b',
      '70b': 'deepseek-r1-distill-llama-70b',
      '671b': 'deepseek-r1-671b',
    },
  },
  'deepseek-v3': { def: '671b', sizes: { '671b': 'deepseek-v3-671b' } },
  'gpt-oss': { def: '20b', sizes: { '20b': 'gpt-oss-20b', '120b': 'gpt-oss-120b' } },
};

function qwen25Sizes(with72: boolean, prefix = 'qwen2.5'): Record<string, string> {
  const s: Record<string, string> = {};
  for (const size of ['0.5b', '1.5b', '3b', '7b', '14b', '32b', ...(with72 ? ['72b'] : [])]) s[size] = `${prefix}-${size}`;
  return s;
}

const ids = new Set(CATALOG.map((e) => e.id));

/** The catalog entry and quant a reference names, or undefined when it names none. Never throws. */
export function matchCatalogRef(ref: string): CatalogRefMatch | undefined {
  if (typeof ref !== 'string') return undefined;
  let r = ref.trim();
  if (!r || r.length > 300 || /\s/.test(r.replace(/^(?:-hf|--hf-repo|-hfr)\s+/, ''))) return undefined;
  r = r.replace(/^(?:-hf|--hf-repo|-hfr)\s+/, '');
  return matchHf(r) ?? matchId(r) ?? matchOllama(r);
}

function withQuant(id: string, tag: string | undefined, def = defaultQuant(id)): CatalogRefMatch {
  if (!tag) return { id, quant: def, quantGiven: false };
  return { id, quant: normalizeQuant(tag) ?? tag.toUpperCase(), quantGiven: true };
}

function matchId(r: string): CatalogRefMatch | undefined {
  const [name, tag, extra] = r.toLowerCase().split(':');
  if (extra !== undefined || !ids.has(name)) return undefined;
  return withQuant(name, tag || undefined);
}

function matchOllama(r: string): CatalogRefMatch | undefined {
  const bare = r
    .toLowerCase()
    .replace(/^(?:https?:\/\/)?registry\.ollama\.ai\//, '')
    .replace(/^library\//, '');
  const [name, tag = 'latest', extra] = bare.split(':');
  const lib = OLLAMA[name];
  if (!lib || extra !== undefined) return undefined;
  const def = (id: string) => lib.quant ?? defaultQuant(id);
  const defaultId = lib.def === undefined ? undefined : lib.sizes[lib.def];
  if (tag === 'latest') return defaultId ? { ...withQuant(defaultId, undefined, def(defaultId)), ollama: true } : undefined;

  // The longest size key that starts the tag ("30b-a3b-q4_K_M" → "30b-a3b"); none → the default size.
  const size = Object.keys(lib.sizes)
    .filter((k) => tag === k || tag.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  // A size the library does not have ("llama3.1:13b") is another model, not the default one.
  if (!size && /^\d+(?:\.\d+)?(?:x\d+)?[bm](?:-|$)/.test(tag)) return undefined;
  let id = size ? lib.sizes[size] : defaultId;
  if (!id) return undefined;
  if (name === 'deepseek-r1' && size === '8b' && tag.includes('llama')) id = 'deepseek-r1-distill-llama-8b';
  // The -2507 releases ("qwen3:30b-a3b-instruct-2507-q4_K_M") are their own catalog entries.
  if (/-2507(?:-|$)/.test(tag)) id = ids.has(`${id}-2507`) ? `${id}-2507` : id;
  if (/-thinking-2507(?:-|$)/.test(tag) && ids.has(id.replace(/-2507$/, '-thinking-2507'))) id = id.replace(/-2507$/, '-thinking-2507');
  const last = tag.split('-').pop()!;
  // Gemma's quantization-aware builds ("gemma3:27b-it-qat") are Google's Q4_0 files (F16 embedding), not Q4_K_M.
  if (last === 'qat') return { ...withQuant(id, 'QAT_F16_EMBD'), ollama: true };
  // Original case matters only for the error message; Ollama writes "q4_K_M".
  const original = r
    .slice(r.lastIndexOf(':') + 1)
    .split('-')
    .pop()!;
  return { ...withQuant(id, looksLikeQuant(last) && last !== size ? original : undefined, def(id)), ollama: true };
}

function matchHf(r: string): CatalogRefMatch | undefined {
  const m = /^(?:(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/)?([\w.-]+)\/([\w.-]+)(?::([\w.-]+))?$/i.exec(r);
  if (!m) return undefined;
  const hasHost = /^(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\//i.test(r);
  // Without a host, owner/repo is only Hugging Face when the repo says it holds GGUFs.
  if (!hasHost && !/gguf/i.test(m[2])) return undefined;
  // Gemma's quantization-aware repos ("gemma-3-4b-it-qat-GGUF", Google's "gemma-3-4b-it-qat-q4_0-gguf").
  const qat = /-qat(?:-q4_0)?(?=-gguf$)/i.test(m[2]);
  const repo = m[2].replace(/-qat(?:-q4_0)?(?=-gguf$)/i, '');
  // ggml-org names single-quant repos "<model>-Q8_0-GGUF".
  const inName = quantInRepoName(repo);
  const entry = entryForRepoName(inName?.repo ?? repo);
  if (!entry) return undefined;
  // Google's own QAT repos keep the embedding in F16; ggml-org's and others' requantize it to Q8_0.
  const googleQat = /-qat-q4_0-gguf$/i.test(m[2]);
  if (qat && (!m[3] || /^q4_0$/i.test(m[3]))) return { id: entry.id, quant: googleQat ? 'QAT_F16_EMBD' : 'QAT', quantGiven: !!m[3] };
  const tag = m[3] ?? inName?.quant;
  // On Hugging Face, gpt-oss's "MXFP4" file is the MXFP4_MOE file type (experts MXFP4, the rest Q8_0).
  if (tag && /^mxfp4$/i.test(tag) && entry.arch === 'gpt-oss') return { id: entry.id, quant: 'MXFP4_MOE', quantGiven: true };
  return withQuant(entry.id, tag, defaultQuant(entry.id, true));
}

// Organisation prefixes that some uploaders put before the model name ("google_gemma-3-27b-it-GGUF").
const ORG_PREFIX =
  /^(?:google|qwen|meta-llama|mistralai|microsoft|deepseek-ai|openai|zai-org|thudm|moonshotai|ibm-granite|tinyllama|minimaxai|huggingfacetb|nvidia)_/i;
const NOISE = new Set(['gguf', 'instruct', 'it', 'chat', 'hf', 'meta', 'base', 'ggml', 'imat', 'imatrix', 'mtp', 'i1']);

/**
 * "Meta-Llama-3.1-8B-Instruct-GGUF" → "llama3.18b": lower case, noise words dropped; release dates
 * ("-2507", "-2501") too unless `keepDates` (the Qwen3 -2507 releases differ from the originals).
 */
function repoKey(name: string, keepDates = false): string {
  return name
    .replace(ORG_PREFIX, '')
    .replace(/^(?:meta-)(?=llama)/i, '')
    .toLowerCase()
    .split(/[-_\s]+/)
    .filter((w) => w && !NOISE.has(w) && (keepDates || !/^\d{4}$/.test(w)))
    .join('');
}

// Exact keys (dates kept) first; the date-less key goes to the first entry that claims it.
const exactKeys = new Map<string, CatalogEntry>();
const looseKeys = new Map<string, CatalogEntry>();
const claim = (key: string, e: CatalogEntry) => {
  if (!looseKeys.has(key)) looseKeys.set(key, e);
};
for (const e of CATALOG) {
  const repo = e.source.split('/')[4] ?? '';
  exactKeys.set(repoKey(repo, true), e);
  const key = repoKey(repo);
  claim(key, e);
  // Same shapes under other names.
  if (e.id.startsWith('phi3-')) claim(key.replace('4k', '128k'), e);
  if (e.id.startsWith('mixtral-')) claim(key.replace('v0.1', ''), e);
  if (e.id === 'mistral-small-3.2-24b') claim('mistralsmall3.124b', e);
  // NVIDIA's repo carries a "-BF16" suffix; quantizers drop it, some the "NVIDIA-" prefix too.
  if (e.id === 'nemotron3-nano-30b-a3b') for (const k of ['nvidianemotron3nano30ba3b', 'nemotron3nano30ba3b']) claim(k, e);
  if (e.id.startsWith('llama2-')) claim(key.replace('chat', ''), e);
  // v0.2 has v0.1's shapes (32000-token vocabulary).
  if (e.id === 'mistral-7b-v0.1') for (const k of ['mistral7bv0.1', 'mistral7bv0.2']) claim(k, e);
}

function entryForRepoName(repo: string): CatalogEntry | undefined {
  return exactKeys.get(repoKey(repo, true)) ?? looseKeys.get(repoKey(repo));
}

/** Ollama library tags the catalog knows ("qwen3:8b"), each with its catalog id (FROM completion). */
export function ollamaCatalogTags(): Array<{ tag: string; id: string }> {
  return Object.entries(OLLAMA).flatMap(([name, lib]) => Object.entries(lib.sizes).map(([size, id]) => ({ tag: `${name}:${size}`, id })));
}

/**
 * The Ollama library tag that names a catalog model: the shortest size tag ("qwen3:30b", what a bare pull
 * uses) or, with `full`, the longest ("qwen3:30b-a3b", the stem the library's quantized tags are spelled on).
 */
export function ollamaTagForCatalogId(id: string, full = false): string | undefined {
  for (const [name, lib] of Object.entries(OLLAMA)) {
    // qwen2.5-coder shares shapes with qwen2.5 but is another model
    if (name.endsWith('-coder')) continue;
    const sizes = Object.entries(lib.sizes)
      .filter(([, v]) => v === id)
      .map(([k]) => k);
    if (sizes.length) return `${name}:${sizes.sort((a, b) => (full ? b.length - a.length : a.length - b.length))[0]}`;
  }
  return undefined;
}

/** The quant a catalog model is pulled at when the reference names none. */
export function defaultCatalogQuant(id: string): string {
  return defaultQuant(id);
}

/** The size tags the catalog knows for an Ollama library name ("llama3.1" → 8b, 70b, 405b); undefined for other names. */
export function ollamaLibrarySizes(name: string): string[] | undefined {
  const lib = OLLAMA[name.toLowerCase()];
  return lib && Object.keys(lib.sizes);
}
