// The layering rule is enforced by lint: an engine file importing VS Code fails `npm run lint`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../..');

async function lintAs(file: string, code: string) {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId);
}

test('a vscode import in src/core is a lint error; in src/vscode it is allowed', async () => {
  const code = "import * as vscode from 'vscode';\nexport const x = vscode.version;\n";
  assert.deepEqual(await lintAs('src/core/estimate/example.ts', code), ['no-restricted-imports']);
  assert.deepEqual(await lintAs('src/vscode/example.ts', code), []);
});
