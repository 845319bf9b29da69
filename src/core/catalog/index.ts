// Built-in catalog: ModelSpecs for models that are not on disk, sized tensor by tensor.

import { editDistance } from '../editDistance';
import { CATALOG, type CatalogEntry } from '../data/models';
import { ModelFitError } from '../errors';
import type { BlockWeights, ModelSpec, WeightGroup } from '../types';
import { assignTensorTypes, FILE_TYPE_LABELS, type QuantModelInfo } from './quantMix';
import { nominalBits, normalizeQuant, quantVariant, type QuantVariant } from '../quantNames';
import { recurrentStateBytesPerBlock } from '../gguf/recurrent';
import { catalogBlockCount, catalogTensorShapes, elementCount, isFfnOnlyBlock, isRecurrentBlock } from './shapes';
import { headerBytesEstimate, tensorDataBytes } from './sizes';

export { defaultCatalogQuant, matchCatalogRef, ollamaLibrarySizes, ollamaTagForCatalogId } from './refs';
export { catalogModelForRef, publishedSize } from './forRef';
export type { CatalogRefMatch } from './refs';
export { normalizeQuant } from '../quantNames';
export type { CatalogEntry } from '../data/models';

export interface CatalogTensor {
  name: string;
  dims: number[];
  /** ggml type name, e.g. "Q4_K". */
  type: string;
  /** Data bytes, padded to the 32-byte alignment. */
  bytes: number;
}

const byId = new Map(CATALOG.map((e) => [e.id, e]));

export function catalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id.toLowerCase());
}

export function catalogIds(): { id: string; name: string; family: string }[] {
  return CATALOG.map((e) => ({ id: e.id, name: e.name, family: e.family }));
}

function requireEntry(id: string): CatalogEntry {
  const e = catalogEntry(id);
  if (!e)
    throw new ModelFitError(
      `Unknown catalog model "${id}"; closest: ${closest(
        id,
        CATALOG.map((x) => x.id),
      ).join(', ')}`,
      'catalog.unknown-model',
    );
  return e;
}

/** File types this model can be sized for, smallest file first. */
export function catalogQuants(id: string): string[] {
  const e = requireEntry(id);
  const cached = quantOrder.get(e.id);
  if (cached) return [...cached];
  const labels = FILE_TYPE_LABELS.filter((q) => quantAllowed(e, q));
  const sized = labels.map((q) => ({ q, bytes: tensorsFor(e, plainVariant(q)).reduce((s, t) => s + t.bytes, 0) }));
  // ties (gpt-oss's converter outputs) keep the list's order
  const order = sized.sort((a, b) => a.bytes - b.bytes).map((x) => x.q);
  quantOrder.set(e.id, order);
  return [...order];
}
const quantOrder = new Map<string, string[]>();

/** Every tensor of the catalog model at this file type, with its ggml type and bytes. */
export function catalogTensors(id: string, quant: string): CatalogTensor[] {
  const e = requireEntry(id);
  return tensorsFor(e, requireQuant(e, quant));
}

const plainVariant = (q: string): QuantVariant => ({ label: q, base: q, embedOutputQ8: false, approximate: false });

function quantAllowed(e: CatalogEntry, q: string): boolean {
  if (q === 'MXFP4') return e.arch === 'gpt-oss';
  if (q === 'MXFP4_MOE') return !!e.moe;
  return FILE_TYPE_LABELS.includes(q);
}

function requireQuant(e: CatalogEntry, quant: string): QuantVariant {
  const q = normalizeQuant(quant);
  // Checking the label needs no sizes (sizing every file type of a model takes ~100 ms cold).
  if (q && quantAllowed(e, q)) return plainVariant(q);
  const v = quantVariant(quant);
  if (v && quantAllowed(e, v.base)) return v;
  const known = catalogQuants(e.id);
  throw new ModelFitError(
    `No ${quant} size for ${e.name}; nearest by bits per weight: ${nearestByBits(e, quant, known).join(', ')}`,
    'catalog.unknown-quant',
  );
}

