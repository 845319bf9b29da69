// Which weight types each llama.cpp backend multiplies on its matrix units (tensor cores, WMMA,
// coopmat, simdgroup matrices, XMX) and which take a scalar fallback. Prefill of a weight type on a
// scalar path runs at the chip's vector rate instead of its FP16 matrix rate. Types not listed for a
// backend use its matrix path (quantized types are dequantized to FP16/INT8 tiles first).
import type { GpuBackend } from '../types';

export type WeightClass = 'f32' | 'f16' | 'bf16' | 'legacy' | 'kquant' | 'iquant' | 'mxfp4';

export interface KernelSupport {
  backend: GpuBackend;
  /** 'all': every weight type (the backend has no matrix path on these chips). */
  weight: WeightClass | 'all';
  /** Only on these GPU generations (every generation when absent). */
  generations?: string[];
  prefill: 'matrix' | 'scalar';
  why: string;
  source: { repo: string; ref: string; url: string };
}

export const KERNEL_SUPPORT: KernelSupport[] = [
  {
    backend: 'vulkan',
    weight: 'bf16',
    prefill: 'scalar',
    why: 'BF16 coopmat matmul needs VK_KHR_shader_bfloat16; without it the scalar shader promotes BF16 to FP32 (mat-vec always does)',
    source: {
      repo: 'ggml-org/llama.cpp',
      ref: 'PR #12554 (vulkan: Add bfloat16 support); PR #19793 (coopmat1 without bf16 falls back to the scalar path)',
      url: 'https://github.com/ggml-org/llama.cpp/pull/12554',
    },
  },
  {
    backend: 'sycl',
    weight: 'bf16',
    prefill: 'scalar',
    why: 'BF16 MUL_MAT was enabled in 2026 as a generic kernel, not on the XMX path',
    source: {
      repo: 'ggml-org/llama.cpp',
      ref: 'PR #20803 ([SYCL] Support bf16 and quantized type of MUL_MAT)',
      url: 'https://github.com/ggml-org/llama.cpp/pull/20803',
    },
  },
  {
    backend: 'vulkan',
    weight: 'f32',
    prefill: 'scalar',
    why: 'F32 weights have no coopmat tile path',
    source: {
      repo: 'ggml-org/llama.cpp',
      ref: 'PR #16636 (vulkan mul_mm scalar path: f32/bf16 test rows)',
      url: 'https://github.com/ggml-org/llama.cpp/pull/16636',
    },
  },
  {
    backend: 'vulkan',
    weight: 'all',
    generations: ['alchemist'],
    prefill: 'scalar',
    why: 'ggml-vulkan enables KHR cooperative matrices on Intel only for Xe2 (Battlemage, Lunar Lake); Arc A-series (Alchemist) runs the scalar mul_mm shaders',
    source: {
      repo: 'ggml-org/llama.cpp',
      ref: 'ggml/src/ggml-vulkan/ggml-vulkan.cpp ggml_vk_khr_cooperative_matrix_support (Intel: INTEL_XE2 only)',
      url: 'https://github.com/ggml-org/llama.cpp/blob/master/ggml/src/ggml-vulkan/ggml-vulkan.cpp',
    },
  },
];

/**
 * The vector (non-matrix) share of a GPU's FP16 matrix rate, which a scalar path runs at: NVIDIA
 * Ampere/Ada/Blackwell consumer parts do ¼ (RTX 4090: 82.6 FP32 vs 330 FP16-tensor TFLOPS, Ada
 * whitepaper); RDNA3/3.5 ½ (WMMA issues at twice the FP32 rate, AMD RDNA3 ISA guide); Intel Xe-HPG ⅛
 * (XMX 8× the vector engines, Intel Arc A-series specs).
 */
export function scalarShareOfMatrixRate(generation: string | undefined): number {
  if (generation && /^rdna/.test(generation)) return 0.5;
  if (generation === 'alchemist' || generation === 'battlemage') return 0.125;
  return 0.25;
}

/** The weight class of a quant label ("Q4_K_M", "BF16", "MXFP4", "IQ3_XXS"). */
export function weightClass(quant: string): WeightClass {
  const q = quant.toUpperCase();
  if (q === 'F32') return 'f32';
  if (q === 'F16') return 'f16';
  if (q === 'BF16') return 'bf16';
  if (q.startsWith('MXFP4')) return 'mxfp4';
  if (q.startsWith('IQ')) return 'iquant';
  if (/(^|_)K(_|$)/.test(q)) return 'kquant';
  return 'legacy';
}

export function prefillPath(backend: GpuBackend, quant: string, generation?: string): KernelSupport['prefill'] {
  const w = weightClass(quant);
  const applies = (k: KernelSupport) =>
    k.backend === backend &&
    (k.weight === w || k.weight === 'all') &&
    (!k.generations || (generation !== undefined && k.generations.includes(generation)));
  return KERNEL_SUPPORT.find(applies)?.prefill ?? 'matrix';
}

/**
 * Tokens per matmul tile (the token side of a tile): a micro-batch of T tokens streams the weights
 * ceil(T / tile) times, which makes a bandwidth-poor GPU bandwidth-bound at large micro-batches.
 * CUDA/HIP MMQ: mmq_x up to 128 with tensor cores or WMMA, 48 on RDNA3.5, 64 on DP4A-only chips
 * (ggml-cuda/mmq.cuh get_mmq_x_max_host). Vulkan mul_mm large tiles: 128. Metal mul_mm: 32 tokens per
 * 64-row weight block.
 */
export function matmulTileTokens(backend: GpuBackend, generation: string | undefined): number {
  if (backend === 'metal') return 32;
  if (backend === 'cuda' || backend === 'rocm') {
    if (generation === 'rdna3.5') return 48;
    if (generation === 'pascal' || generation === 'rdna2' || generation === 'gcn5') return 64;
  }
  return 128;
}
