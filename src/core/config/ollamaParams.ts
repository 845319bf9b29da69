// PARAMETER names an Ollama Modelfile accepts, with their value types, from the Modelfile table
// (src/core/data/ollamaModelfile.ts: ollama/ollama api/types.go and parser/parser.go).
import { OLLAMA_DEPRECATED_PARAMETERS, OLLAMA_PARAMETERS, type OllamaParamType } from '../data/ollamaModelfile';

export type { OllamaParamType };

export const OLLAMA_PARAMS: ReadonlyMap<string, OllamaParamType> = new Map(OLLAMA_PARAMETERS.map((p) => [p.name, p.type]));

/** Accepted by Ollama's parser but ignored: they no longer do anything. */
export const OLLAMA_DEPRECATED_PARAMS: ReadonlySet<string> = new Set(OLLAMA_DEPRECATED_PARAMETERS.map((p) => p.name));

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Ollama's default num_ctx when neither the Modelfile nor OLLAMA_CONTEXT_LENGTH sets it (GPUs under 24 GiB). */
export const OLLAMA_DEFAULT_NUM_CTX = 4096;

const GiB = 1024 ** 3;

/**
 * The num_ctx current Ollama picks when neither the model, the Modelfile nor OLLAMA_CONTEXT_LENGTH sets
 * one: 4096 below 24 GiB of total VRAM, 32768 from 24 GiB, 262144 from 48 GiB (server/routes.go),
 * never above the model's trained context.
 */
export function ollamaDefaultNumCtx(totalVramBytes: number | undefined, ctxTrain: number): number {
  const byVram =
    totalVramBytes === undefined
      ? OLLAMA_DEFAULT_NUM_CTX
      : totalVramBytes >= 48 * GiB
        ? 262144
        : totalVramBytes >= 24 * GiB
          ? 32768
          : OLLAMA_DEFAULT_NUM_CTX;
  return ctxTrain > 0 ? Math.min(byVram, Math.max(ctxTrain, OLLAMA_DEFAULT_NUM_CTX)) : byVram;
}

/** num_batch Ollama picks when none is set: grows with the context (server/sched.go generationBatchForContext). */
export function ollamaAutoBatch(numCtx: number): number {
  if (numCtx > 32768) return 2048;
  if (numCtx > 4096) return 1024;
  return 512;
}