/** Up to three known quants whose bits per weight are nearest the label's nominal bits (by meaning, not spelling). */
function nearestByBits(e: CatalogEntry, label: string, known: readonly string[]): string[] {
  const target = nominalBits(label);
  if (target === undefined) return closest(label.toUpperCase(), known);
  const params = tensorsFor(e, plainVariant(known[0])).reduce((s, t) => s + elementCount(t.dims), 0);
  return known
    .map((q) => ({ q, bits: (tensorsFor(e, plainVariant(q)).reduce((s, t) => s + t.bytes, 0) * 8) / params }))
    .sort((a, b) => Math.abs(a.bits - target) - Math.abs(b.bits - target))
    .slice(0, 3)
    .map((x) => x.q);
}

function quantInfo(e: CatalogEntry): QuantModelInfo {
  const n80 = e.nLayer === 80 && (e.arch === 'llama' || e.arch === 'qwen2');
  return {
    arch: e.arch,
    nLayer: e.nLayer,
    nExpert: e.moe?.experts ?? 0,
    nGqa: e.nHead / (e.mla ? 1 : e.nHeadKv),
    is70B: n80,
  };
}

// Bounded by catalog size × file types (a few thousand entries at most).
const tensorCache = new Map<string, readonly CatalogTensor[]>();

// Shapes depend only on the entry: built once per model (bounded by the catalog's size).
const shapeCache = new Map<string, ReturnType<typeof catalogTensorShapes>>();
function shapesOf(e: CatalogEntry): ReturnType<typeof catalogTensorShapes> {
  let s = shapeCache.get(e.id);
  if (!s) shapeCache.set(e.id, (s = catalogTensorShapes(e)));
  return s;
}

function tensorsFor(e: CatalogEntry, v: QuantVariant): CatalogTensor[] {
  // copies: callers may change what they get
  return cachedTensors(e, v).map((t) => ({ ...t, dims: [...t.dims] }));
}

function cachedTensors(e: CatalogEntry, v: QuantVariant): readonly CatalogTensor[] {
  const key = `${e.id}:${v.base}:${v.embedOutputQ8 ? 'q8eo' : ''}${v.embedF16 ? 'f16e' : ''}`;
  let list = tensorCache.get(key);
  if (!list) {
    const shapes = shapesOf(e);
    const types = assignTensorTypes(shapes, v.base, quantInfo(e));
    if (v.embedOutputQ8) {
      shapes.forEach((t, i) => {
        if (t.name === 'token_embd.weight' || t.name === 'output.weight') types[i] = 'Q8_0';
      });
    }
    if (v.embedF16)
      shapes.forEach((t, i) => {
        if (t.name === 'token_embd.weight') types[i] = 'F16';
      });
    list = shapes.map((s, i) => ({ name: s.name, dims: s.dims, type: types[i], bytes: tensorDataBytes(s.dims, types[i]) }));
    tensorCache.set(key, list);
  }
  return list;
}

