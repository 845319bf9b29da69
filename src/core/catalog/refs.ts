// Model references → catalog entries: Ollama library tags, Hugging Face GGUF repos
// (hf.co/owner/repo:QUANT, llama-server -hf owner/repo:QUANT) and catalog ids.

import { CATALOG, type CatalogEntry } from '../data/models';
import { looksLikeQuant, normalizeQuant } from './quantNames';

export interface CatalogRefMatch {
  id: string;
  /** llama-quantize label; an unknown label is passed on upper-cased so the caller can report it. */
  quant: string;
  /** False when the reference named no quant and the default was assumed. */
  quantGiven: boolean;
}

/** Both Ollama's library and llama.cpp's -hf default to Q4_K_M; gpt-oss ships MXFP4 experts. */
function defaultQuant(id: string): string {
  return id.startsWith('gpt-oss') ? 'MXFP4' : 'Q4_K_M';
}

// Ollama library name → default size and size tag → catalog id.
const OLLAMA: Record<string, { def: string; sizes: Record<string, string> }> = {
  'llama3.1': { def: '8b', sizes: { '8b': 'llama3.1-8b', '70b': 'llama3.1-70b', '405b': 'llama3.1-405b' } },
  'llama3.2': { def: '3b', sizes: { '1b': 'llama3.2-1b', '3b': 'llama3.2-3b' } },
  'llama3.3': { def: '70b', sizes: { '70b': 'llama3.3-70b' } },
  'qwen2.5': { def: '7b', sizes: qwen25Sizes(true) },
  'qwen2.5-coder': { def: '7b', sizes: qwen25Sizes(false) },
  qwen3: {
    def: '8b',
    sizes: {
      '0.6b': 'qwen3-0.6b', '1.7b': 'qwen3-1.7b', '4b': 'qwen3-4b', '8b': 'qwen3-8b', '14b': 'qwen3-14b', '32b': 'qwen3-32b',
      '30b': 'qwen3-30b-a3b', '30b-a3b': 'qwen3-30b-a3b', '235b': 'qwen3-235b-a22b', '235b-a22b': 'qwen3-235b-a22b',
    },
  },
  gemma2: { def: '9b', sizes: { '2b': 'gemma2-2b', '9b': 'gemma2-9b', '27b': 'gemma2-27b' } },
  gemma3: { def: '4b', sizes: { '1b': 'gemma3-1b', '4b': 'gemma3-4b', '12b': 'gemma3-12b', '27b': 'gemma3-27b' } },
  mistral: { def: '7b', sizes: { '7b': 'mistral-7b' } },
  'mistral-nemo': { def: '12b', sizes: { '12b': 'mistral-nemo-12b' } },
  'mistral-small': { def: '24b', sizes: { '24b': 'mistral-small-24b' } },
  mixtral: { def: '8x7b', sizes: { '8x7b': 'mixtral-8x7b', '8x22b': 'mixtral-8x22b' } },
  phi3: { def: 'mini', sizes: { mini: 'phi3-mini', '3.8b': 'phi3-mini', medium: 'phi3-medium', '14b': 'phi3-medium' } },
  phi4: { def: '14b', sizes: { '14b': 'phi4-14b' } },
  // deepseek-r1:8b has been the R1-0528 Qwen3 distill since May 2025; "8b-llama-distill-…" is the old one.
  'deepseek-r1': {
    def: '8b',
    sizes: {
      '1.5b': 'deepseek-r1-distill-qwen-1.5b', '7b': 'deepseek-r1-distill-qwen-7b', '8b': 'deepseek-r1-0528-qwen3-8b',
      '14b': 'deepseek-r1-distill-qwen-14b', '32b': 'deepseek-r1-distill-qwen-32b', '70b': 'deepseek-r1-distill-llama-70b',
      '671b': 'deepseek-r1-671b',
    },
  },
  'deepseek-v3': { def: '671b', sizes: { '671b': 'deepseek-v3-671b' } },
  'gpt-oss': { def: '20b', sizes: { '20b': 'gpt-oss-20b', '120b': 'gpt-oss-120b' } },
};

