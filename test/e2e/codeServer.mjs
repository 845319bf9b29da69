// Shared plumbing for the code-server runs: a throwaway workspace copy with its GGUFs, a code-server on a free
// loopback port (own process group, so its file watcher dies with it), and a headless Debian Chromium.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CS_DIR = process.env.MODEL_FIT_CODE_SERVER_DIR || path.join(ROOT, '.cache/code-server');
export const CS_ENTRY = path.join(CS_DIR, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIXTURE_WS = path.join(ROOT, 'test/fixtures/workspace');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function requireInstalled() {
  if (!fs.existsSync(CS_ENTRY)) throw new Error(`code-server not installed at ${CS_DIR}: run bash test/e2e/setup-code-server.sh`);
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run bash test/e2e/setup-code-server.sh (as root) or set CHROMIUM_PATH`);
}

/** Temp root with a clean VS Code profile, extensions dir, XDG dirs and browser profile; `settings` are added to
 *  (or replace) the user settings below. */
export function makeTemp(prefix, settings = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const d of ['ud/User', 'exts', 'xdg/config', 'xdg/data', 'browser']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'ud/User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'workbench.tips.enabled': false,
        'editor.hover.delay': 150,
        'window.commandCenter': false,
        'chat.commandCenter.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  return tmp;
}

/** Copies the fixture workspace's text files into `dest` and writes its sparse GGUFs there (not copied: a plain copy would fill them in). */
export function prepareWorkspace(dest) {
  fs.cpSync(FIXTURE_WS, dest, { recursive: true, filter: (src) => !src.endsWith('.gguf') });
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/e2e/make-workspace-gguf.ts'), path.join(dest, 'models')],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`make-workspace-gguf failed: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  return dest;
}

const baseEnv = (tmp) => ({
  ...process.env,
  XDG_CONFIG_HOME: path.join(tmp, 'xdg/config'),
  XDG_DATA_HOME: path.join(tmp, 'xdg/data'),
  XDG_CACHE_HOME: path.join(tmp, 'xdg/cache'),
});
const profileArgs = (tmp) => ['--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'exts')];

export function installVsix(tmp, vsix) {
  const r = spawnSync(process.execPath, [CS_ENTRY, ...profileArgs(tmp), '--install-extension', vsix], {
    env: baseEnv(tmp),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`--install-extension failed (${r.status}): ${out.trim()}`);
  return out.trim();
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });

/** Starts code-server; resolves once /healthz answers. `stop()` kills its whole process group. `trust`: keep VS Code's
 *  workspace trust on (a folder no one trusted opens in restricted mode). */
export async function startCodeServer(tmp, { env = {}, trust = false } = {}) {
  const port = await freePort();
  const args = [
    CS_ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...profileArgs(tmp),
  ];
  const proc = spawn(process.execPath, args, { env: { ...baseEnv(tmp), ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  proc.stdout.on('data', (d) => {
    log += d;
  });
  proc.stderr.on('data', (d) => {
    log += d;
  });
  const stop = () => {
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base + '/healthz')).ok) break;
    } catch {
      /* not yet */
    }
    if (proc.exitCode !== null || i > 120) {
      stop();
      throw new Error(`code-server did not start:\n${log}`);
    }
    await sleep(250);
  }
  return { port, base, proc, stop, log: () => log };
}

export async function launchChromium(tmp) {
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(path.join(tmp, 'browser'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Lines of the workbench's own noise (gallery lookups offline, service worker) that hide real errors. */
export const NOISE =
  /open-vsx\.org|ENOTFOUND|^\s+at |connection token|Creating a socket|builtin extensions cache|Service Worker|ChatSessionStore|marketplace|gallery/i;
