// What FROM can name on this machine: models in the local Ollama store (manifests/<host>/<namespace>/<model>/<tag>)
// and the catalog's Ollama tags. Directory reads are bounded; nothing is opened beyond the listing.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { catalogEntry } from '../catalog';
import { ollamaCatalogTags } from '../catalog/refs';

const MAX_MODELS = 500;

function dirs(path: string): string[] {
  try {
    return fs
      .readdirSync(path, { withFileTypes: true })
      .slice(0, MAX_MODELS)
      .filter((d) => d.isDirectory() || d.isFile())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** "llama3.1:8b", "user/model:tag", "hf.co/owner/repo:Q4_K_M" for every manifest in the stores. */
export function localOllamaModels(storeDirs: string[]): string[] {
  const out = new Set<string>();
  for (const store of storeDirs) {
    const root = nodePath.join(store, 'manifests');
    for (const host of dirs(root)) {
      for (const ns of dirs(nodePath.join(root, host))) {
        for (const model of dirs(nodePath.join(root, host, ns))) {
          for (const tag of dirs(nodePath.join(root, host, ns, model))) {
            if (out.size >= MAX_MODELS) return [...out];
            const name = host === 'registry.ollama.ai' ? (ns === 'library' ? model : `${ns}/${model}`) : `${host}/${ns}/${model}`;
            out.add(`${name}:${tag}`);
          }
        }
      }
    }
  }
  return [...out].sort();
}

export function catalogFromRefs(): Array<{ ref: string; name: string }> {
  return ollamaCatalogTags().map((t) => ({ ref: t.tag, name: catalogEntry(t.id)?.name ?? t.id }));
}
