// Every Ollama Modelfile instruction and PARAMETER: type, default, range, doc line, first release, deprecated values.
// Docs and defaults: ollama/ollama docs/modelfile.mdx, api/types.go (Options, Runner, DefaultOptions) and
// parser/parser.go (instructions, deprecatedParameters) at v0.33.0-rc2. `since` = the first tagged release whose
// api/types.go (parameters) or parser/parser.go (instructions) holds the name (`git log -S` over those files);
// left out where the name predates the file's history there.

export interface DataSource {
  repo: string;
  ref: string;
  url: string;
}

const OLLAMA_REF = 'fb30760996871fa9460115c753afd2c60d4ab0f7';
const ollama = (path: string): DataSource => ({
  repo: 'ollama/ollama',
  ref: OLLAMA_REF,
  url: `https://github.com/ollama/ollama/blob/${OLLAMA_REF}/${path}`,
});
const DOCS = ollama('docs/modelfile.mdx');
const TYPES = ollama('api/types.go');
const PARSER = ollama('parser/parser.go');

export type OllamaParamType = 'int' | 'float' | 'bool' | 'string';

export interface ModelfileInstruction {
  /** Upper case, as the docs write it (the parser is case-insensitive). */
  name: string;
  syntax: string;
  doc: string;
  required?: boolean;
  /** May appear more than once with each occurrence counting (ADAPTER, MESSAGE, PARAMETER, …). */
  repeatable: boolean;
  since?: string;
  source: DataSource;
}

export interface OllamaParameter {
  name: string;
  type: OllamaParamType;
  doc: string;
  /** Ollama's value when the Modelfile and the request leave it out (api/types.go DefaultOptions). */
  default?: string;
  /** Bounds that follow from the meaning (a probability, a count, the documented -1 special value). */
  min?: number;
  max?: number;
  /** Fixed when the model is loaded (api.Runner): changing it reloads the model. */
  loadTime: boolean;
  /** `stop` may be given several times; every other parameter keeps its last value. */
  repeatable?: boolean;
  /** In docs/modelfile.mdx's table of valid parameters (the others are accepted but only in api/types.go). */
  documented: boolean;
  /** Values that still parse but no longer mean what they used to. */
  legacyValues?: { value: number; why: string }[];
  since?: string;
  source: DataSource;
}

export const MODELFILE_INSTRUCTIONS: readonly ModelfileInstruction[] = [
  {
    name: 'FROM',
    syntax: 'FROM <model name>:<tag> | <path to a GGUF file or Safetensors directory>',
    required: true,
    repeatable: false,
    source: DOCS,
    doc: 'Defines the base model: an Ollama model name and tag, a GGUF file, or a Safetensors directory (absolute or relative to the Modelfile).',
  },
  {
    name: 'PARAMETER',
    syntax: 'PARAMETER <parameter> <value>',
    repeatable: true,
    source: DOCS,
    doc: 'Sets a parameter for how Ollama runs the model.',
  },
  {
    name: 'TEMPLATE',
    syntax: 'TEMPLATE """<Go template>"""',
    repeatable: false,
    source: DOCS,
    doc: 'The full prompt template passed to the model, in Go template syntax ({{ .System }}, {{ .Prompt }}, {{ .Response }}).',
  },
  {
    name: 'SYSTEM',
    syntax: 'SYSTEM """<system message>"""',
    repeatable: false,
    source: DOCS,
    doc: 'The system message used in the template.',
  },
  {
    name: 'ADAPTER',
    syntax: 'ADAPTER <path to a GGUF or Safetensors LoRA adapter>',
    repeatable: true,
    source: DOCS,
    doc: 'A (Q)LoRA adapter applied to the base model; a path absolute or relative to the Modelfile. Tuned from another base model, it behaves erratically.',
  },
  {
    name: 'LICENSE',
    syntax: 'LICENSE """<license text>"""',
    repeatable: true,
    source: DOCS,
    doc: 'The legal license under which the model is shared or distributed.',
  },
  {
    name: 'MESSAGE',
    syntax: 'MESSAGE <system|user|assistant> <message>',
    repeatable: true,
    source: DOCS,
    doc: 'A message of the conversation history the model starts from; repeat it to build up an example conversation.',
  },
  {
    name: 'REQUIRES',
    syntax: 'REQUIRES <version>',
    repeatable: false,
    since: '0.14.0',
    source: DOCS,
    doc: 'The minimum Ollama version the model needs (a semantic version such as 0.14.0).',
  },
  {
    name: 'DRAFT',
    syntax: 'DRAFT <path or model>',
    repeatable: false,
    since: '0.23.1',
    source: PARSER,
    doc: 'A draft model for speculative decoding (not in the Modelfile docs; read by parser/parser.go).',
  },
  {
    name: 'RENDERER',
    syntax: 'RENDERER <name>',
    repeatable: false,
    since: '0.12.0',
    source: PARSER,
    doc: 'The built-in prompt renderer Ollama uses instead of TEMPLATE (not in the Modelfile docs; read by parser/parser.go).',
  },
  {
    name: 'PARSER',
    syntax: 'PARSER <name>',
    repeatable: false,
    since: '0.12.0',
    source: PARSER,
    doc: 'The built-in output parser (tool calls, thinking) Ollama applies (not in the Modelfile docs; read by parser/parser.go).',
  },
];

