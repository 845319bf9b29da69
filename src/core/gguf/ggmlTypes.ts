// ggml tensor types: elements per block and bytes per block, as ggml's type traits define them
// (ggml/src/ggml.c, type_traits[]). Source of every row: ggml-org/ggml, ggml.h enum ggml_type + block structs in ggml-common.h.

export interface GgmlType {
  id: number;
  name: string;
  /** Elements per block. */
  blockSize: number;
  /** Bytes per block. */
  typeSize: number;
  /** Removed from ggml: current llama.cpp refuses to load a file that uses it. */
  removed?: boolean;
}

// Verified against ggml.h (enum ggml_type) and ggml-common.h (block structs) as of 2026:
// ids 4–5 were Q4_2/Q4_3 (gone before GGUF), 31–33 and 36–38 are commented out upstream.
const rows: Array<[number, string, number, number]> = [
  [0, 'F32', 1, 4],
  [1, 'F16', 1, 2],
  [2, 'Q4_0', 32, 18],
  [3, 'Q4_1', 32, 20],
  [6, 'Q5_0', 32, 22],
  [7, 'Q5_1', 32, 24],
  [8, 'Q8_0', 32, 34],
  [9, 'Q8_1', 32, 36],
  [10, 'Q2_K', 256, 84],
  [11, 'Q3_K', 256, 110],
  [12, 'Q4_K', 256, 144],
  [13, 'Q5_K', 256, 176],
  [14, 'Q6_K', 256, 210],
  [15, 'Q8_K', 256, 292],
  [16, 'IQ2_XXS', 256, 66],
  [17, 'IQ2_XS', 256, 74],
  [18, 'IQ3_XXS', 256, 98],
  [19, 'IQ1_S', 256, 50],
  [20, 'IQ4_NL', 32, 18],
  [21, 'IQ3_S', 256, 110],
  [22, 'IQ2_S', 256, 82],
  [23, 'IQ4_XS', 256, 136],
  [24, 'I8', 1, 1],
  [25, 'I16', 1, 2],
  [26, 'I32', 1, 4],
  [27, 'I64', 1, 8],
  [28, 'F64', 1, 8],
  [29, 'IQ1_M', 256, 56],
  [30, 'BF16', 1, 2],
  // 31–33: Q4_0_4_4 / Q4_0_4_8 / Q4_0_8_8, removed from ggml (Q4_0 layout); old files still carry them.
  [31, 'Q4_0_4_4', 32, 18],
  [32, 'Q4_0_4_8', 32, 18],
  [33, 'Q4_0_8_8', 32, 18],
  [34, 'TQ1_0', 256, 54],
  [35, 'TQ2_0', 256, 66],
  // 36–38: IQ4_NL_4_4 / _4_8 / _8_8, removed repacked variants (IQ4_NL layout).
  [36, 'IQ4_NL_4_4', 32, 18],
  [37, 'IQ4_NL_4_8', 32, 18],
  [38, 'IQ4_NL_8_8', 32, 18],
  [39, 'MXFP4', 32, 17], // 1 E8M0 scale byte + 16 bytes of 4-bit E2M1
  [40, 'NVFP4', 64, 36], // 4 UE4M3 sub-block scales + 32 bytes of 4-bit E2M1
  [41, 'Q1_0', 128, 18], // f16 scale + 128 sign bits
  [42, 'Q2_0', 64, 18], // f16 scale + 64 × 2 bits
];

const REMOVED = new Set([31, 32, 33, 36, 37, 38]);

export const GGML_TYPES: ReadonlyMap<number, GgmlType> = new Map(
  rows.map(([id, name, blockSize, typeSize]) => [
    id,
    REMOVED.has(id) ? { id, name, blockSize, typeSize, removed: true } : { id, name, blockSize, typeSize },
  ]),
);

const byName = new Map([...GGML_TYPES.values()].map((t) => [t.name, t]));

export function ggmlTypeById(id: number): GgmlType | undefined {
  return GGML_TYPES.get(id);
}

export function ggmlTypeByName(name: string): GgmlType | undefined {
  return byName.get(name.toUpperCase());
}

/** Bytes of a tensor with `elements` elements of this type (rows are whole blocks). */
export function tensorBytes(type: GgmlType, elements: number): number {
  return Math.ceil(elements / type.blockSize) * type.typeSize;
}

/** Bytes per element, e.g. 34/32 for Q8_0 — used for KV-cache types. */
export function bytesPerElement(type: GgmlType): number {
  return type.typeSize / type.blockSize;
}

/** KV-cache types llama.cpp accepts for -ctk / -ctv. */
export const KV_CACHE_TYPES = ['f32', 'f16', 'bf16', 'q8_0', 'q4_0', 'q4_1', 'iq4_nl', 'q5_0', 'q5_1'] as const;

/** llama_ftype (general.file_type) → the label llama-quantize prints. */
export const FILE_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'F32'],
  [1, 'F16'],
  [2, 'Q4_0'],
  [3, 'Q4_1'],
  [7, 'Q8_0'],
  [8, 'Q5_0'],
  [9, 'Q5_1'],
  [10, 'Q2_K'],
  [11, 'Q3_K_S'],
  [12, 'Q3_K_M'],
  [13, 'Q3_K_L'],
  [14, 'Q4_K_S'],
  [15, 'Q4_K_M'],
  [16, 'Q5_K_S'],
  [17, 'Q5_K_M'],
  [18, 'Q6_K'],
  [19, 'IQ2_XXS'],
  [20, 'IQ2_XS'],
  [21, 'Q2_K_S'],
  [22, 'IQ3_XS'],
  [23, 'IQ3_XXS'],
  [24, 'IQ1_S'],
  [25, 'IQ4_NL'],
  [26, 'IQ3_S'],
  [27, 'IQ3_M'],
  [28, 'IQ2_S'],
  [29, 'IQ2_M'],
  [30, 'IQ4_XS'],
  [31, 'IQ1_M'],
  [32, 'BF16'],
  [36, 'TQ1_0'],
  [37, 'TQ2_0'],
  [38, 'MXFP4_MOE'],
  [39, 'NVFP4'],
  [40, 'Q1_0'],
]);
