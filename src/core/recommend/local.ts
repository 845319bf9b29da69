// Models already on this machine: the Ollama store's library tags and GGUF files in given folders.
// Reads only directory listings, manifests and GGUF headers (bounded by the readers); never a whole file.
import fs from 'node:fs';
import nodePath from 'node:path';
import { loadGgufModel } from '../gguf';
import { readOllamaManifest } from '../resolve';
import type { ModelSpec } from '../types';

export interface LocalModel {
  spec: ModelSpec;
  /** How the user refers to it: an Ollama tag or the file's path. */
  ref: string;
  origin: 'ollama' | 'workspace';
}

const MAX_LOCAL_MODELS = 64;
const MAX_ENTRIES = 2000;

function list(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  } catch {
    return [];
  }
}

/** Tags pulled into an Ollama store (registry.ollama.ai and hf.co names), each read from its manifest. */
export async function ollamaStoreModels(storeDir: string): Promise<LocalModel[]> {
  const out: LocalModel[] = [];
  const root = nodePath.join(storeDir, 'manifests');
  for (const host of list(root).filter((d) => d.isDirectory())) {
    for (const ns of list(nodePath.join(root, host.name)).filter((d) => d.isDirectory())) {
      for (const model of list(nodePath.join(root, host.name, ns.name)).filter((d) => d.isDirectory())) {
        for (const tag of list(nodePath.join(root, host.name, ns.name, model.name)).filter((d) => d.isFile())) {
          if (out.length >= MAX_LOCAL_MODELS) return out;
          const name = { host: host.name, namespace: ns.name, model: model.name, tag: tag.name };
          const layers = readOllamaManifest(storeDir, name, []);
          if (!layers?.model) continue;
          try {
            const spec = await loadGgufModel(layers.model, 'ollama');
            const prefix = host.name === 'registry.ollama.ai' ? (ns.name === 'library' ? '' : `${ns.name}/`) : `${host.name}/${ns.name}/`;
            out.push({ spec, ref: `${prefix}${model.name}:${tag.name}`, origin: 'ollama' });
          } catch {
            // an unreadable blob is left out; `estimate` reports it when asked for that model
          }
        }
      }
    }
  }
  return out;
}

function isLaterShard(name: string): boolean {
  const m = /-(\d{5})-of-\d{5}\.gguf$/i.exec(name);
  return !!m && m[1] !== '00001';
}

/** GGUF models in `dir` and its direct subfolders (first shard of split files; mmproj files skipped). */
export async function workspaceGgufs(dir: string): Promise<LocalModel[]> {
  const files: string[] = [];
  const visit = (d: string, depth: number) => {
    for (const e of list(d)) {
      const p = nodePath.join(d, e.name);
      if (e.isDirectory() && depth > 0 && !e.name.startsWith('.') && e.name !== 'node_modules') visit(p, depth - 1);
      else if (e.isFile() && /\.gguf$/i.test(e.name) && !/^mmproj/i.test(e.name) && !isLaterShard(e.name)) files.push(p);
    }
  };
  visit(dir, 1);
  const out: LocalModel[] = [];
  for (const f of files.sort().slice(0, MAX_LOCAL_MODELS)) {
    try {
      out.push({ spec: await loadGgufModel(f, 'gguf'), ref: f, origin: 'workspace' });
    } catch {
      // not a model GGUF (LoRA, truncated download): skipped
    }
  }
  return out;
}