function qwen25Sizes(with72: boolean): Record<string, string> {
  const s: Record<string, string> = {};
  for (const size of ['0.5b', '1.5b', '3b', '7b', '14b', '32b', ...(with72 ? ['72b'] : [])]) s[size] = `qwen2.5-${size}`;
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

function withQuant(id: string, tag: string | undefined): CatalogRefMatch {
  if (!tag) return { id, quant: defaultQuant(id), quantGiven: false };
  return { id, quant: normalizeQuant(tag) ?? tag.toUpperCase(), quantGiven: true };
}

function matchId(r: string): CatalogRefMatch | undefined {
  const [name, tag, extra] = r.toLowerCase().split(':');
  if (extra !== undefined || !ids.has(name)) return undefined;
  return withQuant(name, tag || undefined);
}

function matchOllama(r: string): CatalogRefMatch | undefined {
  const bare = r.toLowerCase().replace(/^(?:https?:\/\/)?registry\.ollama\.ai\//, '').replace(/^library\//, '');
  const [name, tag = 'latest', extra] = bare.split(':');
  const lib = OLLAMA[name];
  if (!lib || extra !== undefined) return undefined;
  if (tag === 'latest') return withQuant(lib.sizes[lib.def], undefined);

  // The longest size key that starts the tag ("30b-a3b-q4_K_M" → "30b-a3b"); none → the default size.
  const size = Object.keys(lib.sizes)
    .filter((k) => tag === k || tag.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  // A size the library does not have ("llama3.1:13b") is another model, not the default one.
  if (!size && /^\d+(?:\.\d+)?(?:x\d+)?[bm](?:-|$)/.test(tag)) return undefined;
  let id = lib.sizes[size ?? lib.def];
  if (name === 'deepseek-r1' && size === '8b' && tag.includes('llama')) id = 'deepseek-r1-distill-llama-8b';
  const last = tag.split('-').pop()!;
  // Original case matters only for the error message; Ollama writes "q4_K_M".
  const original = r.slice(r.lastIndexOf(':') + 1).split('-').pop()!;
  return withQuant(id, looksLikeQuant(last) && last !== size ? original : undefined);
}

function matchHf(r: string): CatalogRefMatch | undefined {
  const m = /^(?:(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/)?([\w.-]+)\/([\w.-]+)(?::([\w.-]+))?$/i.exec(r);
  if (!m) return undefined;
  const hasHost = /^(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\//i.test(r);
  // Without a host, owner/repo is only Hugging Face when the repo says it holds GGUFs.
  if (!hasHost && !/gguf/i.test(m[2])) return undefined;
  const entry = entryForRepoName(m[2]);
  return entry ? withQuant(entry.id, m[3]) : undefined;
}

// Organisation prefixes that some uploaders put before the model name ("google_gemma-3-27b-it-GGUF").
const ORG_PREFIX = /^(?:google|qwen|meta-llama|mistralai|microsoft|deepseek-ai|openai)_/i;
const NOISE = new Set(['gguf', 'instruct', 'it', 'chat', 'hf', 'meta', 'base', 'ggml', 'imat', 'imatrix']);

/** "Meta-Llama-3.1-8B-Instruct-GGUF" → "llama3.18b": lower case, noise words and release dates dropped. */
function repoKey(name: string): string {
  return name
    .replace(ORG_PREFIX, '')
    .toLowerCase()
    .split(/[-_\s]+/)
    .filter((w) => w && !NOISE.has(w) && !/^\d{4}$/.test(w))
    .join('');
}

const repoKeys = new Map<string, CatalogEntry>();
for (const e of CATALOG) {
  const repo = e.source.split('/')[4] ?? '';
  const key = repoKey(repo);
  repoKeys.set(key, e);
  // Same shapes under other names.
  if (e.id.startsWith('qwen2.5-')) repoKeys.set(key.replace('qwen2.5', 'qwen2.5coder'), e);
  if (e.id.startsWith('phi3-')) repoKeys.set(key.replace('4k', '128k'), e);
  if (e.id.startsWith('mixtral-')) repoKeys.set(key.replace('v0.1', ''), e);
  if (e.id === 'mistral-small-24b') for (const v of ['3.1', '3.2']) repoKeys.set(`mistralsmall${v}24b`, e);
}

function entryForRepoName(repo: string): CatalogEntry | undefined {
  return repoKeys.get(repoKey(repo));
}

/** The size tags the catalog knows for an Ollama library name ("llama3.1" → 8b, 70b, 405b); undefined for other names. */
export function ollamaLibrarySizes(name: string): string[] | undefined {
  const lib = OLLAMA[name.toLowerCase()];
  return lib && Object.keys(lib.sizes);
}
