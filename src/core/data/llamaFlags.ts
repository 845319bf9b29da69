// Doc line, value type, default and allowed values of every llama-server / llama-cli option the readers accept
// (src/core/config/llamaArgs.ts holds their names and LLAMA_ARG_* variables). Wording follows the generated
// option table of ggml-org/llama.cpp tools/server/README.md (from common/arg.cpp).
import { KV_CACHE_TYPES } from '../gguf/ggmlTypes';
import type { LlamaOptKey } from '../config/llamaArgs';
import type { DataSource } from './ollamaModelfile';

const LLAMA_REF = '00dc8057ab28c9cb4c79a6dd6dfce07fe779f63b';
export const LLAMA_SERVER_README: DataSource = {
  repo: 'ggml-org/llama.cpp',
  ref: LLAMA_REF,
  url: `https://github.com/ggml-org/llama.cpp/blob/${LLAMA_REF}/tools/server/README.md`,
};

export interface LlamaFlagDoc {
  /** What the value is, as the help text names it (N, FNAME, TYPE, …); absent for bare flags. */
  value?: string;
  type: 'int' | 'float' | 'string' | 'path' | 'bool' | 'enum' | 'list';
  doc: string;
  default?: string;
  /** Enumerable values, offered by completion. */
  values?: readonly string[];
}

export const LLAMA_FLAG_DOCS: Readonly<Record<LlamaOptKey, LlamaFlagDoc>> = {
  model: { value: 'FNAME', type: 'path', doc: 'model path to load' },
  hfRepo: {
    value: '<user>/<model>[:quant]',
    type: 'string',
    default: 'unused',
    doc: 'Hugging Face model repository; quant is optional, case-insensitive, default Q4_K_M. mmproj is also downloaded automatically if available',
  },
  hfFile: { value: 'FILE', type: 'string', default: 'unused', doc: 'Hugging Face model file; overrides the quant in --hf-repo' },
  ctx: { value: 'N', type: 'int', default: '0 (loaded from the model)', doc: 'size of the prompt context' },
  ngl: {
    value: 'N',
    type: 'int',
    default: 'auto',
    values: ['auto', 'all'],
    doc: "max. number of layers to store in VRAM, either an exact number, 'auto', or 'all'",
  },
  flashAttn: { value: '[on|off|auto]', type: 'enum', default: 'auto', values: ['on', 'off', 'auto'], doc: 'set Flash Attention use' },
  cacheTypeK: { value: 'TYPE', type: 'enum', default: 'f16', values: KV_CACHE_TYPES, doc: 'KV cache data type for K' },
  cacheTypeV: { value: 'TYPE', type: 'enum', default: 'f16', values: KV_CACHE_TYPES, doc: 'KV cache data type for V' },
  batch: { value: 'N', type: 'int', default: '2048', doc: 'logical maximum batch size' },
  ubatch: { value: 'N', type: 'int', default: '512', doc: 'physical maximum batch size' },
  parallel: { value: 'N', type: 'int', default: '-1 (auto)', doc: 'number of server slots' },
  threads: { value: 'N', type: 'int', default: '-1', doc: 'number of CPU threads to use during generation' },
  tensorSplit: {
    value: 'N0,N1,N2,...',
    type: 'list',
    doc: 'fraction of the model to offload to each GPU, comma-separated list of proportions, e.g. 3,1',
  },
  splitMode: {
    value: '{none,layer,row,tensor}',
    type: 'enum',
    default: 'layer',
    values: ['none', 'layer', 'row', 'tensor'],
    doc: 'how to split the model across multiple GPUs: none = one GPU, layer = layers and KV (pipelined), row = weights by rows, tensor = weights and KV (experimental)',
  },
  mainGpu: {
    value: 'INDEX',
    type: 'int',
    default: '0',
    doc: 'the GPU to use for the model (with split-mode = none), or for intermediate results and KV (with split-mode = row)',
  },
  nCpuMoe: { value: 'N', type: 'int', doc: 'keep the Mixture of Experts (MoE) weights of the first N layers in the CPU' },
  cpuMoe: { type: 'bool', doc: 'keep all Mixture of Experts (MoE) weights in the CPU' },
  overrideTensor: { value: '<tensor name pattern>=<buffer type>,...', type: 'list', doc: 'override tensor buffer type' },
  kvOffload: { type: 'bool', default: 'enabled', doc: 'whether to enable KV cache offloading (--no-kv-offload keeps the KV cache in RAM)' },
  mmproj: { value: 'FILE', type: 'path', doc: 'path to a multimodal projector file; with -hf it can be omitted' },
  lora: { value: 'FNAME', type: 'path', doc: 'path to LoRA adapter (comma-separated values load several)' },
  loraScaled: { value: 'FNAME:SCALE,...', type: 'list', doc: 'path to LoRA adapter with user defined scaling' },
  mmprojOffload: {
    type: 'bool',
    default: 'enabled',
    doc: 'whether to offload the multimodal projector to the GPU (--no-mmproj-offload keeps it in RAM)',
  },
  modelDraft: { value: 'FNAME', type: 'path', default: 'unused', doc: 'draft model for speculative decoding' },
  gpuLayersDraft: {
    value: 'N',
    type: 'int',
    default: 'auto',
    values: ['auto', 'all'],
    doc: 'max. number of draft model layers to store in VRAM',
  },
  ctxDraft: { value: 'N', type: 'int', default: '0 (loaded from the model)', doc: 'size of the prompt context for the draft model' },
  modelsPreset: {
    value: 'PATH',
    type: 'path',
    default: 'disabled',
    doc: 'path to INI file containing model presets for the router server',
  },
};