/** The catalog model as a ModelSpec, sized for `quant` (a llama-quantize label such as "Q4_K_M"). */
export function catalogModel(id: string, quant: string): ModelSpec {
  const e = requireEntry(id);
  const v = requireQuant(e, quant);
  const q = v.label;
  const shapes = shapesOf(e);
  // read only here: no copy
  const tensors = cachedTensors(e, v);

  const zero = (): WeightGroup => ({ bytes: 0, params: 0 });
  const add = (g: WeightGroup, t: CatalogTensor) => {
    g.bytes += t.bytes;
    g.params += elementCount(t.dims);
  };
  const tokenEmbd = zero();
  const output = zero();
  const other = zero();
  const nBlocks = catalogBlockCount(e);
  const blocks: BlockWeights[] = Array.from({ length: nBlocks }, () => ({ dense: zero(), experts: zero() }));
  tensors.forEach((t, i) => {
    const block = shapes[i].block;
    if (t.name === 'token_embd.weight') add(tokenEmbd, t);
    else if (t.name === 'output.weight' || t.name === 'output_norm.weight') add(output, t);
    else if (block >= 0) add(t.name.includes('_exps') ? blocks[block].experts : blocks[block].dense, t);
    else add(other, t);
  });
  const tensorBytes = tensors.reduce((s, t) => s + t.bytes, 0);
  const nParams = tensors.reduce((s, t) => s + elementCount(t.dims), 0);
  // A tied model's output layer reads token_embd: the output layer holds a copy of it.
  if (e.tiedEmbeddings) {
    output.bytes += tokenEmbd.bytes;
    output.params += tokenEmbd.params;
  }

  const swa = e.swa;
  // KV only on full-attention blocks of the model itself (not the recurrent or MTP blocks).
  const hasKv = (il: number) => il < e.nLayer && !isRecurrentBlock(e, il) && !isFfnOnlyBlock(e, il);
  const statePerBlock = recurrentStatePerBlock(e);
  const spec: ModelSpec = {
    name: e.name,
    source: 'catalog',
    ref: e.id,
    quant: q,
    fileBytes: tensorBytes + headerBytesEstimate(e.nVocab, shapes),
    tensorBytes,
    tokenEmbd,
    output,
    blocks,
    other,
    tiedEmbeddings: e.tiedEmbeddings,
    nParams,
    provenance: v.approximate
      ? `catalog estimate (${e.source}); ${v.label}'s per-tensor mix is not published: sized as ${v.base}${v.embedOutputQ8 ? ' with Q8_0 embeddings and output' : ''}`
      : `catalog estimate (${e.source})`,
    arch: e.arch,
    nLayer: nBlocks,
    nEmbd: e.nEmbd,
    nFf: e.nFf,
    nHead: e.nHead,
    // MLA caches one latent "head" per token: kv_lora_rank + rope dims for K, kv_lora_rank for V.
    nHeadKv: Array.from({ length: nBlocks }, (_, il) => (!hasKv(il) ? 0 : e.mla ? 1 : e.nHeadKv)),
    headDimK: e.mla ? e.mla.kvLoraRank + e.mla.qkRopeDim : e.headDim,
    headDimV: e.mla ? e.mla.kvLoraRank : e.headDim,
    nVocab: e.nVocab,
    ctxTrain: e.ctxTrain,
    slidingWindow: swa?.window ?? 0,
    swaLayers: Array.from({ length: nBlocks }, (_, il) => (swa ? il % swa.pattern < swa.pattern - 1 : false)),
    expertCount: e.moe?.experts ?? 0,
    expertUsed: e.moe?.used ?? 0,
    expertShared: e.moe?.shared ?? 0,
    expertFf: e.moe?.expertFf ?? 0,
    ...(e.mla ? { mla: { kvLoraRank: e.mla.kvLoraRank, ropeDim: e.mla.qkRopeDim } } : {}),
  };
  if (statePerBlock) spec.recurrentStateBytes = Array.from({ length: nBlocks }, (_, il) => (isRecurrentBlock(e, il) ? statePerBlock : 0));
  if (e.nextn) spec.nextnLayers = e.nextn;
  return spec;
}

/** One sequence's state in one recurrent block (llama.cpp's n_embd_r + n_embd_s, f32), 0 without recurrent blocks. */
function recurrentStatePerBlock(e: CatalogEntry): number {
  const keys = { nEmbd: e.nEmbd, headKv: [], ff: [], nextnLayers: 0 };
  if (e.linear) {
    const l = e.linear;
    return recurrentStateBytesPerBlock({
      ...keys,
      convKernel: l.convKernel,
      innerSize: l.valueHeads * l.valueDim,
      stateSize: l.keyDim,
      groupCount: l.keyHeads,
    });
  }
  if (e.shortconv) return recurrentStateBytesPerBlock({ ...keys, shortconvLCache: e.shortconv.lCache });
  if (e.mamba) {
    const m = e.mamba;
    return recurrentStateBytesPerBlock({
      ...keys,
      convKernel: m.convKernel,
      innerSize: m.heads * m.headDim,
      stateSize: m.stateSize,
      groupCount: m.groups,
    });
  }
  return 0;
}

/** Up to three candidates nearest to `word` by edit distance. */
export function closest(word: string, candidates: readonly string[]): string[] {
  const w = word.toLowerCase();
  return [...candidates]
    .map((c) => ({ c, d: editDistance(w, c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.c);
}
