// Writes the fixture workspace's GGUFs (sparse: real headers and sizes, no tensor data): Llama-3.1-8B at
// Q4_K_M with its Q6_K and Q8_0 siblings (the quick fix and the panel offer them), and Llama-3.2-1B.
// Usage: node --import tsx test/e2e/make-workspace-gguf.ts [OUT_DIR]   (default test/fixtures/workspace/models)
import fs from 'node:fs';
import path from 'node:path';
import { writeCatalogGguf } from '../helpers/catalogGguf';

export const WORKSPACE_GGUFS: Array<{ file: string; id: string; quant: 'Q4_K_M' | 'Q6_K' | 'Q8_0' }> = [
  { file: 'Llama-3.1-8B-Instruct-Q4_K_M.gguf', id: 'llama3.1-8b', quant: 'Q4_K_M' },
  { file: 'Llama-3.1-8B-Instruct-Q6_K.gguf', id: 'llama3.1-8b', quant: 'Q6_K' },
  { file: 'Llama-3.1-8B-Instruct-Q8_0.gguf', id: 'llama3.1-8b', quant: 'Q8_0' },
  { file: 'Llama-3.2-1B-Instruct-Q4_K_M.gguf', id: 'llama3.2-1b', quant: 'Q4_K_M' },
];

export function makeWorkspaceGgufs(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return WORKSPACE_GGUFS.map(({ file, id, quant }) => {
    const out = path.join(outDir, file);
    writeCatalogGguf(out, id, quant);
    return out;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '../fixtures/workspace/models'));
  for (const f of makeWorkspaceGgufs(outDir)) console.log(`${f} (${fs.statSync(f).size} bytes)`);
}
