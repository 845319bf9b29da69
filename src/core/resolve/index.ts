// Model reference → ModelSpec: a local GGUF (file, split shards, directory), the local Ollama store, or the
// built-in catalog. Never throws: what could not be found comes back as a diagnostic listing what was tried.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { catalogModelForRef, matchCatalogRef } from '../catalog';
import { quantInFileName } from '../quantNames';
import { ollamaAutoBatch, ollamaDefaultNumCtx } from '../config/ollamaParams';
import { ggufTensorBytes, loadGgufModel, KV_CACHE_TYPES } from '../gguf';
import type { ConfigDiagnostic, ModelSpec, RunConfig, RunSettings } from '../types';
import { MAX_DIR_ENTRIES } from './localQuants';
import { ollamaStoreDirs, parseOllamaName, readOllamaManifest } from './ollamaStore';
import { remoteGgufModel } from './remoteHeader';
import type { RemoteHeaderOptions } from './remoteHeader';

export { parseOllamaName, ollamaStoreDirs, readOllamaManifest } from './ollamaStore';
export type { OllamaName, OllamaLayers } from './ollamaStore';
export { MAX_REMOTE_HEADER_BYTES, clearRemoteHeaderFailures, parseHfRef, pickGgufFiles, remoteGgufModel } from './remoteHeader';
export type { RemoteHeaderOptions } from './remoteHeader';

export interface ResolveOptions {
  ollamaModelsDir?: string;
  env?: Record<string, string | undefined>;
  /** Total VRAM of the machine estimated for: Ollama's default context depends on it. */
  totalVramBytes?: number;
  /** Opt-in (CLI --fetch, setting modelFit.remoteHeaders; never in an untrusted workspace): read an hf.co model's GGUF header over HTTP. */
  remoteHeaders?: RemoteHeaderOptions;
}

export interface ResolveResult {
  spec?: ModelSpec;
  /** Every place looked at, in order (paths, store manifests, "catalog: …"). */
  tried: string[];
  diagnostic?: ConfigDiagnostic;
  /** Settings that come from the model or the runtime rather than the file (Ollama params layer, Ollama defaults). */
  settingsFromModel?: RunSettings;
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

function expandHome(p: string, env: Record<string, string | undefined>): string {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) return nodePath.join(env.HOME || os.homedir(), p.slice(1));
  return p;
}

/** A reference that can only be a file-system path. */
function looksLikePath(ref: string): boolean {
  return /\.gguf$/i.test(ref) || /^(\.{1,2}[/\\]|[/\\~]|[A-Za-z]:[/\\])/.test(ref) || ref.includes('\\');
}

function stat(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** The model file in a directory: the first shard of a split model, else the largest .gguf that is not an mmproj. */
function ggufInDir(dir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).slice(0, MAX_DIR_ENTRIES);
  } catch {
    return undefined;
  }
  const ggufs = names.filter((n) => /\.gguf$/i.test(n) && !/^mmproj/i.test(n)).sort();
  const firstShard = ggufs.find((n) => /-00001-of-\d{5}\.gguf$/i.test(n));
  if (firstShard) return nodePath.join(dir, firstShard);
  let best: string | undefined;
  let bestSize = -1;
  for (const n of ggufs) {
    const size = stat(nodePath.join(dir, n))?.size ?? -1;
    if (size > bestSize) {
      best = n;
      bestSize = size;
    }
  }
  return best && nodePath.join(dir, best);
}

function absolute(p: string, baseDir: string, env: Record<string, string | undefined>): string {
  const e = expandHome(p, env);
  return nodePath.isAbsolute(e) ? e : nodePath.resolve(baseDir, e);
}

/** Bytes of side files (mmproj, LoRA) that exist; missing ones are noted in `tried`. */
async function sideFileBytes(paths: string[], tried: string[], what: string): Promise<number | undefined> {
  let total = 0;
  let found = false;
  for (const p of paths) {
    if (!stat(p)?.isFile()) {
      tried.push(`${what}: ${p} (not found)`);
      continue;
    }
    try {
      total += await ggufTensorBytes(p);
      found = true;
    } catch (err) {
      tried.push(`${what}: ${p} (${message(err)})`);
    }
  }
  return found ? total : undefined;
}

