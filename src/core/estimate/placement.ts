import type { ModelSpec } from '../types';

/** Where llama.cpp puts each part of the model for a given -ngl and expert override. */
export interface Placement {
  /** Layers on the GPU in llama.cpp's count: blocks + the output layer. */
  gpuLayers: number;
  blockOnGpu: boolean[];
  outputOnGpu: boolean;
  /** Per block: routed experts kept in host memory (--n-cpu-moe / --cpu-moe). */
  expertsOnCpu: boolean[];
}

export interface WeightSplit {
  /** Resident bytes. */
  gpuBytes: number;
  hostBytes: number;
  /** Bytes read per generated token (MoE reads only the routed experts in use). */
  gpuReadBytes: number;
  hostReadBytes: number;
  /** Weight bytes that live on the host but that llama.cpp copies to the GPU for large batches (prefill). */
  hostBytesUsedByGpuPrefill: number;
  gpuBlocks: number;
  hostBlocks: number;
}

/**
 * llama.cpp offloads the LAST ngl layers: with n_layer blocks plus the output layer, blocks
 * i >= n_layer + 1 - ngl go to the GPU and the output layer goes as soon as ngl >= 1.
 */
export function placeLayers(model: ModelSpec, ngl: number, nCpuMoe: number, hasGpu: boolean): Placement {
  const nLayer = model.blocks.length;
  const gpuLayers = hasGpu ? Math.max(0, Math.min(nLayer + 1, Math.floor(ngl))) : 0;
  const firstGpuBlock = Math.max(nLayer + 1 - gpuLayers, 0);
  const blockOnGpu = model.blocks.map((_, i) => i >= firstGpuBlock);
  const expertsOnCpu = model.blocks.map((_, i) => i < nCpuMoe);
  return { gpuLayers, blockOnGpu, outputOnGpu: gpuLayers >= 1, expertsOnCpu };
}

/** Fraction of routed-expert weights one token reads. */
export function activeExpertFraction(model: ModelSpec): number {
  if (model.expertCount <= 0 || model.expertUsed <= 0) return 1;
  return Math.min(1, model.expertUsed / model.expertCount);
}

export function splitWeights(model: ModelSpec, placement: Placement): WeightSplit {
  const expertFraction = activeExpertFraction(model);
  const split: WeightSplit = {
    gpuBytes: 0,
    hostBytes: model.tokenEmbd.bytes,
    gpuReadBytes: 0,
    hostReadBytes: 0,
    hostBytesUsedByGpuPrefill: 0,
    gpuBlocks: 0,
    hostBlocks: 0,
  };
  model.blocks.forEach((block, i) => {
    const onGpu = placement.blockOnGpu[i];
    const expertsOnGpu = onGpu && !placement.expertsOnCpu[i];
    // NextN / MTP blocks are loaded but not run per token.
    const run = isRunBlock(model, i) ? 1 : 0;
    if (onGpu) {
      split.gpuBlocks++;
      split.gpuBytes += block.dense.bytes;
      split.gpuReadBytes += block.dense.bytes * run;
    } else {
      split.hostBlocks++;
      split.hostBytes += block.dense.bytes;
      split.hostReadBytes += block.dense.bytes * run;
      split.hostBytesUsedByGpuPrefill += block.dense.bytes * run;
    }
    if (expertsOnGpu) {
      split.gpuBytes += block.experts.bytes;
      split.gpuReadBytes += block.experts.bytes * expertFraction * run;
    } else {
      split.hostBytes += block.experts.bytes;
      split.hostReadBytes += block.experts.bytes * expertFraction * run;
      split.hostBytesUsedByGpuPrefill += block.experts.bytes * run;
    }
  });
  const outputBytes = model.output.bytes + model.other.bytes;
  if (placement.outputOnGpu) {
    split.gpuBytes += outputBytes;
    split.gpuReadBytes += model.output.bytes;
  } else {
    // A tied output reuses the mapped token_embd on the host: no second copy.
    const resident = model.tiedEmbeddings ? Math.max(0, outputBytes - model.tokenEmbd.bytes) : outputBytes;
    split.hostBytes += resident;
    split.hostReadBytes += model.output.bytes;
    split.hostBytesUsedByGpuPrefill += model.output.bytes;
  }
  return split;
}

/** False for the trailing NextN / MTP blocks, which llama.cpp loads but does not run per token. */
export function isRunBlock(model: ModelSpec, block: number): boolean {
  return block < model.blocks.length - (model.nextnLayers ?? 0);
}

/** Parameters multiplied per token (matmuls): blocks with active experts + output; not the embedding lookup. */
export function activeMatmulParams(model: ModelSpec): number {
  const f = activeExpertFraction(model);
  let params = model.output.params;
  model.blocks.forEach((b, i) => {
    if (isRunBlock(model, i)) params += b.dense.params + b.experts.params * f;
  });
  return params;
}

/** Parameters one token touches (token embedding row excluded). */
export function activeParams(model: ModelSpec): number {
  return activeMatmulParams(model);
}