export const OLLAMA_PARAMETERS: readonly OllamaParameter[] = [
  // Runner: fixed when the model is loaded.
  {
    name: 'num_ctx',
    type: 'int',
    min: 1,
    loadTime: true,
    documented: true,
    source: DOCS,
    default: '4096 (32768 with ≥ 24 GiB of VRAM, 262144 with ≥ 48 GiB), or OLLAMA_CONTEXT_LENGTH',
    doc: 'Size of the context window used to generate the next token. KV cache memory grows with it; prompts longer than it are truncated.',
    legacyValues: [
      {
        value: 2048,
        why: "Ollama's default before 0.6.7; kept in a Modelfile it caps the context and longer prompts are truncated silently",
      },
    ],
  },
  {
    name: 'num_batch',
    type: 'int',
    min: 1,
    loadTime: true,
    documented: false,
    source: TYPES,
    default: '512',
    doc: 'Prompt-processing batch size (passed to llama.cpp as both batch and ubatch). Larger is faster on GPUs and costs compute-buffer memory.',
  },
  {
    name: 'num_gpu',
    type: 'int',
    loadTime: true,
    documented: false,
    source: TYPES,
    default: '-1 (as many layers as free VRAM allows)',
    doc: 'Number of layers to offload to the GPU(s); 0 = CPU only, -1 = decided from free VRAM.',
  },
  {
    name: 'main_gpu',
    type: 'int',
    min: 0,
    loadTime: true,
    documented: false,
    source: TYPES,
    doc: 'The GPU that holds small tensors and intermediate results when several GPUs are used.',
  },
  {
    name: 'use_mmap',
    type: 'bool',
    loadTime: true,
    documented: false,
    source: TYPES,
    default: 'unset (the runner decides)',
    doc: 'Memory-map the model file instead of reading it into RAM.',
  },
  {
    name: 'num_thread',
    type: 'int',
    min: 0,
    loadTime: true,
    documented: false,
    source: TYPES,
    default: '0 (the runtime decides)',
    doc: 'Number of CPU threads for computation.',
  },
  {
    name: 'draft_num_predict',
    type: 'int',
    min: 0,
    loadTime: true,
    documented: true,
    since: '0.30.0',
    source: DOCS,
    default: '4',
    doc: 'Maximum speculative draft tokens per step when a draft model is available; 0 disables speculative drafting.',
  },
  // Per request.
  {
    name: 'num_keep',
    type: 'int',
    loadTime: false,
    documented: false,
    source: TYPES,
    default: '4',
    doc: 'Number of tokens of the initial prompt kept when the context shifts.',
  },
  {
    name: 'seed',
    type: 'int',
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '-1 (random)',
    doc: 'Random number seed; a fixed seed makes the same prompt produce the same text.',
  },
  {
    name: 'num_predict',
    type: 'int',
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '-1 (no limit)',
    doc: 'Maximum number of tokens to predict.',
  },
  {
    name: 'top_k',
    type: 'int',
    min: 0,
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '40',
    doc: 'Sample from the k most likely tokens: higher (100) is more diverse, lower (10) more conservative.',
  },
  {
    name: 'top_p',
    type: 'float',
    min: 0,
    max: 1,
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '0.9',
    doc: 'Nucleus sampling, works with top_k: higher (0.95) is more diverse, lower (0.5) more focused.',
  },
  {
    name: 'min_p',
    type: 'float',
    min: 0,
    max: 1,
    loadTime: false,
    documented: true,
    since: '0.3.1',
    source: DOCS,
    default: '0.0',
    doc: 'Minimum probability of a token, relative to the most likely one, to be considered.',
  },
  {
    name: 'typical_p',
    type: 'float',
    min: 0,
    max: 1,
    loadTime: false,
    documented: false,
    source: TYPES,
    default: '1.0 (disabled)',
    doc: 'Locally typical sampling parameter p.',
  },
  {
    name: 'repeat_last_n',
    type: 'int',
    min: -1,
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '64 (0 = disabled, -1 = num_ctx)',
    doc: 'How far back the model looks to prevent repetition.',
  },
  {
    name: 'temperature',
    type: 'float',
    min: 0,
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '0.8',
    doc: 'Temperature of the model: higher answers more creatively.',
  },
  {
    name: 'repeat_penalty',
    type: 'float',
    min: 0,
    loadTime: false,
    documented: true,
    source: DOCS,
    default: '1.0 (disabled)',
    doc: 'How strongly repetitions are penalized: 1.5 more strongly, 0.9 more leniently.',
  },
  {
    name: 'presence_penalty',
    type: 'float',
    loadTime: false,
    documented: false,
    source: TYPES,
    default: '0.0',
    doc: 'Penalty on tokens that already appeared, whatever their count.',
  },
  {
    name: 'frequency_penalty',
    type: 'float',
    loadTime: false,
    documented: false,
    source: TYPES,
    default: '0.0',
    doc: 'Penalty on tokens in proportion to how often they already appeared.',
  },
  {
    name: 'stop',
    type: 'string',
    loadTime: false,
    repeatable: true,
    documented: true,
    source: DOCS,
    doc: 'A stop sequence: generation stops when it appears. Repeat the parameter for several.',
  },
];

/** Accepted by Ollama's parser but ignored (it prints a deprecation warning). `since` = first release listing it. */
export const OLLAMA_DEPRECATED_PARAMETERS: readonly { name: string; since: string; source: DataSource }[] = [
  { name: 'penalize_newline', since: '0.5.5', source: PARSER },
  ...['low_vram', 'f16_kv', 'logits_all', 'vocab_only', 'use_mlock', 'mirostat', 'mirostat_tau', 'mirostat_eta'].map((name) => ({
    name,
    since: '0.7.0',
    source: PARSER,
  })),
];

export const MESSAGE_ROLES: readonly string[] = ['system', 'user', 'assistant'];

const PARAM_BY_NAME = new Map(OLLAMA_PARAMETERS.map((p) => [p.name, p]));
const INSTRUCTION_BY_NAME = new Map(MODELFILE_INSTRUCTIONS.map((i) => [i.name.toLowerCase(), i]));

export function ollamaParameter(name: string): OllamaParameter | undefined {
  return PARAM_BY_NAME.get(name.toLowerCase());
}

export function modelfileInstruction(name: string): ModelfileInstruction | undefined {
  return INSTRUCTION_BY_NAME.get(name.toLowerCase());
}
