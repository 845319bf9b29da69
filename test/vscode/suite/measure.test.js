// Measured beside predicted, in the real extension host: import a llama-bench file of this machine, then the hover
// on the model line shows the measurement next to the prediction. Measurements apply to "this machine" only, so the
// test switches the workspace from its pinned preset to detection for its duration.
const assert = require('assert/strict');
const path = require('path');
const vscode = require('vscode');

const WS = process.env.MODEL_FIT_TEST_WS || vscode.workspace.workspaceFolders[0].uri.fsPath;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what, fn, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
    await sleep(250);
  }
}
const hoverText = (hovers) =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');

suite('Model Fit measurements', () => {
  const config = () => vscode.workspace.getConfiguration('modelFit');
  let preset;
  suiteSetup(() => {
    preset = config().inspect('hardware.preset').workspaceValue;
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('modelFit.resetMeasurements');
    await config().update('hardware.preset', preset, vscode.ConfigurationTarget.Workspace);
  });

  test('commands are registered', async () => {
    const cmds = await vscode.commands.getCommands(true);
    assert.ok(cmds.includes('modelFit.importMeasurements'));
    assert.ok(cmds.includes('modelFit.resetMeasurements'));
  });

  test('after importing a llama-bench file, the hover shows measured next to predicted', async function () {
    this.timeout(120000);
    const api = vscode.extensions.getExtension('model-fit.model-fit').exports;
    await config().update('hardware.preset', 'this', vscode.ConfigurationTarget.Workspace);
    await waitFor('detection of this machine', () => api.hardwareId() === 'this');
    // The H100 host's CPU-only runs of Llama-3.1-8B Q4_K_M (tg128 13.45 tok/s); no ngl column, so any split matches.
    await vscode.commands.executeCommand('modelFit.importMeasurements', vscode.Uri.file(path.join(WS, 'llama-bench-cpu.md')));
    const summary = await waitFor('the imported runs', () =>
      /^2 runs/.test(api.measurementSummary()) ? api.measurementSummary() : undefined,
    );
    console.log(`      ${summary}`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(WS, 'Modelfile')));
    await vscode.window.showTextDocument(doc);
    let line = 0;
    while (!/^FROM /.test(doc.lineAt(line).text)) line++;
    const col = doc.lineAt(line).text.indexOf('Llama-3.1');
    const text = await waitFor(
      'a hover with the measurement',
      async () => {
        const t = hoverText(
          (await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col))) || [],
        );
        return /measured/.test(t) ? t : undefined;
      },
      60000,
    );
    const m = /Decode measured ([\d.]+) tok\/s on this machine, 1 run; predicted ([\d.]+)/.exec(text);
    assert.ok(m, text);
    assert.equal(Number(m[1]), 13.4, 'formatTps(13.45) as the hover prints it');
    assert.ok(Number(m[2]) > 0);
    assert.match(text, /Prefill measured 148 tok\/s on this machine, 1 run; predicted/);
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10);
    assert.ok(
      (lenses || []).some((l) => l.command && /measured 13\.4 tok\/s \(1 run\)/.test(l.command.title)),
      (lenses || []).map((l) => l.command && l.command.title).join(' | '),
    );
  });
});
