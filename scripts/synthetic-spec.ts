// A ModelSpec for a published benchmark row: the row gives file size and parameter count, the
// model's config.json gives the shapes; bytes are spread in proportion to parameters (routed experts
// at their own bytes per weight where the quant says, e.g. MXFP4's 4.25 bits).
import type { ModelSpec } from '../src/core/types';

export interface Shape {
  nLayer: number;
  nEmbd: number;
  nFf: number;
  nHead: number;
  nHeadKv: number;
  nVocab: number;
  tied?: boolean;
  /** head_dim where it is not n_embd / n_head (Gemma 3, gpt-oss). */
  headDim?: number;
  /** Routed experts: count, used per token, FFN width of one expert. */
  experts?: { count: number; used: number; ff: number; bytesPerParam?: number };
  slidingWindow?: number;
  /** Which blocks use the sliding window. */
  swa?: (layer: number) => boolean;
}

export function syntheticSpec(name: string, quant: string, fileBytes: number, nParams: number, s: Shape): ModelSpec {
  const embdParams = s.nVocab * s.nEmbd;
  const headDim = s.headDim ?? s.nEmbd / s.nHead;
  const expertParams = s.experts ? s.experts.count * 3 * s.nEmbd * s.experts.ff : 0;
  const expertBytes = s.experts?.bytesPerParam ? expertParams * s.experts.bytesPerParam : undefined;
  const otherParams = nParams - expertParams * s.nLayer;
  // Without a per-tensor type for the experts, every weight costs the file's average.
  const bytesPerParam = expertBytes === undefined ? fileBytes / nParams : (fileBytes - expertBytes * s.nLayer) / otherParams;
  const blockParams = (otherParams - embdParams * (s.tied ? 1 : 2)) / s.nLayer;
  const group = (params: number) => ({ params, bytes: params * bytesPerParam });
  const swa = Array.from({ length: s.nLayer }, (_, l) => !!s.slidingWindow && (s.swa ? s.swa(l) : true));
  return {
    name,
    source: 'catalog',
    ref: name,
    quant,
    fileBytes,
    tensorBytes: fileBytes,
    provenance: 'published benchmark row',
    arch: 'llama',
    nLayer: s.nLayer,
    nEmbd: s.nEmbd,
    nFf: s.nFf,
    nHead: s.nHead,
    nHeadKv: Array(s.nLayer).fill(s.nHeadKv),
    headDimK: headDim,
    headDimV: headDim,
    nVocab: s.nVocab,
    ctxTrain: 131072,
    slidingWindow: s.slidingWindow ?? 0,
    swaLayers: swa,
    expertCount: s.experts?.count ?? 0,
    expertUsed: s.experts?.used ?? 0,
    expertShared: 0,
    expertFf: s.experts?.ff ?? 0,
    tokenEmbd: group(embdParams),
    output: group(embdParams),
    other: { bytes: 0, params: 0 },
    blocks: Array.from({ length: s.nLayer }, () => ({
      dense: group(blockParams),
      experts: { params: expertParams, bytes: expertBytes ?? expertParams * bytesPerParam },
    })),
    tiedEmbeddings: !!s.tied,
    nParams,
  };
}
