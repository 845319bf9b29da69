// Small helpers for the Markdown the hovers show. No vscode import: unit-tested under node.
import { formatBytes } from '../../core/present';

/** Escapes text that came from a file (model names, labels, paths) so it renders literally in Markdown. */
export function escapeMarkdown(text: string): string {
  // `$` too: hovers render theme icons, and a file must not be able to inject one.
  return text.replace(/[\\`*_{}[\]#!|<>~&$]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export { formatCount, formatSeconds } from '../../core/present';

/** formatBytes, but an em dash for nothing at all (empty breakdown cells). */
export function bytesOrDash(bytes: number): string {
  return bytes > 0 ? formatBytes(bytes) : '—';
}
