// A catalog model as a given reference delivers it: Ollama's blobs carry the vision tower, and a
// publisher's listed size replaces the computed one where the per-tensor mix is not computable.

import { PUBLISHED_SIZES, type PublishedFileSize } from '../data/publishedSizes';
import type { ModelSpec, WeightGroup } from '../types';
import { catalogEntry, catalogModel } from './index';
import type { CatalogRefMatch } from './refs';

/** Lower case, one spelling of the host and the Ollama registry prefix. */
export function normalizeRef(ref: string): string {
  return ref
    .trim()
    .replace(/^(?:-hf|--hf-repo|-hfr)\s+/, '')
    .replace(/^https?:\/\//i, '')
    .replace(/^huggingface\.co\//i, 'hf.co/')
    .replace(/^registry\.ollama\.ai\//i, '')
    .replace(/^library\//i, '')
    .toLowerCase();
}

const listed = new Map(PUBLISHED_SIZES.map((p) => [normalizeRef(p.ref), p]));

export function publishedSize(ref: string): PublishedFileSize | undefined {
  const r = normalizeRef(ref);
  return listed.get(r) ?? (!r.includes(':') ? listed.get(`${r}:latest`) : undefined);
}

const scale = (g: WeightGroup, f: number): WeightGroup => ({ bytes: g.bytes * f, params: g.params });

export function catalogModelForRef(ref: string, match: CatalogRefMatch): ModelSpec {
  let spec = catalogModel(match.id, match.quant);
  const e = catalogEntry(match.id);
  if (match.ollama && e?.vision) {
    // Ollama keeps the projector in BF16 inside the model blob and loads it with the model.
    const bytes = e.vision.params * 2;
    spec = {
      ...spec,
      mmprojBytes: bytes,
      fileBytes: spec.fileBytes + bytes,
      provenance: `${spec.provenance}; Ollama's blob includes the vision projector (${(e.vision.params / 1e6).toFixed(0)}M BF16, ${e.vision.source})`,
    };
  }
  const p = publishedSize(ref);
  if (!p) return spec;
  // Every weight scaled alike, so placement and speed see the listed total.
  const f = p.bytes / spec.fileBytes;
  return {
    ...spec,
    fileBytes: p.bytes,
    tensorBytes: spec.tensorBytes * f,
    tokenEmbd: scale(spec.tokenEmbd, f),
    output: scale(spec.output, f),
    other: scale(spec.other, f),
    blocks: spec.blocks.map((b) => ({ dense: scale(b.dense, f), experts: scale(b.experts, f) })),
    ...(spec.mmprojBytes !== undefined ? { mmprojBytes: spec.mmprojBytes * f } : {}),
    provenance: `size from the publisher's listing (${p.printed}, ${p.source.url}); layout: ${spec.provenance}`,
  };
}