/** Ollama's runtime defaults and the model's params layer, as settings (the file's own settings win over these). */
function ollamaSettings(
  config: RunConfig,
  params: Record<string, unknown> | undefined,
  env: Record<string, string | undefined>,
  defaultCtx: number,
): RunSettings {
  const s: RunSettings = {};
  const num = (k: string): number | undefined => {
    const v = params?.[k];
    return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
  };
  const envCtx = Number(env.OLLAMA_CONTEXT_LENGTH);
  const ctx = num('num_ctx') ?? (Number.isInteger(envCtx) && envCtx > 0 ? envCtx : defaultCtx);
  s.ctx = ctx;
  const gpu = num('num_gpu');
  s.ngl = gpu === undefined || gpu < 0 ? 'auto' : gpu;
  const batch = num('num_batch') ?? ollamaAutoBatch(config.settings.ctx ?? ctx);
  s.batch = batch;
  s.ubatch = batch;
  const threads = num('num_thread');
  if (threads && threads > 0) s.threads = threads;
  const fa = env.OLLAMA_FLASH_ATTENTION?.trim().toLowerCase();
  s.flashAttn = fa === undefined || fa === '' ? 'auto' : ['1', 'true', 't', 'on', 'yes'].includes(fa) ? 'on' : 'off';
  const kv = env.OLLAMA_KV_CACHE_TYPE?.trim().toLowerCase();
  if (kv && (KV_CACHE_TYPES as readonly string[]).includes(kv)) {
    s.cacheTypeK = kv;
    s.cacheTypeV = kv;
  }
  s.parallel = 1;
  return s;
}

/** "models/Llama-3.1-8B-Instruct-Q4_K_M.gguf" (not on disk yet) → the catalog model and quant its name says. */
function catalogFromFileName(ref: string): ReturnType<typeof matchCatalogRef> {
  const base = ref.replace(/^.*[/\\]/, '');
  if (!/\.gguf$/i.test(base)) return undefined;
  const quant = quantInFileName(base);
  if (!quant) return undefined;
  const stem = base
    .replace(/(-\d{5}-of-\d{5})?\.gguf$/i, '')
    .slice(0, -quant.length)
    .replace(/[-_.]+$/, '');
  return stem ? matchCatalogRef(`hf.co/local/${stem}-GGUF:${quant.replace(/^UD-/i, '')}`) : undefined;
}

function notFound(config: RunConfig, tried: string[], why?: string): ResolveResult {
  const range = config.ranges.model ?? config.range;
  const shown = tried.slice(0, 6).join('; ') + (tried.length > 6 ? `; … (${tried.length - 6} more)` : '');
  return {
    tried,
    diagnostic: {
      severity: 'warning',
      code: 'resolve.not-found',
      message: `Model "${config.modelRef}" not found${why ? ` (${why})` : ''}. Tried: ${shown}`,
      range,
    },
  };
}

/** A path that is not on disk: the runtime would fail on it, so the catalog's estimate comes with an error. */
function missingFile(config: RunConfig, tried: string[], spec: ModelSpec): ConfigDiagnostic | undefined {
  // A path-like reference estimated from the catalog was looked for on disk first; `tried` says where.
  const abs = tried.find((t) => t.endsWith(' (not found)'))?.slice(0, -' (not found)'.length);
  if (!abs) return undefined;
  const runtime = config.runtime === 'ollama' ? 'ollama create' : 'llama-server';
  return {
    severity: 'error',
    code: 'resolve.file-missing',
    message: `No file at ${abs}: ${runtime} would fail to load it. The estimate shown is the catalog's ${spec.name} ${spec.quant}, for when the file is there`,
    range: config.ranges.model ?? config.range,
  };
}

