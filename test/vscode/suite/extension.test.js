// Integration tests against the real `vscode` API, run inside a real extension host (code-server via
// test/e2e/ext-host.mjs, or VS Code desktop via test/vscode/run-electron.mjs). The workspace is a copy of
// test/fixtures/workspace whose .vscode/settings.json pins the hardware to the rtx3060-ddr4 preset.
const assert = require('assert/strict');
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const vscode = require('vscode');

const EXT_ID = 'model-fit.model-fit';
const WS = process.env.MODEL_FIT_TEST_WS || vscode.workspace.workspaceFolders[0].uri.fsPath;
const CLI = process.env.MODEL_FIT_CLI || path.resolve(__dirname, '../../../dist/cli.js');
const PRESET = 'rtx3060-ddr4';

// Llama-3.1-8B Q4_K_M (the fixture GGUF's tensor list = the real file's): tensor data 4,912,898,304 bytes, of which
// token_embd (Q4_K, 4096 × 128256 × 144/256 = 295,501,824) stays in host memory. KV per token, f16:
// 2 (K,V) × 32 blocks × 8 KV heads × 128 dims × 2 bytes = 131,072.
const DATA_8B = 4912898304;
const TOKEN_EMBD_8B = 295501824;
const KV_PER_TOKEN_8B = 131072;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what, fn, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
const hoverText = (hovers) =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
/** The number after a label, e.g. "needs **5.9 GB**" → 5.9 (Markdown bold or rendered text). */
const numberAfter = (text, label, unit) => {
  const m = new RegExp(`${label}\\s*\\**\\s*(\\d+(?:\\.\\d+)?)\\s*${unit}`).exec(text);
  return m ? Number(m[1]) : undefined;
};
function cliEstimate(file) {
  const out = execFileSync(process.execPath, [CLI, 'estimate', file, '--hardware', PRESET, '--json'], { encoding: 'utf8', timeout: 30000 });
  return JSON.parse(out);
}
async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(WS, rel)));
  await vscode.window.showTextDocument(doc);
  return doc;
}
const lineOf = (doc, re) => {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matching ${re} in ${doc.uri.fsPath}`);
};

/** The long-context Modelfile: a spill warning, and its quick fix lowers num_ctx until the KV cache fits; reverted after. */
async function spillFixLowersCtx() {
  const doc = await open('long-context/Modelfile');
  const before = doc.getText();
  const [cli] = cliEstimate(doc.uri.fsPath);
  // KV at 131072 tokens = 131072 × 131,072 B = 17.2 GB: more than the 12 GB card, so layers stay on the CPU.
  assert.equal(cli.memory.kvBytesPerToken, KV_PER_TOKEN_8B);
  assert.equal(cli.fullyOnGpu, false);
  const diag = await waitFor('a warning', () =>
    vscode.languages.getDiagnostics(doc.uri).find((x) => x.severity === vscode.DiagnosticSeverity.Warning),
  );

  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range);
  const fixes = (actions || []).filter((a) => a.edit && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
  const fix = fixes.find((a) => /context/i.test(a.title));
  assert.ok(fix, `no "lower the context" quick fix; got: ${(actions || []).map((a) => a.title).join(' | ')}`);
  try {
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `applyEdit failed for "${fix.title}"`);
    const ctx = Number(/^PARAMETER num_ctx (\d+)$/m.exec(doc.getText())?.[1]);
    assert.ok(ctx >= 2048 && ctx < 131072 && ctx % 1024 === 0, `num_ctx after "${fix.title}": ${ctx}`);
    // The KV cache must fit beside the GPU's weights: (free VRAM − 4.6 GB of weights) / 131,072 B per token.
    const room = cli.hardware.freeVramBytes - (DATA_8B - TOKEN_EMBD_8B);
    assert.ok(ctx * KV_PER_TOKEN_8B < room, `num_ctx ${ctx} cannot fit beside the weights (${room} B free)`);
    // Re-analysed after the edit: the spill warning goes away.
    await waitFor(
      'the warning to clear',
      () => !vscode.languages.getDiagnostics(doc.uri).some((x) => x.severity <= vscode.DiagnosticSeverity.Warning),
    );
  } finally {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  assert.equal(doc.getText(), before);
  assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), before);
}

suite('Model Fit in the extension host', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} not loaded`);
    await ext.activate();
  });

  test('activates, reports its activation time and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.equal(ext.isActive, true);
    const ms = ext.exports && ext.exports.activationMs;
    assert.ok(typeof ms === 'number' && ms >= 0 && ms < 5000, `activationMs = ${ms}`);
    console.log(`      activationMs = ${ms.toFixed(1)}`);
    const cmds = await vscode.commands.getCommands(true);
    assert.ok(cmds.includes('modelFit.estimate'), 'modelFit.estimate not registered');
  });

  test('the pinned hardware preset is what the workspace says', () => {
    assert.equal(vscode.workspace.getConfiguration('modelFit').get('hardware.preset'), PRESET);
  });

  test('hover on the FROM line shows the same GB and tok/s as the CLI', async () => {
    const doc = await open('Modelfile');
    const line = lineOf(doc, /^FROM /);
    const col = doc.lineAt(line).text.indexOf('Llama-3.1');
    const [cli] = cliEstimate(doc.uri.fsPath);
    // The CLI really read the fixture's header: hand-computed sizes of Llama-3.1-8B Q4_K_M.
    assert.equal(cli.memory.kvBytesPerToken, KV_PER_TOKEN_8B);
    assert.equal(cli.settings.ctx, 8192);
    assert.ok(
      cli.memory.gpuBytes >= DATA_8B - TOKEN_EMBD_8B + 8192 * KV_PER_TOKEN_8B,
      `gpuBytes ${cli.memory.gpuBytes} below weights + KV`,
    );
    assert.equal(cli.fits, true);

    const text = await waitFor('a hover with tok/s', async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col));
      const t = hoverText(hovers || []);
      return /tok\/s/.test(t) ? t : undefined;
    });
    // Hover lines: "… needs **5.9 GB** of 11.3 GB free VRAM …" and "Decode: **38.2 tok/s** (…)".
    const gb = numberAfter(text, 'needs', 'GB');
    const tps = numberAfter(text, 'Decode:', 'tok/s');
    const want = cli.memory.gpuBytes / 1e9;
    assert.ok(gb !== undefined && Math.abs(gb - want) <= 0.051, `hover "needs ${gb} GB" vs CLI gpuBytes ${want.toFixed(2)} GB:\n${text}`);
    assert.ok(
      tps !== undefined && Math.abs(tps - cli.speed.decodeTps) <= Math.max(0.01 * cli.speed.decodeTps, 0.051),
      `hover "Decode: ${tps} tok/s" vs CLI decode ${cli.speed.decodeTps}:\n${text}`,
    );
  });

  test('a model that does not fit at all gets an error diagnostic on its model line', async () => {
    const doc = await open('too-big/Modelfile');
    const [cli] = cliEstimate(doc.uri.fsPath);
    // 70B Q4_K_M is ~42.5 GB of weights alone; a 12 GB GPU + 32 GB RAM cannot hold it plus a 32k KV cache.
    assert.equal(cli.fits, false, '70B at 32k on a 12 GB GPU + 32 GB RAM should not fit');
    const diag = await waitFor('an error diagnostic', () =>
      vscode.languages.getDiagnostics(doc.uri).find((x) => x.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.match(diag.message, /does not fit/i);
    assert.match(diag.message, /GB/);
    assert.equal(diag.range.start.line, lineOf(doc, /^FROM /));
  });

  test('a 128k context that spills off the GPU gets a warning whose quick fix lowers num_ctx until it fits', spillFixLowersCtx);

  test('CodeLens on each model of a llama-swap config', async () => {
    const doc = await open('config.yaml');
    const lenses = await waitFor('two CodeLens lines', async () => {
      const l = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10);
      const lines = new Set((l || []).filter((x) => x.command && x.command.title).map((x) => x.range.start.line));
      return lines.size >= 2 ? l : undefined;
    });
    const titles = lenses.map((x) => x.command.title).join('\n');
    assert.match(titles, /\d(\.\d+)?\s*(GB|tok\/s)/, `CodeLens titles carry no numbers:\n${titles}`);
  });

  test('"Model Fit: Estimate on this machine" opens a webview panel', async () => {
    await open('Modelfile');
    await vscode.commands.executeCommand('modelFit.estimate');
    const tab = await waitFor('a webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview),
    );
    assert.match(tab.input.viewType, /model.?fit/i);
  });
});
