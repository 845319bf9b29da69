#!/usr/bin/env node
// Runs test/vscode/suite in VS Code desktop through @vscode/test-electron, for machines that can download VS Code
// (or have one: set VSCODE_EXECUTABLE=/path/to/code). Offline it fails with one clear line instead of hanging:
// each request has a 15 s timeout and the whole run a watchdog. On machines without network use test/e2e/ext-host.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WATCHDOG_MS = +(process.env.VSCODE_TEST_TIMEOUT_MS || 600_000);

const watchdog = setTimeout(() => {
  console.error(`run-electron: no result within ${WATCHDOG_MS / 1000} s, giving up`);
  console.log('0 passed, 1 failed');
  process.exit(124);
}, WATCHDOG_MS);
watchdog.unref();

let code;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'model-fit-electron-'));
try {
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js missing: run npm run build');
  const ws = path.join(tmp, 'ws');
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspace'), ws, { recursive: true, filter: (s) => !s.endsWith('.gguf') });
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/e2e/make-workspace-gguf.ts'), path.join(ws, 'models')],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  if (gen.status !== 0) throw new Error(`make-workspace-gguf failed: ${(gen.stderr || String(gen.error)).trim()}`);

  code = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'test/vscode/suite'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    timeout: 15_000,
    launchArgs: [
      ws,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(tmp, 'ud'),
      '--extensions-dir',
      path.join(tmp, 'exts'),
    ],
    extensionTestsEnv: { MODEL_FIT_TEST_WS: ws, MODEL_FIT_CLI: path.join(ROOT, 'dist/cli.js') },
  });
} catch (e) {
  const msg = e instanceof Error ? e.message : String(e);
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT|timed? ?out|socket hang up|getaddrinfo/i.test(msg);
  console.error(
    offline
      ? `run-electron: cannot download VS Code (${msg.split('\n')[0]}); no network here — use bash test/e2e/run.sh (code-server) or set VSCODE_EXECUTABLE`
      : `run-electron: ${msg.split('\n')[0]}`,
  );
  code = 1;
}
fs.rmSync(tmp, { recursive: true, force: true });
// The suite prints the exact tally in the VS Code output; here only the overall result is known.
console.log(code === 0 ? 'suite passed' : '0 passed, 1 failed');
process.exit(code);