export async function resolveModel(config: RunConfig, opts: ResolveOptions = {}): Promise<ResolveResult> {
  const tried: string[] = [];
  try {
    return await resolveInner(config, opts, tried);
  } catch (err) {
    return notFound(config, tried, message(err));
  }
}

/** What one lookup step found: a model, or the reason loading the one it found failed (later steps then stop). */
interface Lookup {
  spec?: ModelSpec;
  loadError?: string;
}

/** Side files and parameters an Ollama manifest lists beside the model layer. */
interface StoreLayers {
  params?: Record<string, unknown>;
  projector?: string;
  adapters: string[];
}

async function loadLookup(file: string, source: 'gguf' | 'ollama'): Promise<Lookup> {
  try {
    return { spec: await loadGgufModel(file, source) };
  } catch (err) {
    return { loadError: message(err) };
  }
}

/** Step 1: a local file or directory. */
async function fromLocalPath(ref: string, baseDir: string, env: Record<string, string | undefined>, tried: string[]): Promise<Lookup> {
  const abs = absolute(ref, baseDir, env);
  const st = stat(abs);
  let file: string | undefined;
  if (st?.isDirectory()) {
    file = ggufInDir(abs);
    tried.push(file ? file : `${abs}/ (no .gguf inside)`);
  } else if (st?.isFile()) {
    file = abs;
    tried.push(abs);
  } else {
    tried.push(`${abs} (not found)`);
  }
  return file ? loadLookup(file, 'gguf') : {};
}

/** Step 2: the local Ollama store (tags, user/model, hf.co/… names); the first store with a manifest decides. */
async function fromOllamaStore(
  ref: string,
  opts: ResolveOptions,
  env: Record<string, string | undefined>,
  tried: string[],
  store: StoreLayers,
): Promise<Lookup> {
  const name = parseOllamaName(ref);
  if (!name) return {};
  for (const dir of ollamaStoreDirs(opts.ollamaModelsDir, env)) {
    const manifestTried: string[] = [];
    const layers = readOllamaManifest(dir, name, manifestTried);
    if (!layers) {
      tried.push(`Ollama store ${dir} (no manifest ${name.host}/${name.namespace}/${name.model}:${name.tag})`);
      continue;
    }
    tried.push(layers.manifestPath);
    store.params = layers.params;
    store.projector = layers.projector;
    store.adapters = layers.adapters;
    if (!layers.model) return { loadError: `manifest ${layers.manifestPath} has no model layer` };
    return loadLookup(layers.model, 'ollama');
  }
  return {};
}

/** Step 3: the built-in catalog. A catalog error propagates: resolveModel turns it into the not-found diagnostic. */
function fromCatalog(ref: string, tried: string[]): ModelSpec | undefined {
  const match = matchCatalogRef(ref.replace(/\.gguf$/i, '')) ?? catalogFromFileName(ref);
  if (!match) {
    tried.push('catalog (no matching model)');
    return undefined;
  }
  tried.push(`catalog: ${match.id} ${match.quant}`);
  const found = catalogModelForRef(ref, match);
  const spec = { ...found, provenance: found.provenance || 'catalog estimate' };
  if (!/catalog/i.test(spec.provenance)) spec.provenance = `catalog estimate (${spec.provenance})`;
  return spec;
}

/** Step 4, opt-in: the GGUF header of the Hugging Face file, read over HTTP (header bytes only, cached). */
async function fromRemoteHeader(ref: string, opts: ResolveOptions, tried: string[]): Promise<Lookup> {
  if (!opts.remoteHeaders) {
    tried.push('Hugging Face header (not read: remote headers are off; CLI --fetch, setting modelFit.remoteHeaders)');
    return {};
  }
  try {
    return { spec: await remoteGgufModel(ref, opts.remoteHeaders, tried) };
  } catch (err) {
    return { loadError: message(err) };
  }
}

