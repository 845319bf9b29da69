// How much each quantization changes a model's output, as published: llama.cpp's LLaMA 3 8B scoreboard
// (tools/perplexity/README.md, table revision f364eb6f, CUDA on one RTX 4090), rows without an
// importance matrix (what plain llama-quantize and Ollama's library produce). Mean KL divergence and
// perplexity against the FP16 model on Wikitext-2; lower is closer to the original.

export interface DataSource {
  repo: string;
  ref: string;
  url: string;
}

export interface QuantQuality {
  /** llama-quantize label. */
  quant: string;
  /** Mean KL divergence vs FP16. */
  kld: number;
  /** Perplexity minus FP16's. */
  deltaPpl: number;
  /** File size of the 8B model in the table, GiB. */
  sizeGiB: number;
}

export const QUANT_QUALITY_SOURCE: DataSource = {
  repo: 'ggml-org/llama.cpp',
  ref: 'f364eb6f',
  url: 'https://github.com/ggml-org/llama.cpp/blob/master/tools/perplexity/README.md#llama-3-8b-scoreboard',
};

/** Llama 3 8B, no imatrix (the imatrix-only IQ rows are left out: they are not what a plain quantize gives). */
export const QUANT_QUALITY: readonly QuantQuality[] = [
  { quant: 'F16', kld: 0.000551, deltaPpl: 0.001524, sizeGiB: 14.97 },
  { quant: 'Q8_0', kld: 0.001355, deltaPpl: 0.00265, sizeGiB: 7.96 },
  { quant: 'Q6_K', kld: 0.005452, deltaPpl: 0.021748, sizeGiB: 6.14 },
  { quant: 'Q5_K_M', kld: 0.010762, deltaPpl: 0.056974, sizeGiB: 5.33 },
  { quant: 'Q5_K_S', kld: 0.016595, deltaPpl: 0.104964, sizeGiB: 5.21 },
  { quant: 'Q5_1', kld: 0.018045, deltaPpl: 0.106223, sizeGiB: 5.65 },
  { quant: 'Q5_0', kld: 0.022239, deltaPpl: 0.131591, sizeGiB: 5.21 },
  { quant: 'Q4_K_M', kld: 0.031273, deltaPpl: 0.175482, sizeGiB: 4.58 },
  { quant: 'Q4_K_S', kld: 0.043136, deltaPpl: 0.268895, sizeGiB: 4.37 },
  { quant: 'Q4_1', kld: 0.071683, deltaPpl: 0.451103, sizeGiB: 4.78 },
  { quant: 'Q4_0', kld: 0.07194, deltaPpl: 0.468514, sizeGiB: 4.34 },
  { quant: 'Q3_K_L', kld: 0.087176, deltaPpl: 0.556242, sizeGiB: 4.03 },
  { quant: 'Q3_K_M', kld: 0.101913, deltaPpl: 0.656864, sizeGiB: 3.74 },
  { quant: 'Q3_K_S', kld: 0.228217, deltaPpl: 1.632152, sizeGiB: 3.41 },
  { quant: 'Q2_K', kld: 0.445132, deltaPpl: 3.519934, sizeGiB: 2.96 },
];
