// Small helpers for the Markdown the hovers show. No vscode import: unit-tested under node.
import { markdownText } from '../../core/present/safeText';
import { formatBytes } from '../../core/present';

/** Escapes text that came from a file (model names, labels, paths) so it renders literally in Markdown. */
export function escapeMarkdown(text: string): string {
  return markdownText(text); // control characters and bidi overrides dropped, Markdown and HTML escaped
}

export { formatCount, formatSeconds } from '../../core/present';

/** formatBytes, but an em dash for nothing at all (empty breakdown cells). */
export function bytesOrDash(bytes: number): string {
  return bytes > 0 ? formatBytes(bytes) : '—';
}
