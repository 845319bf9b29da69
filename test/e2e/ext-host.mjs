#!/usr/bin/env node
// Runs the mocha suite in test/vscode/suite inside code-server's real Node extension host (no .vsix: the extension
// loads from the repository's dist/). code-server's workbench takes a `payload` URL parameter with
// extensionDevelopmentPath / extensionTestsPath; when run() settles it calls window.codeAutomationExit(code) and
// forwards the extension host's console to window.codeAutomationLog. Exit code = test result.
// Usage: node test/e2e/ext-host.mjs [--untrusted]   (needs `npm run build` and test/e2e/setup-code-server.sh first)
// --untrusted: workspace trust on, a workspace no one trusted whose settings and bin/ point at its own files
// (test/vscode/suite/untrusted.test.js).
import util from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, NOISE, requireInstalled, makeTemp, prepareWorkspace, startCodeServer, launchChromium } from './codeServer.mjs';

const UNTRUSTED = process.argv.includes('--untrusted');
/** Programs Model Fit or systeminformation could run; in the untrusted workspace each is a fake that logs its run. */
const PROBE_PROGRAMS = ['nvidia-smi', 'rocm-smi', 'lspci', 'dmidecode', 'lscpu', 'sysctl', 'ioreg', 'ollama', 'llama-server', 'free'];

/** A workspace whose settings point Model Fit at an Ollama store it brings, with fake probe programs in a bin/ put
 *  first on PATH. Both lie in `files`, beside the folder: Model Fit may list the folder itself (looking for GGUFs),
 *  so any touch of them comes from a setting or a program lookup. */
function prepareUntrustedWorkspace(ws, files) {
  fs.mkdirSync(ws);
  const store = path.join(files, 'store');
  const digest = 'sha256-' + 'ab'.repeat(32);
  fs.mkdirSync(path.join(store, 'manifests/registry.ollama.ai/library/evil'), { recursive: true });
  fs.mkdirSync(path.join(store, 'blobs'), { recursive: true });
  fs.writeFileSync(
    path.join(store, 'manifests/registry.ollama.ai/library/evil/latest'),
    JSON.stringify({
      schemaVersion: 2,
      layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: digest.replace('-', ':'), size: 4 }],
    }),
  );
  fs.writeFileSync(path.join(store, 'blobs', digest), 'GGUF');
  fs.mkdirSync(path.join(files, 'bin'));
  for (const name of PROBE_PROGRAMS) {
    const f = path.join(files, 'bin', name);
    fs.writeFileSync(f, `#!/bin/sh\necho ${name} >> "$MODEL_FIT_TEST_MARKS"\nexit 1\n`);
    fs.chmodSync(f, 0o755);
  }
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(
    path.join(ws, '.vscode/settings.json'),
    JSON.stringify({ 'modelFit.hardware.preset': 'this', 'modelFit.ollama.modelsDir': store, 'modelFit.remoteHeaders': true }, null, 2),
  );
  fs.writeFileSync(path.join(ws, 'Modelfile'), 'FROM evil:latest\nPARAMETER num_ctx 4096\n');
  return ws;
}

const TIMEOUT = +(process.env.VSCODE_TEST_TIMEOUT_MS || 180_000);
const TESTS = path.join(ROOT, 'test/vscode/suite');
const EXT_DIR = process.env.MODEL_FIT_EXT_DIR || ROOT; // another build of the extension, for debugging the harness
const CLI = process.env.MODEL_FIT_CLI || path.join(ROOT, 'dist/cli.js');

let exitCode;
let tmp, server, ctx;
const summary = { passed: 0, failed: 0 };
try {
  requireInstalled();
  if (EXT_DIR === ROOT && !fs.existsSync(path.join(ROOT, 'dist/extension.js')))
    throw new Error('dist/extension.js missing: run npm run build');
  const trustSettings = {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'remote.autoForwardPorts': false,
  };
  tmp = makeTemp('model-fit-exthost-', UNTRUSTED ? trustSettings : {});
  const files = path.join(tmp, 'ws-files');
  const ws = UNTRUSTED ? prepareUntrustedWorkspace(path.join(tmp, 'ws'), files) : prepareWorkspace(path.join(tmp, 'ws'));
  // Environment of code-server reaches the extension host, so the suite finds its workspace and the CLI.
  const env = { MODEL_FIT_TEST_WS: ws, MODEL_FIT_CLI: CLI };
  if (UNTRUSTED) {
    Object.assign(env, {
      MODEL_FIT_SUITE: 'untrusted',
      MODEL_FIT_TEST_FILES: files,
      MODEL_FIT_TEST_MARKS: path.join(tmp, 'programs-run.log'),
      PATH: `${path.join(files, 'bin')}${path.delimiter}${process.env.PATH}`,
    });
  }
  server = await startCodeServer(tmp, { env, trust: UNTRUSTED });
  ctx = await launchChromium(tmp);
  const page = ctx.pages()[0] || (await ctx.newPage());
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`; // code-server's remote authority is host:port
  const payload = [
    ['extensionDevelopmentPath', remote(EXT_DIR)],
    ['extensionTestsPath', remote(TESTS)],
  ];
  let resolveExit;
  const exited = new Promise((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = util.format(...args);
    // The suite prints its own tally; count it here so CI gets one "N passed, M failed" line.
    const m = /^MODEL_FIT_RESULT passed=(\d+) failed=(\d+)/.exec(text);
    if (m) {
      summary.passed = +m[1];
      summary.failed = +m[2];
      return;
    }
    if (process.env.VERBOSE || !NOISE.test(text)) console.log(text);
  });
  await page.goto(`${server.base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  let timer;
  const r = await Promise.race([
    exited,
    new Promise((res) => {
      timer = setTimeout(() => res('timeout'), TIMEOUT);
    }),
  ]);
  clearTimeout(timer);
  if (r === 'timeout') {
    console.error(`ext-host: no result within ${TIMEOUT} ms`);
    exitCode = 124;
  } else exitCode = r;
} catch (e) {
  console.error('ext-host:', e instanceof Error ? e.message : e);
  exitCode = 1;
}
try {
  await ctx?.close();
} catch {
  /* browser already gone */
}
server?.stop();
if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
if (exitCode !== 0 && summary.failed === 0) summary.failed = 1; // a crash before the suite reported counts as a failure
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(exitCode === 0 && summary.failed === 0 ? 0 : exitCode || 1);
