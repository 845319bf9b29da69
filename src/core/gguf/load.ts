// Model loading: split shards (name-00001-of-00003.gguf) merged into one header, and a small cache
// keyed by (path, size, mtime) so re-estimating on every keystroke does not re-read the file.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { ModelFitError } from '../errors';
import type { ModelSpec } from '../types';
import type { GgufHeader } from './header';
import { modelSpecFromGguf } from './modelSpec';
import { readGgufHeaderSync } from './reader';

const SPLIT_RE = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;
const CACHE_MAX = 32;

interface Cached {
  size: number;
  mtimeMs: number;
  header: GgufHeader;
}

const headerCache = new Map<string, Cached>();

/** The header of one file, from the cache when the file's size and mtime are unchanged. */
function cachedHeader(filePath: string): GgufHeader {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(filePath);
  } catch {
    st = undefined; // the reader produces the error message
  }
  const hit = st && headerCache.get(filePath);
  if (st && hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) {
    headerCache.delete(filePath); // refresh LRU position
    headerCache.set(filePath, hit);
    return hit.header;
  }
  const header = readGgufHeaderSync(filePath);
  if (st) {
    headerCache.set(filePath, { size: st.size, mtimeMs: st.mtimeMs, header });
    if (headerCache.size > CACHE_MAX) headerCache.delete(headerCache.keys().next().value as string);
  }
  return header;
}

/** Forget cached headers (tests, or after the user replaces files). */
export function clearGgufCache(): void {
  headerCache.clear();
}

function splitCount(h: GgufHeader): number {
  const v = h.metadata.get('split.count');
  return typeof v === 'number' ? v : 1;
}

/**
 * Reads every shard of a split model given any one of them. Returns the first shard's header with the
 * tensor infos of all shards, and the summed file size.
 */
function readAllShards(filePath: string): { header: GgufHeader; fileBytes: number; ref: string; shards: number } {
  const abs = nodePath.resolve(filePath);
  const first = cachedHeader(abs);
  const m = SPLIT_RE.exec(nodePath.basename(abs));
  const declared = splitCount(first);
  if (!m) {
    if (declared > 1) {
      throw new ModelFitError(
        `${abs} is one of ${declared} split shards, but its name does not follow name-00001-of-0000${declared}.gguf, so the other shards cannot be found`,
      );
    }
    return { header: first, fileBytes: first.fileBytes, ref: abs, shards: 1 };
  }
  const count = Number(m[3]);
  if (count < 1 || count > 9999) throw new ModelFitError(`${abs}: invalid shard count ${m[3]}`);
  if (declared !== count && first.metadata.has('split.count')) {
    throw new ModelFitError(`${abs}: file name says ${count} shards but its split.count says ${declared}`);
  }
  const dir = nodePath.dirname(abs);
  const width = m[3].length;
  const shardPath = (i: number) => nodePath.join(dir, `${m[1]}-${String(i).padStart(width, '0')}-of-${m[3]}.gguf`);
  const headers: GgufHeader[] = [];
  for (let i = 1; i <= count; i++) {
    const p = shardPath(i);
    if (p === abs) {
      headers.push(first);
      continue;
    }
    if (!fs.existsSync(p)) throw new ModelFitError(`split GGUF is missing shard ${i} of ${count}: ${p}`);
    headers.push(cachedHeader(p));
  }
  const merged = mergeShardHeaders(headers);
  return { ...merged, ref: headers[0].path, shards: count };
}

/** The shards' headers as one: the first shard's metadata, every shard's tensors, the summed size. */
export function mergeShardHeaders(headers: GgufHeader[]): { header: GgufHeader; fileBytes: number } {
  const names = new Set<string>();
  const tensors = [];
  let fileBytes = 0;
  for (const h of headers) {
    fileBytes += h.fileBytes;
    for (const t of h.tensors) {
      if (names.has(t.name)) throw new ModelFitError(`split GGUF: tensor ${t.name} appears in more than one shard: ${h.path}`);
      names.add(t.name);
      tensors.push(t);
    }
  }
  const lead = headers[0];
  const declaredTensors = lead.metadata.get('split.tensors.count');
  if (typeof declaredTensors === 'number' && declaredTensors !== tensors.length) {
    throw new ModelFitError(
      `split GGUF: shards hold ${tensors.length} tensors but split.tensors.count says ${declaredTensors}: ${lead.path}`,
    );
  }
  return { header: { ...lead, tensors }, fileBytes };
}

/**
 * The ModelSpec of a GGUF model file (any shard of a split model; Ollama blobs without extension too).
 * Throws ModelFitError with a one-line message for anything unreadable.
 */
export async function loadGgufModel(filePath: string, source?: 'gguf' | 'ollama'): Promise<ModelSpec> {
  const { header, fileBytes, ref, shards } = readAllShards(filePath);
  const spec = modelSpecFromGguf(header, { ref, fileBytes, source });
  if (shards > 1) spec.provenance = `GGUF header (${shards} split shards)`;
  return spec;
}

/** Sum of tensor data bytes of a GGUF (mmproj, LoRA adapter, or a model; every shard when split). */
export async function ggufTensorBytes(filePath: string): Promise<number> {
  const { header } = readAllShards(filePath);
  let sum = 0;
  for (const t of header.tensors) sum += t.bytes;
  return sum;
}
