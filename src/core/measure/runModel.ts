// The model a measured run used, as a ModelSpec: its GGUF when the file is still where the tool saw it
// (or next to the output file), else the catalog model with the same architecture, parameters and quant.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { catalogIds, catalogModel } from '../catalog';
import { loadGgufModel } from '../gguf';
import type { ModelSpec } from '../types';
import type { MeasuredModel } from './types';

export interface RunModel {
  model?: ModelSpec;
  /** How it was found, or why not, in words. */
  how: string;
}

const catalogCache = new Map<string, ModelSpec | null>();

function catalogSpec(id: string, quant: string): ModelSpec | undefined {
  const key = `${id}:${quant}`;
  if (!catalogCache.has(key)) {
    try {
      catalogCache.set(key, catalogModel(id, quant));
    } catch {
      catalogCache.set(key, null);
    }
  }
  return catalogCache.get(key) ?? undefined;
}

/** The catalog model of this architecture within 1% of the run's parameter count. */
function byParams(m: MeasuredModel): ModelSpec | undefined {
  if (!m.quant || !m.nParams) return undefined;
  for (const { id } of catalogIds()) {
    const spec = catalogSpec(id, m.quant);
    if (spec && (!m.arch || spec.arch === m.arch) && Math.abs(spec.nParams - m.nParams) <= 0.01 * m.nParams) return spec;
  }
  return undefined;
}

export async function modelForRun(m: MeasuredModel, searchDirs: readonly string[] = []): Promise<RunModel> {
  if (m.file) {
    const candidates = [m.file, ...searchDirs.map((d) => path.join(d, path.basename(m.file!.replace(/\\/g, '/'))))];
    for (const f of candidates) {
      if (!path.isAbsolute(f) && !searchDirs.length) continue;
      if (existsSync(f)) {
        try {
          return { model: await loadGgufModel(f), how: `GGUF ${f}` };
        } catch (err) {
          return { how: `${f}: ${err instanceof Error ? err.message : String(err)}` };
        }
      }
    }
  }
  const spec = byParams(m);
  if (spec) return { model: spec, how: `catalog ${spec.name} ${spec.quant} (same architecture and parameter count)` };
  return { how: `model ${m.file ?? m.desc ?? m.name ?? '?'} not found on disk or in the catalog` };
}
