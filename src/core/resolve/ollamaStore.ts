// The local Ollama model store: name → manifest → layers (model, projector, adapter, params) → blobs.
// Layout: ollama/ollama types/model/name.go (registry.ollama.ai/library/<model>/<tag>) and manifest/.
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { readTextFileOrUndefined } from '../io/boundedRead';

export interface OllamaName {
  host: string;
  namespace: string;
  model: string;
  tag: string;
}

export interface OllamaLayers {
  manifestPath: string;
  model?: string;
  projector?: string;
  adapters: string[];
  params?: Record<string, unknown>;
}

const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_PARAMS_BYTES = 256 * 1024;

/** "llama3.1:8b", "user/model:tag", "hf.co/owner/repo:Q4_K_M", "host/ns/model:tag" → parts (Ollama's defaults filled in). */
export function parseOllamaName(ref: string): OllamaName | undefined {
  const r = ref.trim().replace(/^https?:\/\//, '');
  if (!r || r.length > 350 || /\s/.test(r)) return undefined;
  const colon = r.lastIndexOf(':');
  const slash = r.lastIndexOf('/');
  const tag = colon > slash ? r.slice(colon + 1) : 'latest';
  const path = colon > slash ? r.slice(0, colon) : r;
  const parts = path.split('/');
  if (parts.some((p) => !/^[\w.-]+$/.test(p)) || parts.length > 3 || !/^[\w.-]+$/.test(tag)) return undefined;
  if (parts.length === 1) return { host: 'registry.ollama.ai', namespace: 'library', model: parts[0], tag };
  if (parts.length === 2) return { host: 'registry.ollama.ai', namespace: parts[0], model: parts[1], tag };
  return { host: parts[0], namespace: parts[1], model: parts[2], tag };
}

/** Store directories to look in: OLLAMA_MODELS, else ~/.ollama/models and (Linux service) /usr/share/ollama/.ollama/models. */
export function ollamaStoreDirs(explicit: string | undefined, env: Record<string, string | undefined>): string[] {
  if (explicit) return [explicit];
  if (env.OLLAMA_MODELS) return [env.OLLAMA_MODELS];
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const dirs = [nodePath.join(home, '.ollama', 'models')];
  if (process.platform === 'linux') dirs.push('/usr/share/ollama/.ollama/models');
  return dirs;
}

function readSmall(path: string, max: number): string | undefined {
  const text = readTextFileOrUndefined(path, 'json');
  return text !== undefined && text.length <= max ? text : undefined;
}

function blobPath(storeDir: string, digest: unknown): string | undefined {
  if (typeof digest !== 'string' || !/^sha256[:-][0-9a-f]{64}$/i.test(digest)) return undefined;
  return nodePath.join(storeDir, 'blobs', digest.replace(':', '-'));
}

/** The manifest's layers, or undefined when the store has no such model. `manifestTried` gets the paths looked at. */
export function readOllamaManifest(storeDir: string, name: OllamaName, manifestTried: string[]): OllamaLayers | undefined {
  const variants = new Set(
    [
      [name.host, name.namespace, name.model, name.tag],
      [name.host.toLowerCase(), name.namespace.toLowerCase(), name.model.toLowerCase(), name.tag],
      [name.host.toLowerCase(), name.namespace.toLowerCase(), name.model.toLowerCase(), name.tag.toLowerCase()],
    ].map((v) => nodePath.join(storeDir, 'manifests', ...v)),
  );
  for (const manifestPath of variants) {
    manifestTried.push(manifestPath);
    const text = readSmall(manifestPath, MAX_MANIFEST_BYTES);
    if (text === undefined) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    const layers = (json as { layers?: unknown }).layers;
    if (!Array.isArray(layers)) continue;
    const out: OllamaLayers = { manifestPath, adapters: [] };
    for (const layer of layers) {
      if (!layer || typeof layer !== 'object') continue;
      const { mediaType, digest } = layer as { mediaType?: unknown; digest?: unknown };
      const blob = blobPath(storeDir, digest);
      if (!blob) continue;
      switch (mediaType) {
        case 'application/vnd.ollama.image.model':
          out.model ??= blob;
          break;
        case 'application/vnd.ollama.image.projector':
          out.projector ??= blob;
          break;
        case 'application/vnd.ollama.image.adapter':
          out.adapters.push(blob);
          break;
        case 'application/vnd.ollama.image.params': {
          const p = readSmall(blob, MAX_PARAMS_BYTES);
          try {
            const parsed = p === undefined ? undefined : JSON.parse(p);
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.params = parsed as Record<string, unknown>;
          } catch {
            // an unreadable params layer only loses the model's own defaults
          }
          break;
        }
        default:
          break;
      }
    }
    return out;
  }
  return undefined;
}
