// Recent (2026) public llama.cpp results on AMD GPUs, transcribed by us with their sources. The shared
// calibration set's Vulkan rows come from 2024 builds, before the Vulkan backend's rewrite made it as fast
// as ROCm; these rows let the fit describe the Vulkan that users run today. Same shape as the records
// of ../shared/calibration/published_bench.json.

export interface BenchRecord {
  id: string;
  source: { url: string; note: string };
  model: string;
  params_b: number;
  quant: string;
  file_size_gib: number;
  backend: 'Vulkan' | 'ROCm';
  n_gpu_layers: number;
  flash_attn: boolean;
  hardware: string;
  test: string;
  value: number;
  build: string;
}

const VULKANFORGE = {
  url: 'https://github.com/maeddesg/vulkanforge/wiki/Benchmarks',
  note: 'llama.cpp rows of the comparison table: Vulkan (KHR_coopmat), -fa 1 -ngl 99, ctx 4096, RADV / Mesa 26.1, median of 3-5 runs; decode length not stated',
};
const RX9070_ISSUE = {
  url: 'https://github.com/ggml-org/llama.cpp/issues/26663',
  note: 'llama-bench -p 512 -n 128 -ngl 99, Windows 11, Adrenalin 2026-08, Ryzen 7 7800X3D host',
};
const XTX_ISSUE = {
  url: 'https://github.com/ggml-org/llama.cpp/issues/20934',
  note: 'llama-bench -ngl 999 -fa 1 -b 128, Ubuntu 24.04, Ryzen 9800X3D host; midpoint of the reported range',
};
const XTX_PR = {
  url: 'https://github.com/ggml-org/llama.cpp/pull/26284',
  note: 'baseline column (before the PR) of the RX 7900 XTX table, ubatch 512',
};

const rx9070 = 'AMD Radeon RX 9070 XT';
const rx7900 = 'AMD Radeon RX 7900 XTX';

export const RECENT_BENCH: BenchRecord[] = [
  { id: 'recent-01', source: VULKANFORGE, model: 'Llama 3 8B', params_b: 8.03, quant: 'Q4_K_M', file_size_gib: 4.58, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx9070, test: 'pp512', value: 4802, build: 'b9174 (2026-06)' },
  { id: 'recent-02', source: VULKANFORGE, model: 'Llama 3 8B', params_b: 8.03, quant: 'Q4_K_M', file_size_gib: 4.58, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx9070, test: 'tg128', value: 119.6, build: 'b9174 (2026-06)' },
  { id: 'recent-03', source: VULKANFORGE, model: 'Mistral 7B v0.3', params_b: 7.25, quant: 'Q4_K_M', file_size_gib: 4.07, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx9070, test: 'pp512', value: 4826, build: 'b9174 (2026-06)' },
  { id: 'recent-04', source: VULKANFORGE, model: 'Mistral 7B v0.3', params_b: 7.25, quant: 'Q4_K_M', file_size_gib: 4.07, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx9070, test: 'tg128', value: 127.5, build: 'b9174 (2026-06)' },
  { id: 'recent-05', source: VULKANFORGE, model: 'Qwen3 8B', params_b: 8.19, quant: 'Q4_K_M', file_size_gib: 4.68, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx9070, test: 'pp512', value: 4472, build: 'b9174 (2026-06)' },
  { id: 'recent-06', source: VULKANFORGE, model: 'Qwen3 8B', params_b: 8.19, quant: 'Q4_K_M', file_size_gib: 4.68, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx9070, test: 'tg128', value: 114.9, build: 'b9174 (2026-06)' },
  { id: 'recent-07', source: RX9070_ISSUE, model: 'Qwen3 8B', params_b: 8.19, quant: 'Q4_K_M', file_size_gib: 4.68, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: false, hardware: rx9070, test: 'tg128', value: 104.3, build: 'b10298 (2026-08)' },
  { id: 'recent-08', source: RX9070_ISSUE, model: 'Qwen3 8B', params_b: 8.19, quant: 'Q4_K_M', file_size_gib: 4.68, backend: 'ROCm', n_gpu_layers: 99, flash_attn: false, hardware: rx9070, test: 'tg128', value: 91.1, build: 'b10298 (2026-08)' },
  { id: 'recent-09', source: RX9070_ISSUE, model: 'Qwen3 8B', params_b: 8.19, quant: 'Q4_K_M', file_size_gib: 4.68, backend: 'ROCm', n_gpu_layers: 99, flash_attn: false, hardware: rx9070, test: 'pp512', value: 4199, build: 'b10298 (2026-08)' },
  { id: 'recent-10', source: XTX_ISSUE, model: 'LLaMA 2 7B', params_b: 6.74, quant: 'Q4_0', file_size_gib: 3.56, backend: 'Vulkan', n_gpu_layers: 99, flash_attn: true, hardware: rx7900, test: 'tg128', value: 172, build: '42b4109e (2026-03)' },
  { id: 'recent-11', source: XTX_ISSUE, model: 'LLaMA 2 7B', params_b: 6.74, quant: 'Q4_0', file_size_gib: 3.56, backend: 'ROCm', n_gpu_layers: 99, flash_attn: true, hardware: rx7900, test: 'tg128', value: 136.5, build: '42b4109e (2026-03)' },
  { id: 'recent-12', source: XTX_PR, model: 'Llama 3 8B', params_b: 8.03, quant: 'Q4_K_M', file_size_gib: 4.58, backend: 'ROCm', n_gpu_layers: 99, flash_attn: false, hardware: rx7900, test: 'tg64', value: 105.75, build: 'master (2026)' },
  { id: 'recent-13', source: XTX_PR, model: 'Llama 3 8B', params_b: 8.03, quant: 'Q4_K_M', file_size_gib: 4.58, backend: 'ROCm', n_gpu_layers: 99, flash_attn: false, hardware: rx7900, test: 'pp2048', value: 3189.36, build: 'master (2026)' },
];
