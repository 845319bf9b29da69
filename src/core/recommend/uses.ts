// What each use case asks of a model: a context length and which models qualify.
import type { ModelSpec } from '../types';

export const USE_CASES = ['chat', 'code', 'vision', 'long-context'] as const;
export type UseCase = (typeof USE_CASES)[number];

/** Context the recommendation is sized for when --ctx is not given. */
export const USE_CONTEXT: Record<UseCase, number> = {
  chat: 8192,
  // a few source files plus the conversation
  code: 32768,
  vision: 8192,
  'long-context': 65536,
};

/**
 * Vision: the Gemma 3 4B/12B/27B checkpoints take images (model card: https://huggingface.co/google/gemma-3-4b-it),
 * as do names that say so (VL, Vision, Pixtral, Llama 4). Code: models trained for it by name (Coder, Codestral, Devstral).
 */
const VISION = /^gemma-?3-(4b|12b|27b)|(^|[-\s])(vl|vision)([-\s]|$)|pixtral|llama-?4|gemma-?3n/i;
const CODE = /coder|codestral|devstral|codellama|starcoder/i;

export function suitsUse(model: Pick<ModelSpec, 'ctxTrain' | 'name'> & { id: string }, use: UseCase, ctx: number): boolean {
  if (model.ctxTrain > 0 && model.ctxTrain < ctx) return false;
  if (use === 'vision') return VISION.test(model.id) || VISION.test(model.name);
  // code and chat: any model with the context (code models rank first)
  return true;
}

/** Models made for the use case rank ahead of general ones with the same fit. */
export function specialisedFor(model: { id: string; name: string }, use: UseCase): boolean {
  if (use === 'code') return CODE.test(model.id) || CODE.test(model.name);
  if (use === 'vision') return VISION.test(model.id) || VISION.test(model.name);
  return false;
}
