// "Did you mean …?" for misspelt names: the nearest candidate by edit distance, when it is near enough.

import { editDistance } from '../editDistance';

/**
 * The candidate nearest to `word` (case-insensitive), if at most a third of its letters (at least 1, at most 3)
 * differ; a candidate that starts with the word ("num_c" → "num_ctx") also counts.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (!w) return undefined;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  if (!best) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  if (best.d <= limit) return best.c;
  const prefixed = candidates.filter((c) => w.length >= 3 && c.toLowerCase().startsWith(w));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
