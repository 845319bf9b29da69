// Other quantizations of a local GGUF that are already on disk: files next to it named like it with
// another llama-quantize label (Llama-3.1-8B-Instruct-Q4_K_M.gguf → …-Q8_0.gguf, …-Q6_K-00001-of-00002.gguf).
import fs from 'node:fs';
import nodePath from 'node:path';
import { normalizeQuant } from '../catalog';
import { FILE_TYPE_LABELS } from '../catalog/quantMix';

export interface LocalQuantFile {
  /** Canonical label, e.g. "Q8_0". */
  quant: string;
  /** The model reference rewritten to name this file, in the config's own spelling. */
  ref: string;
  /** Absolute path (the first shard of a split model). */
  path: string;
}

const MAX_DIR_ENTRIES = 10_000;
const MAX_SIBLINGS = 24;

// Longest labels first so that Q4_K_M is not read as Q4_K.
const LABELS = [...FILE_TYPE_LABELS, 'FP16']
  .sort((a, b) => b.length - a.length)
  .map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const LABEL = `(${LABELS.join('|')})`;
const SHARD_OR_END = /(-\d{5}-of-\d{5})?\.gguf$/i;

/** Splits a GGUF file name around its quant label: "Llama-Q4_K_M.gguf" → ["Llama-", "Q4_K_M", ".gguf"]. */
export function splitQuantLabel(fileName: string): { prefix: string; label: string; suffix: string } | undefined {
  const m = new RegExp(`^(.*[-._])${LABEL}((?:[-._][^/\\\\]*)?\\.gguf)$`, 'i').exec(fileName);
  if (!m) return undefined;
  return { prefix: m[1], label: m[2], suffix: m[3] };
}

/** The suffix without a shard marker, so a split Q8_0 pairs with a single-file Q4_K_M. */
function stem(suffix: string): string {
  return suffix.replace(SHARD_OR_END, '.gguf').toLowerCase();
}

export function localQuantSiblings(modelRef: string, resolvedPath: string): LocalQuantFile[] {
  const dir = nodePath.dirname(resolvedPath);
  const own = splitQuantLabel(nodePath.basename(resolvedPath));
  // Only a reference that spells the file's name can be rewritten (not a directory or an Ollama blob).
  const refName = modelRef.trim().split(/[\\/]/).pop() ?? '';
  if (!own || !refName.endsWith(nodePath.basename(resolvedPath))) return [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).slice(0, MAX_DIR_ENTRIES);
  } catch {
    return [];
  }
  const ownQuant = normalizeQuant(own.label);
  const byQuant = new Map<string, LocalQuantFile>();
  for (const name of names) {
    const other = splitQuantLabel(name);
    if (!other || other.prefix.toLowerCase() !== own.prefix.toLowerCase() || stem(other.suffix) !== stem(own.suffix)) continue;
    const shard = /-(\d{5})-of-\d{5}\.gguf$/i.exec(other.suffix);
    if (shard && shard[1] !== '00001') continue;
    const quant = normalizeQuant(other.label);
    if (!quant || quant === ownQuant || byQuant.has(quant)) continue;
    const cut = modelRef.trim().length - refName.length;
    byQuant.set(quant, { quant, ref: modelRef.trim().slice(0, cut) + name, path: nodePath.join(dir, name) });
    if (byQuant.size >= MAX_SIBLINGS) break;
  }
  return [...byQuant.values()];
}
