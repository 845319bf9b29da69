// What a run on this machine printed, read into plain records: speed runs (llama-bench rows, server/cli
// timings) and load reports (buffers per device, layers offloaded, Ollama's size/size_vram).

export type MeasureTool = 'llama-bench' | 'llama-server' | 'llama-cli' | 'ollama';

/** The model a run used, as far as the output says. */
export interface MeasuredModel {
  /** GGUF path as given to the tool (llama-bench model_filename, the loader's "from …" path). */
  file?: string;
  /** general.architecture, e.g. "llama" (the log's print_info arch, the first word of llama-bench's model_type). */
  arch?: string;
  /** llama.cpp's model description, e.g. "llama 8B Q4_K - Medium". */
  desc?: string;
  /** llama-quantize's label, e.g. "Q4_K_M" (from the description or the log's file type). */
  quant?: string;
  /** Tensor bytes (llama-bench model_size) or the file size the log printed. */
  sizeBytes?: number;
  nParams?: number;
  /** general.name or an Ollama model name. */
  name?: string;
}

/** Settings a run used (undefined = the output does not say). */
export interface MeasuredSettings {
  ngl?: number;
  nCpuMoe?: number;
  flashAttn?: 'on' | 'off' | 'auto';
  cacheTypeK?: string;
  cacheTypeV?: string;
  batch?: number;
  ubatch?: number;
  threads?: number;
  ctx?: number;
  noKvOffload?: boolean;
}

export interface SpeedRun {
  tool: MeasureTool;
  /** decode: tokens generated (tg); prefill: prompt processed (pp); mixed: llama-bench pp+tg (not used for calibration). */
  kind: 'decode' | 'prefill' | 'mixed';
  tps: number;
  tpsStddev?: number;
  /** Repetitions behind `tps` (llama-bench samples; 1 for a log timing line). */
  reps: number;
  nPrompt: number;
  nGen: number;
  /** Tokens already in the context (llama-bench -d; for a server's eval, the prompt before it). */
  depth: number;
  model: MeasuredModel;
  settings: MeasuredSettings;
  /** llama-bench "backends" / "backend" column, e.g. "CUDA", "Metal,BLAS". */
  backend?: string;
  gpuInfo?: string;
  cpuInfo?: string;
  build?: string;
  /** When it ran (llama-bench test_time, the log's timestamp) where printed. */
  time?: string;
  /** 1-based line of the source text. */
  line: number;
}

export interface DeviceBuffer {
  /** Device as llama.cpp names it: "CUDA0", "CPU_Mapped", "Metal", "CUDA_Host"… */
  device: string;
  kind: 'model' | 'kv' | 'compute' | 'output' | 'other';
  bytes: number;
}

/** One row of llama.cpp's memory breakdown table (bytes; total/free only for GPU rows). */
export interface BreakdownRow {
  device: string;
  totalBytes?: number;
  freeBytes?: number;
  selfBytes: number;
  modelBytes: number;
  contextBytes: number;
  computeBytes: number;
  unaccountedBytes?: number;
}

export interface LoadReport {
  tool: MeasureTool;
  model: MeasuredModel;
  /** "offloaded N/M layers to GPU" (llama.cpp counts the output layer), or Ollama's layers.offload/layers.model. */
  gpuLayers?: number;
  totalLayers?: number;
  ctx?: number;
  flashAttn?: 'on' | 'off' | 'auto';
  cacheTypeK?: string;
  cacheTypeV?: string;
  buffers: DeviceBuffer[];
  breakdown: BreakdownRow[];
  /** Ollama's own memory plan where logged ("model weights"/"kv cache"/"compute graph" per device). */
  ollamaPlan?: { device: string; kind: 'weights' | 'kv' | 'graph'; bytes: number }[];
  /** Ollama /api/ps: bytes loaded, the part in VRAM, and the context it runs with. */
  ollamaPs?: { size: number; sizeVram: number; contextLength?: number };
  line: number;
}

export interface MeasureDiagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  /** 1-based line (0 = the whole input). */
  line: number;
}

export type MeasureFormat =
  | 'llama-bench-md'
  | 'llama-bench-csv'
  | 'llama-bench-json'
  | 'llama-bench-jsonl'
  | 'llama-bench-sql'
  | 'llama-log'
  | 'ollama-log'
  | 'ollama-ps';

export interface MeasureReadResult {
  /** Formats recognised in the text (a pasted terminal can hold several). */
  formats: MeasureFormat[];
  runs: SpeedRun[];
  loads: LoadReport[];
  diagnostics: MeasureDiagnostic[];
}

/** Bounds on what a reader accepts: larger inputs are cut with a diagnostic, never read unbounded. */
export const MAX_MEASURE_TEXT = 16 * 1024 * 1024;
export const MAX_MEASURE_LINE = 64 * 1024;
export const MAX_MEASURE_RECORDS = 20000;
