export { readGgufHeader, readGgufHeaderSync, hasGgufMagic, parseGgufHeaderPrefix, GgufNeedsMoreBytes } from './reader';
export { modelSpecFromGguf } from './modelSpec';
export type { GgufModelInfo } from './modelSpec';
export { loadGgufModel, ggufTensorBytes, clearGgufCache } from './load';
export { GgufValueType, MAX_KEPT_ARRAY, isGgufArray } from './header';
export type { GgufArray, GgufHeader, GgufTensorInfo, GgufValue } from './header';
export { slidingWindowLayout, swaPatternFromPeriod } from './swa';
export { GGML_TYPES, FILE_TYPES, KV_CACHE_TYPES, ggmlTypeById, ggmlTypeByName, tensorBytes, bytesPerElement } from './ggmlTypes';
export type { GgmlType } from './ggmlTypes';
