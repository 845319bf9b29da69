// An Ollama library tag whose size the catalog does not know ("llama3.1:70", "llama3.1:8bb") would silently be
// estimated as the library's default size; say so and offer the nearest real tags.
import { closest, ollamaLibrarySizes } from './catalog';
import type { FitDiagnostic, ModelSpec, RunConfig } from './types';

export function unknownOllamaTag(config: RunConfig, model: ModelSpec): FitDiagnostic | undefined {
  if (config.runtime !== 'ollama' || model.source !== 'catalog') return undefined;
  const ref = config.modelRef
    .trim()
    .replace(/^(?:https?:\/\/)?registry\.ollama\.ai\//i, '')
    .replace(/^library\//i, '');
  const m = /^([\w.-]+):([\w.-]+)$/.exec(ref);
  if (!m) return undefined;
  const [, name, tag] = m;
  const sizes = ollamaLibrarySizes(name);
  const t = tag.toLowerCase();
  if (!sizes || t === 'latest' || sizes.some((s) => t === s || t.startsWith(`${s}-`))) return undefined;
  const nearest = closest(t.split('-')[0], sizes).map((s) => `${name}:${s}`);
  const range = config.ranges.model ?? config.range;
  return {
    severity: 'warning',
    code: 'resolve.unknown-tag',
    message:
      `"${tag}" is not a size of ${name} that Model Fit knows (${sizes.join(', ')}); estimated as ${model.name} ${model.quant}. ` +
      `Nearest tags: ${nearest.join(', ')}`,
    range,
    fixes: nearest.map((n) => ({ title: `Use ${n}`, kind: 'fix.tag', edits: [{ range, newText: n }] })),
  };
}
