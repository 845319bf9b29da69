#!/usr/bin/env node
// What a user sees, end to end: packages the .vsix, installs it into a fresh code-server, drives Debian's Chromium
// with playwright-core and checks the hover (numbers equal the CLI's), the Problems panel, a quick fix, the status
// bar, the estimate panel and the recommendations; screenshots go to docs/screenshots/, activation time to test-results/activation.json.
// Prints "N passed, M failed" alone on a line; exit code 1 on any failure.
// Usage: node test/e2e/ui.e2e.mjs [--no-package]   (MODEL_FIT_VSIX=path skips packaging too)
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  NOISE,
  sleep,
  requireInstalled,
  makeTemp,
  prepareWorkspace,
  installVsix,
  startCodeServer,
  launchChromium,
} from './codeServer.mjs';

const PRESET = 'rtx3060-ddr4';
const SHOTS = path.join(ROOT, 'docs/screenshots');
const RESULTS = path.join(ROOT, 'test-results');
const WATCHDOG_MS = +(process.env.MODEL_FIT_E2E_TIMEOUT_MS || 420_000);
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

let passed = 0;
let failed = 0;
let page, ctx, server, tmp;
const t0 = Date.now();

async function cleanup() {
  try {
    await ctx?.close();
  } catch {
    /* browser gone */
  }
  server?.stop();
  if (tmp && !process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
}
const watchdog = setTimeout(async () => {
  console.error(`ui.e2e: no result within ${WATCHDOG_MS / 1000} s`);
  await cleanup();
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(124);
}, WATCHDOG_MS);

/** Runs one check; on failure saves the page as test-results/fail-<name>.png. */
async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok    ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}: ${(e instanceof Error ? e.message : String(e)).split('\n').slice(0, 6).join('\n      ')}`);
    if (page) await page.screenshot({ path: path.join(RESULTS, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}
const shot = (name) => page.screenshot({ path: path.join(SHOTS, name) });
/** The number after a label, e.g. "needs **5.9 GB**" → 5.9 (Markdown bold or rendered text). */
const numberAfter = (text, label, unit) => {
  const m = new RegExp(`${label}\\s*\\**\\s*(\\d+(?:\\.\\d+)?)\\s*${unit}`).exec(text);
  return m ? Number(m[1]) : undefined;
};

function cliEstimate(file) {
  const cli = process.env.MODEL_FIT_CLI || path.join(ROOT, 'dist/cli.js');
  const r = spawnSync(process.execPath, [cli, 'estimate', file, '--hardware', PRESET, '--json'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0)
    throw new Error(
      `model-fit estimate ${path.basename(file)} failed (${r.status}): ${(r.stderr || String(r.error)).trim().split('\n')[0]}`,
    );
  const out = r.stdout;
  return JSON.parse(out);
}

function cliRecommend(ws) {
  const cli = process.env.MODEL_FIT_CLI || path.join(ROOT, 'dist/cli.js');
  const r = spawnSync(process.execPath, [cli, 'recommend', '--hardware', PRESET, '--models-dir', ws, '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`model-fit recommend failed (${r.status}): ${(r.stderr || String(r.error)).trim().split('\n')[0]}`);
  return JSON.parse(r.stdout);
}

async function runCommand(title) {
  await page.keyboard.press('Escape'); // close any widget a failed step left open
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open (F1, then the path without the ">" command prefix). */
async function openFile(rel) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(rel);
  const want = path.basename(rel);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: path.dirname(rel) === '.' ? want : path.dirname(rel) })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: want }).waitFor({ timeout: 10_000 });
  await page.locator('.editor-instance .view-lines').first().waitFor({ timeout: 10_000 });
  await sleep(300);
}

const editorText = async () =>
  (await page.locator('.editor-group-container.active .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

/** Hovers a text span in the active editor until a hover matching `re` shows (hovers can need a second try). */
/** The editor's suggest list: a row by text, opening it, and accepting the row matching a pattern. */
function suggestWidget() {
  const suggest = page.locator('.editor-widget.suggest-widget');
  const row = (text) => suggest.locator('.monaco-list-row', { hasText: text }).first();
  const openSuggest = async () => {
    for (let i = 0; i < 5; i++) {
      if (await suggest.isVisible()) return;
      await page.keyboard.press('Control+Space');
      await sleep(500);
    }
    await suggest.waitFor({ state: 'visible', timeout: 5000 });
  };
  /** Moves the list's focus to the row matching `re` (snippets and words share the list), then accepts it. */
  const accept = async (re) => {
    for (let k = 0; k < 12; k++) {
      const focused = (
        await suggest
          .locator('.monaco-list-row.focused')
          .first()
          .innerText()
          .catch(() => '')
      ).trim();
      if (re.test(focused)) {
        await page.keyboard.press('Enter');
        return;
      }
      await page.keyboard.press('ArrowDown');
      await sleep(100);
    }
    throw new Error(`no suggestion matching ${re}`);
  };
  return { suggest, row, openSuggest, accept };
}

async function hoverUntil(spanText, re) {
  const span = page.locator('.editor-group-container.active .view-line span', { hasText: spanText }).last();
  for (let i = 0; i < 8; i++) {
    await page.mouse.move(5, 5);
    await sleep(200);
    await span.hover({ timeout: 10_000 });
    const hover = page.locator('.monaco-hover:visible').first();
    try {
      await hover.waitFor({ state: 'visible', timeout: 4000 });
      for (let j = 0; j < 10; j++) {
        const text = await hover.innerText();
        if (re.test(text)) return text;
        await sleep(300); // the first hover may say "Loading…" while the estimate runs
      }
    } catch {
      /* retry */
    }
  }
  throw new Error(`no hover matching ${re} over "${spanText}"`);
}

async function findActivationMs(dir) {
  // Extension output channels are logged under the server's logs folder as "<n>-<Channel Name>.log".
  const hits = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) hits.push(p);
    }
  };
  walk(dir);
  for (const f of hits) {
    const m = /Model Fit activated in ([\d.]+)\s*ms/.exec(fs.readFileSync(f, 'utf8'));
    if (m) return { ms: Number(m[1]), file: path.relative(dir, f).replace(/^logs\/[^/]+\//, '') };
  }
  return undefined;
}

try {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  requireInstalled();

  let vsix = process.env.MODEL_FIT_VSIX;
  if (!vsix && !process.argv.includes('--no-package')) {
    const t = Date.now();
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}${r.stderr}`);
    console.log(`packaged in ${Date.now() - t} ms`);
  }
  vsix ??= path.join(ROOT, 'dist/model-fit.vsix');

  await check('vsix holds only the runtime files and is under 2 MB', async () => {
    const size = fs.statSync(vsix).size;
    const files = execFileSync('zipinfo', ['-1', vsix], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((f) => f.startsWith('extension/'))
      .map((f) => f.slice('extension/'.length));
    console.log(`      ${path.basename(vsix)}: ${size} bytes, ${files.length} files: ${files.join(' ')}`);
    if (size > MAX_VSIX_BYTES) throw new Error(`${size} bytes > 2 MB`);
    if (!files.includes('dist/extension.js')) throw new Error('dist/extension.js missing');
    const stray = files.filter((f) => /^(src|test|scripts|node_modules|\.cache|docs)\/|\.map$|^dist\/cli\.js$/.test(f));
    if (stray.length) throw new Error(`files that should not ship: ${stray.join(', ')}`);
  });

  tmp = makeTemp('model-fit-ui-');
  const ws = prepareWorkspace(path.join(tmp, 'ws'));
  console.log(`      ${installVsix(tmp, vsix).split('\n').pop()}`);
  server = await startCodeServer(tmp);
  ctx = await launchChromium(tmp);
  page = ctx.pages()[0] || (await ctx.newPage());
  page.on('console', (m) => {
    if (process.env.VERBOSE && !NOISE.test(m.text())) console.log(`      [browser] ${m.text()}`);
  });
  await page.goto(`${server.base}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });

  let cli8bCache;
  const cli8b = () => (cli8bCache ??= cliEstimate(path.join(ws, 'Modelfile'))[0]);

  await check('status bar shows the pinned hardware', async () => {
    await openFile('Modelfile');
    const item = page.locator('.statusbar-item', { hasText: /RTX 3060/ }).first();
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await item.innerText();
    if (!/12\s*GB/.test(text) && !/RTX 3060/.test(text)) throw new Error(`status bar item says "${text}"`);
    await shot('statusbar.png');
  });

  await check("hover on the model line shows the CLI's GB and tok/s", async () => {
    const text = await hoverUntil('Llama-3.1', /tok\/s/);
    // Hover lines: "… needs 5.9 GB of 11.3 GB free VRAM …" and "Decode: 38.2 tok/s (…)".
    const gb = numberAfter(text, 'needs', 'GB');
    const tps = numberAfter(text, 'Decode:', 'tok/s');
    const wantGb = cli8b().memory.gpuBytes / 1e9;
    const wantTps = cli8b().speed.decodeTps;
    if (gb === undefined || Math.abs(gb - wantGb) > 0.051) throw new Error(`hover "needs ${gb} GB" ≠ CLI ${wantGb.toFixed(2)} GB\n${text}`);
    if (tps === undefined || Math.abs(tps - wantTps) > Math.max(0.01 * wantTps, 0.051))
      throw new Error(`hover "Decode: ${tps} tok/s" ≠ CLI ${wantTps}\n${text}`);
    console.log(`      hover: ${wantGb.toFixed(1)} GB, ${wantTps.toFixed(1)} tok/s (CLI agrees)`);
    await shot('hover.png');
    await page.mouse.move(5, 5);
  });

  let activation;
  await check('activation time logged', async () => {
    for (let i = 0; i < 20 && !activation; i++) {
      activation = await findActivationMs(path.join(tmp, 'ud'));
      if (!activation) await sleep(250);
    }
    if (!activation) throw new Error('no "Model Fit activated in X ms" line in the extension logs');
    fs.writeFileSync(
      path.join(RESULTS, 'activation.json'),
      JSON.stringify(
        {
          activationMs: activation.ms,
          source: 'code-server 4.100.3 output channel log',
          log: activation.file,
          measuredAt: new Date().toISOString(),
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`      activated in ${activation.ms} ms`);
  });

  await check('Problems panel shows the fit error (70B) and the spill warning (128k context)', async () => {
    await openFile('too-big/Modelfile');
    await openFile('long-context/Modelfile');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    const error = page.locator('.markers-panel .monaco-list-row', { has: page.locator('.codicon-error') }).first();
    const warning = page.locator('.markers-panel .monaco-list-row', { has: page.locator('.codicon-warning') }).first();
    await error.waitFor({ state: 'visible', timeout: 20_000 });
    await warning.waitFor({ state: 'visible', timeout: 20_000 });
    const e = await error.innerText();
    const w = await warning.innerText();
    if (!/does not fit/i.test(e) || !/GB/.test(e)) throw new Error(`error row says "${e}"`);
    if (!/layers on GPU|GB/i.test(w)) throw new Error(`warning row says "${w}"`);
    console.log(`      error:   ${e.replace(/\s+/g, ' ').slice(0, 150)}\n      warning: ${w.replace(/\s+/g, ' ').slice(0, 150)}`);
    await shot('problems.png');
  });

  await check('the quick fix lowers num_ctx in the 128k Modelfile', async () => {
    await openFile('long-context/Modelfile');
    const before = await editorText();
    // Put the cursor on the warning: double-clicking its Problems row reveals it in the editor; Ctrl+. lists the fixes.
    await page
      .locator('.markers-panel .monaco-list-row', { has: page.locator('.codicon-warning') })
      .first()
      .dblclick();
    await sleep(400);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row.action');
    await menu.first().waitFor({ state: 'visible', timeout: 10_000 });
    const titles = (await menu.allInnerTexts()).map((t) => t.trim());
    console.log(`      fixes: ${titles.join(' | ')}`);
    const i = titles.findIndex((t) => /context/i.test(t));
    if (i < 0) throw new Error('no "lower the context" fix offered');
    await shot('quickfix.png');
    // Keyboard, not click: the widget animates in and Playwright never sees it "stable". The first fix has focus.
    for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    let after = before;
    for (let k = 0; k < 20 && after === before; k++) {
      await sleep(200);
      after = await editorText();
    }
    const ctx = Number(/num_ctx (\d+)/.exec(after)?.[1]);
    if (after === before || !(ctx >= 2048 && ctx < 131072)) throw new Error(`num_ctx after the fix: ${ctx}\n${after}`);
    console.log(`      num_ctx 131072 → ${ctx}`);
  });

  /** Runs a command by clicking its own palette entry (another with the same words can rank first). */
  async function clickCommand(title, notText) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: title })
      .filter({ hasNotText: notText })
      .first()
      .click({ timeout: 10_000 });
  }

  /** Reveals the Problems row matching `text`, opens the quick-fix menu there and returns the fix titles. */
  async function fixesAt(text, icon) {
    await page.keyboard.press('Escape');
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { has: page.locator(`.codicon-${icon}`), hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.dblclick();
    await sleep(400);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row.action');
    await menu.first().waitFor({ state: 'visible', timeout: 10_000 });
    return { row: (await row.innerText()).replace(/\s+/g, ' '), titles: (await menu.allInnerTexts()).map((t) => t.trim()) };
  }

  async function applyFix(titles, re) {
    const i = titles.findIndex((t) => re.test(t));
    if (i < 0) throw new Error(`no fix matching ${re}: ${titles.join(' | ')}`);
    const before = await editorText();
    for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    let after = before;
    for (let k = 0; k < 20 && after === before; k++) {
      await sleep(200);
      after = await editorText();
    }
    return after;
  }

  await check('num_gpu 10 on a card with room: the fix raises it to 33 (all layers fit)', async () => {
    await openFile('low-ngl/Modelfile');
    const { row, titles } = await fixesAt('num_gpu 10 in this file', 'warning');
    console.log(`      warning: ${row.slice(0, 150)}\n      fixes: ${titles.join(' | ')}`);
    if (!/^Raise num_gpu to 33 \(all layers fit\) → fits on the GPU/.test(titles[0] ?? '')) throw new Error(`first fix: ${titles[0]}`);
    await shot('quickfix-ngl.png');
    const after = await applyFix(titles, /Raise num_gpu/);
    if (!/num_gpu 33/.test(after)) throw new Error(`after the fix:\n${after}`);
  });

  await check('a missing local GGUF is an error on its path', async () => {
    await openFile('missing/Modelfile');
    await page.keyboard.press('Escape');
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { has: page.locator('.codicon-error'), hasText: 'No file at' }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    if (!/Q5_K_M\.gguf: ollama create would fail/.test(text)) throw new Error(`error row says "${text}"`);
    console.log(`      error: ${text.slice(0, 150)}`);
    await shot('missing-file.png');
  });

  await check('an untitled buffer with a Modelfile in it gets the CodeLens', async () => {
    await clickCommand('File: New Untitled Text File', 'Compare');
    await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 10_000 });
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await page.keyboard.type('FROM llama3.1:8b\nPARAMETER num_ctx 8192\n');
    const lens = page.locator('.editor-group-container.active .codelens-decoration', { hasText: 'Model Fit:' }).first();
    await lens.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await lens.innerText();
    if (!/fits · [\d.]+ GB of [\d.]+ GB · ~[\d.]+ tok\/s/.test(text)) throw new Error(`CodeLens says "${text}"`);
    console.log(`      CodeLens: ${text}`);
    await shot('untitled-codelens.png');
    // Empty again, so closing it later asks nothing.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
  });

  await check('"Model Fit: Estimate on this machine" panel shows the quant × context table', async () => {
    await openFile('Modelfile');
    await runCommand('Model Fit: Estimate on this machine');
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    const body = frame.locator('body');
    await frame.locator('table').first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await body.innerText();
    if (!/Q4_K_M/.test(text)) throw new Error(`panel does not mention Q4_K_M:\n${text.slice(0, 400)}`);
    if (!/tok\/s/.test(text) || !/GB/.test(text)) throw new Error(`panel has no GB / tok/s figures:\n${text.slice(0, 400)}`);
    const rows = await frame.locator('table tr').count();
    if (rows < 3) throw new Error(`table has ${rows} rows`);
    const tps = numberAfter(text, 'Decode', 'tok/s');
    const wantTps = cli8b().speed.decodeTps;
    if (tps === undefined || Math.abs(tps - wantTps) > Math.max(0.01 * wantTps, 0.051))
      throw new Error(`panel "Decode ${tps} tok/s" ≠ CLI ${wantTps}`);
    console.log(`      panel: ${rows} table rows, decode ${tps} tok/s (CLI agrees)`);
    // Give the panel the whole window for the screenshot: hide the bottom panel, maximize the webview's group.
    await page.locator('.tab', { hasText: 'Model Fit' }).first().click();
    await page.keyboard.press('Control+J');
    if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
    await page.locator('.tab', { hasText: 'Model Fit' }).first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+M'); // Toggle Maximize Editor Group
    await sleep(800); // let charts draw
    await shot('panel.png');
  });

  await check('"Model Fit: What can this machine run?" ranks what the CLI ranks, with lines to copy', async () => {
    // One webview at a time, so the frame below is this one.
    await runCommand('View: Close All Editor Groups');
    await sleep(500);
    await runCommand('Model Fit: What can this machine run?');
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    const rows = frame.locator('table.recs tbody tr');
    await rows.first().waitFor({ state: 'visible', timeout: 60_000 });
    const want = cliRecommend(ws);
    const n = await rows.count();
    if (n !== want.recommendations.length) throw new Error(`panel lists ${n} models, CLI ${want.recommendations.length}`);
    // Local GGUFs of the workspace first, as in the CLI; the decode cell equals the CLI's tok/s.
    const first = want.recommendations[0];
    const firstText = await rows.first().innerText();
    if (!firstText.includes(first.name) || !/local file/.test(firstText))
      throw new Error(`first row is not ${first.name} (local file):\n${firstText}`);
    const tps = Number(/([\d.]+) tok\/s/.exec(await rows.first().locator('td.num').first().innerText())?.[1]);
    if (!(Math.abs(tps - first.decodeTps) <= Math.max(0.01 * first.decodeTps, 0.051)))
      throw new Error(`panel decode ${tps} tok/s ≠ CLI ${first.decodeTps}`);
    const moe = want.recommendations.findIndex((r) => r.plan === 'experts-on-cpu');
    if (moe < 0) throw new Error('CLI lists no experts-on-CPU plan on the 3060');
    const moeText = await rows.nth(moe).innerText();
    const words = `experts of ${want.recommendations[moe].settings.nCpuMoe} blocks on the CPU`;
    if (!moeText.includes(words) || !moeText.includes(want.recommendations[moe].run.llamaServer))
      throw new Error(`row ${moe + 1} lacks "${words}" or its llama-server line:\n${moeText}`);
    console.log(`      ${n} rows; #1 ${first.name} ${first.quant} ${tps} tok/s; #${moe + 1} ${want.recommendations[moe].name}: ${words}`);
    // Copy goes through the extension, which answers "Copied" once the clipboard has the line.
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base }).catch(() => {});
    await rows.first().locator('button', { hasText: 'Copy llama-server line' }).click();
    await rows.first().locator('button', { hasText: 'Copied' }).waitFor({ timeout: 10_000 });
    const clip = await page.evaluate(() => globalThis.navigator.clipboard.readText()).catch((e) => ({ unreadable: String(e) }));
    if (typeof clip === 'string' && clip !== first.run.llamaServer)
      throw new Error(`clipboard has "${clip}", want "${first.run.llamaServer}"`);
    console.log(
      typeof clip === 'string'
        ? `      clipboard: ${clip}`
        : `      clipboard not readable from the page (${clip.unreadable.split('\n')[0]}); "Copied" came back`,
    );
    // Full window, taller, for a screenshot that shows the local files and the first MoE plans.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
    await page.setViewportSize({ width: 1400, height: 1500 });
    await sleep(1700); // past the "Copied" label
    await shot('recommend.png');
    await page.setViewportSize({ width: 1400, height: 900 });
    // Another use case re-ranks: code asks for a 32k context.
    await frame.locator('#rec-use').selectOption('code');
    await frame.locator('p.summary', { hasText: 'for code at a 32768-token context' }).waitFor({ timeout: 60_000 });
  });

  await check('authoring: a Modelfile typed from scratch with completion, a did-you-mean fix and docs on hover', async () => {
    fs.mkdirSync(path.join(ws, 'authoring'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'authoring/Modelfile'), '');
    // The panel check left two groups with a "Modelfile" tab each: start from one.
    await runCommand('View: Close All Editor Groups');
    await sleep(500);
    await openFile('authoring/Modelfile');
    await page.locator('.editor-group-container.active .view-lines').first().click();
    const { row, openSuggest, accept } = suggestWidget();
    // 1. An instruction at line start.
    await page.keyboard.type('FR', { delay: 40 });
    await openSuggest();
    await row(/^FROM/).waitFor({ timeout: 10_000 });
    await shot('completion-instruction.png');
    await accept(/^FROM/);
    // FROM retriggers the list with workspace GGUFs, local models and catalog tags.
    await row('llama3.1:8b').waitFor({ timeout: 10_000 });
    await page.keyboard.type('llama3.1:8b', { delay: 20 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // 2. A PARAMETER name with its docs.
    await page.keyboard.type('PARA', { delay: 40 });
    await openSuggest();
    await row(/^PARAMETER/).waitFor({ timeout: 10_000 });
    await accept(/^PARAMETER/);
    await row('num_ctx').waitFor({ timeout: 10_000 });
    await page.keyboard.type('num_c', { delay: 40 });
    const details = page.locator('.suggest-details');
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space'); // "read more"
    await details.waitFor({ state: 'visible', timeout: 5000 });
    const doc = await details.innerText();
    if (!/context window/i.test(doc)) throw new Error(`num_ctx docs say "${doc}"`);
    await shot('completion-parameter.png');
    await accept(/^num_ctx/);
    // 3. num_ctx values, each with its fit and speed on this machine; the numbers equal the CLI's.
    const r32k = row(/^32768/);
    await r32k.waitFor({ timeout: 20_000 });
    const label = (await r32k.innerText()).replace(/\s+/g, ' ');
    const m = /32768\s*fits, ~([\d.]+) tok\/s/.exec(label);
    if (!m) throw new Error(`32768 row says "${label}"`);
    const probe = path.join(tmp, 'probe.Modelfile');
    fs.writeFileSync(probe, 'FROM llama3.1:8b\nPARAMETER num_ctx 32768\n');
    const want = cliEstimate(probe)[0].speed.decodeTps;
    const got = Number(m[1]);
    if (Math.abs(got - want) > Math.max(0.01 * want, 0.051)) throw new Error(`completion says ~${got} tok/s at 32768, CLI ${want}`);
    console.log(`      num_ctx 32768 row: "${label.trim()}" (CLI ${want.toFixed(2)} tok/s)`);
    await shot('completion-ctx.png');
    await page.keyboard.press('Escape');
    await page.keyboard.type('32768', { delay: 20 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    // 4. A misspelt parameter gets a did-you-mean quick fix.
    await page.keyboard.type('PARAMETER temprature 0.7', { delay: 30 });
    await page.keyboard.press('Escape');
    await sleep(600);
    await page.locator('.editor-group-container.active .view-line span', { hasText: 'temprature' }).last().dblclick();
    await sleep(300);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row.action');
    await menu.first().waitFor({ state: 'visible', timeout: 10_000 });
    const titles = (await menu.allInnerTexts()).map((t) => t.trim());
    const i = titles.findIndex((t) => /Change to temperature/.test(t));
    if (i < 0) throw new Error(`fixes offered: ${titles.join(' | ')}`);
    await shot('quickfix-didyoumean.png');
    for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    let text = '';
    for (let k = 0; k < 20 && !/PARAMETER temperature 0\.7/.test(text); k++) {
      await sleep(200);
      text = await editorText();
    }
    if (!/^FROM llama3\.1:8b\s*\nPARAMETER num_ctx 32768\s*\nPARAMETER temperature 0\.7/m.test(text))
      throw new Error(`after the fix:\n${text}`);
    // 5. Docs on a parameter name (the fit hover stays on the value).
    const hover = await hoverUntil('num_ctx', /context window/i);
    if (!/default 4096/.test(hover)) throw new Error(`hover says "${hover}"`);
    await sleep(400); // past the hover's fade-in
    await shot('hover-docs.png');
    await page.mouse.move(5, 5);
  });

  await check('on a CPU-only profile, FROM llama3.1:405b gets a fix that fits in RAM', async () => {
    await clickCommand('File: Save All', 'Group'); // the authoring check leaves its Modelfile unsaved
    await clickCommand('View: Close All Editors', 'Groups');
    await sleep(500);
    fs.writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({ 'modelFit.hardware.preset': 'ddr5-cpu' }, null, 2) + '\n');
    await page
      .locator('.statusbar-item', { hasText: /CPU only|DDR5/ })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await openFile('cpu-only/Modelfile');
    const { row, titles } = await fixesAt('405B', 'error');
    console.log(`      error: ${row.slice(0, 150)}\n      fixes: ${titles.join(' | ')}`);
    if (!/does not fit in RAM/.test(row)) throw new Error(`error row says "${row}"`);
    if (!titles.some((t) => /^Use Llama 3\.1 70B Instruct \(llama3\.1:70b.*→ fits in RAM/.test(t)))
      throw new Error(`fixes: ${titles.join(' | ')}`);
    await shot('quickfix-cpu-only.png');
    const after = await applyFix(titles, /llama3\.1:70b/);
    if (!/FROM llama3\.1:70b/.test(after)) throw new Error(`after the fix:\n${after}`);
  });
} catch (e) {
  failed++;
  console.log(`FAIL  setup: ${e instanceof Error ? e.message : e}`);
  if (server && process.env.VERBOSE) console.log(server.log());
  if (page) await page.screenshot({ path: path.join(RESULTS, 'fail-setup.png') }).catch(() => {});
}
clearTimeout(watchdog);
await cleanup();
console.log(`ui.e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