/** The config's mmproj / LoRA, else the ones the Ollama manifest lists. */
async function withSideFiles(
  spec: ModelSpec,
  config: RunConfig,
  store: StoreLayers,
  baseDir: string,
  env: Record<string, string | undefined>,
  tried: string[],
): Promise<ModelSpec> {
  const mmprojPaths = config.settings.mmproj ? [absolute(config.settings.mmproj, baseDir, env)] : store.projector ? [store.projector] : [];
  if (mmprojPaths.length && spec.source !== 'catalog') {
    const bytes = await sideFileBytes(mmprojPaths, tried, 'mmproj');
    if (bytes !== undefined) spec = { ...spec, mmprojBytes: bytes };
  }
  const loraPaths = [...(config.settings.lora ?? []).map((p) => absolute(p, baseDir, env)), ...store.adapters];
  if (loraPaths.length) {
    const bytes = await sideFileBytes(loraPaths, tried, 'LoRA');
    if (bytes !== undefined) spec = { ...spec, loraBytes: bytes };
  }
  return spec;
}

/** Speculative decoding: the draft model (-md) is loaded too; it must be a GGUF on disk. */
async function withDraftModel(
  spec: ModelSpec,
  draftModel: string,
  baseDir: string,
  env: Record<string, string | undefined>,
  tried: string[],
): Promise<ModelSpec> {
  const draftPath = absolute(draftModel, baseDir, env);
  if (!stat(draftPath)?.isFile()) {
    tried.push(`draft model: ${draftPath} (not found)`);
    return spec;
  }
  try {
    const draft = await loadGgufModel(draftPath, 'gguf');
    tried.push(`draft model: ${draftPath}`);
    return { ...spec, draft };
  } catch (err) {
    tried.push(`draft model: ${draftPath} (${message(err)})`);
    return spec;
  }
}

/** The model spec from the first place that has it, or why none did. */
async function findModel(
  config: RunConfig,
  ref: string,
  opts: ResolveOptions,
  env: Record<string, string | undefined>,
  tried: string[],
  store: StoreLayers,
): Promise<Lookup> {
  const isHf = /^(https?:\/\/)?(hf\.co|huggingface\.co)\//i.test(ref);
  const baseDir = config.baseDir || '.';
  // llama.cpp's -m is always a path; Ollama's FROM only when it looks like one.
  if (!isHf && (config.runtime === 'llama.cpp' || looksLikePath(ref))) {
    const local = await fromLocalPath(ref, baseDir, env, tried);
    if (local.spec || local.loadError) return local;
  }
  if (!looksLikePath(ref) && config.runtime === 'ollama') {
    const inStore = await fromOllamaStore(ref, opts, env, tried, store);
    if (inStore.spec || inStore.loadError) return inStore;
  }
  const fromBuiltIn = fromCatalog(ref, tried);
  if (fromBuiltIn) return { spec: fromBuiltIn };
  return isHf ? fromRemoteHeader(ref, opts, tried) : {};
}

async function resolveInner(config: RunConfig, opts: ResolveOptions, tried: string[]): Promise<ResolveResult> {
  const env = opts.env ?? process.env;
  const ref = (config.modelRef ?? '').trim();
  if (!ref) return notFound(config, tried, 'empty model reference');
  const baseDir = config.baseDir || '.';
  const store: StoreLayers = { adapters: [] };
  const found = await findModel(config, ref, opts, env, tried, store);
  if (!found.spec) return notFound(config, tried, found.loadError);

  let spec = await withSideFiles(found.spec, config, store, baseDir, env, tried);
  if (config.settings.draftModel) spec = await withDraftModel(spec, config.settings.draftModel, baseDir, env, tried);
  const result: ResolveResult = { spec, tried };
  if (spec.source === 'catalog' && looksLikePath(ref)) result.diagnostic = missingFile(config, tried, spec);
  if (config.runtime === 'ollama') {
    result.settingsFromModel = ollamaSettings(config, store.params, env, ollamaDefaultNumCtx(opts.totalVramBytes, spec.ctxTrain));
  }
  return result;
}
