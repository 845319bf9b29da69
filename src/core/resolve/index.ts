// Model reference → ModelSpec: a local GGUF (file, split shards, directory), the local Ollama store, or the
// built-in catalog. Never throws: what could not be found comes back as a diagnostic listing what was tried.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { catalogModelForRef, matchCatalogRef } from '../catalog';
import { quantInFileName } from '../config/llamaArgs';
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
  config: RunConfig, params: Record<string, unknown> | undefined, env: Record<string, string | undefined>, defaultCtx: number,
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
  const stem = base.replace(/(-\d{5}-of-\d{5})?\.gguf$/i, '').slice(0, -quant.length).replace(/[-_.]+$/, '');
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

export async function resolveModel(config: RunConfig, opts: ResolveOptions = {}): Promise<ResolveResult> {
  const tried: string[] = [];
  try {
    return await resolveInner(config, opts, tried);
  } catch (err) {
    return notFound(config, tried, message(err));
  }
}

async function resolveInner(config: RunConfig, opts: ResolveOptions, tried: string[]): Promise<ResolveResult> {
  const env = opts.env ?? process.env;
  const ref = (config.modelRef ?? '').trim();
  if (!ref) return notFound(config, tried, 'empty model reference');
  const isHf = /^(https?:\/\/)?(hf\.co|huggingface\.co)\//i.test(ref);
  const baseDir = config.baseDir || '.';
  let spec: ModelSpec | undefined;
  let params: Record<string, unknown> | undefined;
  let storeProjector: string | undefined;
  let storeAdapters: string[] = [];
  let loadError: string | undefined;

  // 1. A local file or directory. llama.cpp's -m is always a path; Ollama's FROM only when it looks like one.
  if (!isHf && (config.runtime === 'llama.cpp' || looksLikePath(ref))) {
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
    if (file) {
      try {
        spec = await loadGgufModel(file, 'gguf');
      } catch (err) {
        loadError = message(err);
      }
    }
  }

  // 2. The local Ollama store (tags, user/model, hf.co/… names).
  if (!spec && !loadError && !looksLikePath(ref) && config.runtime === 'ollama') {
    const name = parseOllamaName(ref);
    if (name) {
      for (const dir of ollamaStoreDirs(opts.ollamaModelsDir, env)) {
        const manifestTried: string[] = [];
        const layers = readOllamaManifest(dir, name, manifestTried);
        if (!layers) {
          tried.push(`Ollama store ${dir} (no manifest ${name.host}/${name.namespace}/${name.model}:${name.tag})`);
          continue;
        }
        tried.push(layers.manifestPath);
        params = layers.params;
        storeProjector = layers.projector;
        storeAdapters = layers.adapters;
        if (!layers.model) {
          loadError = `manifest ${layers.manifestPath} has no model layer`;
          break;
        }
        try {
          spec = await loadGgufModel(layers.model, 'ollama');
        } catch (err) {
          loadError = message(err);
        }
        break;
      }
    }
  }

  // 3. The built-in catalog.
  if (!spec && !loadError) {
    const match = matchCatalogRef(ref.replace(/\.gguf$/i, '')) ?? catalogFromFileName(ref);
    if (match) {
      tried.push(`catalog: ${match.id} ${match.quant}`);
      try {
        spec = catalogModelForRef(ref, match);
        spec = { ...spec, provenance: spec.provenance || 'catalog estimate' };
        if (!/catalog/i.test(spec.provenance)) spec.provenance = `catalog estimate (${spec.provenance})`;
      } catch (err) {
        return notFound(config, tried, message(err));
      }
    } else {
      tried.push('catalog (no matching model)');
    }
  }

  // 4. Opt-in: the GGUF header of the Hugging Face file, read over HTTP (header bytes only, cached).
  if (!spec && !loadError && isHf && opts.remoteHeaders) {
    try {
      spec = await remoteGgufModel(ref, opts.remoteHeaders, tried);
    } catch (err) {
      loadError = message(err);
    }
  } else if (!spec && !loadError && isHf) {
    tried.push('Hugging Face header (not read: remote headers are off; CLI --fetch, setting modelFit.remoteHeaders)');
  }

  if (!spec) return notFound(config, tried, loadError);

  // Side files: the config's mmproj / LoRA, else the ones the Ollama manifest lists.
  const mmprojPaths = config.settings.mmproj ? [absolute(config.settings.mmproj, baseDir, env)] : storeProjector ? [storeProjector] : [];
  if (mmprojPaths.length && spec.source !== 'catalog') {
    const bytes = await sideFileBytes(mmprojPaths, tried, 'mmproj');
    if (bytes !== undefined) spec = { ...spec, mmprojBytes: bytes };
  }
  const loraPaths = [...(config.settings.lora ?? []).map((p) => absolute(p, baseDir, env)), ...storeAdapters];
  if (loraPaths.length) {
    const bytes = await sideFileBytes(loraPaths, tried, 'LoRA');
    if (bytes !== undefined) spec = { ...spec, loraBytes: bytes };
  }
  // Speculative decoding: the draft model (-md) is loaded too; it must be a GGUF on disk.
  if (config.settings.draftModel) {
    const draftPath = absolute(config.settings.draftModel, baseDir, env);
    if (stat(draftPath)?.isFile()) {
      try {
        spec = { ...spec, draft: await loadGgufModel(draftPath, 'gguf') };
        tried.push(`draft model: ${draftPath}`);
      } catch (err) {
        tried.push(`draft model: ${draftPath} (${message(err)})`);
      }
    } else {
      tried.push(`draft model: ${draftPath} (not found)`);
    }
  }
  const result: ResolveResult = { spec, tried };
  if (config.runtime === 'ollama') {
    result.settingsFromModel = ollamaSettings(config, params, env, ollamaDefaultNumCtx(opts.totalVramBytes, spec.ctxTrain));
  }
  return result;
}
