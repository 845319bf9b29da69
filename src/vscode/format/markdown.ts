// Small helpers for the Markdown the hovers show. No vscode import: unit-tested under node.
import { markdownText } from '../../core/present/safeText';
import { formatBytes } from '../../core/units';

/** Escapes text that came from a file (model names, labels, paths) so it renders literally in Markdown. */
export function escapeMarkdown(text: string): string {
  return markdownText(text); // control characters and bidi overrides dropped, Markdown and HTML escaped
}

/** "0.42 s", "3.1 s", "2 min 5 s": how long someone waits for the first token. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 1) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const min = Math.floor(seconds / 60);
  return `${min} min ${Math.round(seconds - min * 60)} s`;
}

/** "8192" → "8,192" (contexts and token counts). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** formatBytes, but an em dash for nothing at all (empty breakdown cells). */
export function bytesOrDash(bytes: number): string {
  return bytes > 0 ? formatBytes(bytes) : '—';
}
