// Writes a block of README.md between its markers, so the figures there are a script's output, not pasted.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Replaces everything between `<!-- NAME:start … -->` and `<!-- NAME:end -->` (markers kept) with `body`. */
export function writeReadmeBlock(name: string, body: string): void {
  const readme = path.resolve(__dirname, '../README.md');
  const text = readFileSync(readme, 'utf8');
  const startMarker = new RegExp(`<!-- ${name}:start[^>]*-->`).exec(text);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (!startMarker || end < startMarker.index) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
  const from = startMarker.index + startMarker[0].length;
  writeFileSync(readme, `${text.slice(0, from)}\n${body.trim()}\n${text.slice(end)}`);
  console.log(`\nwrote the ${name} block of ${readme}`);
}
