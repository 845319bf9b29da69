// Other quantizations of a local GGUF that are already on disk: files next to it named like it with
// another quant label (Llama-3.1-8B-Instruct-Q4_K_M.gguf → …-Q8_0.gguf, …-Q6_K-00001-of-00002.gguf).
import fs from 'node:fs';
import nodePath from 'node:path';
import { quantInFileName } from '../quantNames';

export interface LocalQuantFile {
  /** The label as the file name spells it, e.g. "Q8_0", "UD-Q4_K_XL". */
  label: string;
  /** The model reference rewritten to name this file, in the config's own spelling. */
  ref: string;
  /** Absolute path (the first shard of a split model). */
  path: string;
}

export const MAX_DIR_ENTRIES = 10_000;
const MAX_SIBLINGS = 24;
const SHARD_OR_EXT = /(-\d{5}-of-\d{5})?\.gguf$/i;

/** "Llama-Q4_K_M-00001-of-00002.gguf" → { stem: "llama-", label: "Q4_K_M", shard: "00001" }. */
function splitName(fileName: string): { stem: string; label: string; shard?: string } | undefined {
  const label = quantInFileName(fileName);
  if (!label) return undefined;
  const base = fileName.replace(SHARD_OR_EXT, '');
  return { stem: base.slice(0, base.length - label.length).toLowerCase(), label, shard: /-(\d{5})-of-\d{5}\.gguf$/i.exec(fileName)?.[1] };
}

export function localQuantSiblings(modelRef: string, resolvedPath: string): LocalQuantFile[] {
  const ownName = nodePath.basename(resolvedPath);
  const own = splitName(ownName);
  // Only a reference that spells the file's name can be rewritten (not a directory or an Ollama blob).
  const ref = modelRef.trim();
  if (!own || !ref.endsWith(ownName)) return [];
  let names: string[];
  try {
    names = fs.readdirSync(nodePath.dirname(resolvedPath)).slice(0, MAX_DIR_ENTRIES);
  } catch {
    return [];
  }
  const byLabel = new Map<string, LocalQuantFile>();
  for (const name of names) {
    const other = splitName(name);
    if (!other || other.stem !== own.stem || (other.shard && other.shard !== '00001')) continue;
    const key = other.label.toUpperCase();
    if (key === own.label.toUpperCase() || byLabel.has(key)) continue;
    byLabel.set(key, {
      label: other.label,
      ref: ref.slice(0, ref.length - ownName.length) + name,
      path: nodePath.join(nodePath.dirname(resolvedPath), name),
    });
    if (byLabel.size >= MAX_SIBLINGS) break;
  }
  return [...byLabel.values()];
}
