// Authoring help through the real `vscode` API: lint diagnostics with did-you-mean fixes and user severities,
// completion (PARAMETER names with docs, num_ctx with its fit), hover docs on names, and the outline.
const assert = require('assert/strict');
const path = require('path');
const fs = require('fs');
const vscode = require('vscode');

const WS = process.env.MODEL_FIT_TEST_WS || vscode.workspace.workspaceFolders[0].uri.fsPath;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what, fn, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
async function write(rel, text) {
  const file = path.join(WS, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  return doc;
}
const lintOf = (doc, code) => vscode.languages.getDiagnostics(doc.uri).filter((d) => String(d.code) === code);
const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label);
const descOf = (item) => (typeof item.label === 'string' ? undefined : item.label.description);

suite('Model Fit authoring help', () => {
  test('unknown parameter: one did-you-mean diagnostic, its fix applies, its severity follows the setting', async () => {
    const doc = await write('authoring-host/Modelfile', 'FROM llama3.1:8b\nPARAMETER num_ctxx 8192\n');
    const [d] = await waitFor('lint diagnostic', () => {
      const hits = lintOf(doc, 'modelfile.unknown-parameter');
      return hits.some((h) => /did you mean num_ctx/.test(h.message)) && hits;
    });
    // The reader's own "unknown parameter" is left to the lint: exactly one.
    await sleep(600);
    assert.equal(lintOf(doc, 'modelfile.unknown-parameter').length, 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((a) => a.title === 'Change to num_ctx');
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(doc.lineAt(1).text, 'PARAMETER num_ctx 8192');

    const cfg = vscode.workspace.getConfiguration('modelFit');
    await vscode.workspace
      .getConfiguration('modelFit')
      .update('lint.rules', { 'modelfile.legacy-value': 'info' }, vscode.ConfigurationTarget.Workspace);
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, doc.lineAt(1).range, 'PARAMETER num_ctx 2048');
      await vscode.workspace.applyEdit(edit);
      const [legacy] = await waitFor('legacy-value as info', () => {
        const hits = lintOf(doc, 'modelfile.legacy-value');
        return hits.length && hits[0].severity === vscode.DiagnosticSeverity.Information && hits;
      });
      assert.match(legacy.message, /0\.6\.7/);
    } finally {
      await cfg.update('lint.rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('completion: PARAMETER names with docs, then num_ctx sizes with their fit on the pinned RTX 3060', async () => {
    const doc = await write('authoring-host/complete/Modelfile', 'FROM llama3.1:8b\nPARAMETER \n');
    const names = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 10));
    const numCtx = names.items.find((i) => labelOf(i) === 'num_ctx');
    assert.ok(numCtx, 'num_ctx offered');
    assert.match(numCtx.documentation.value, /context window/);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 10), 'num_ctx ');
    await vscode.workspace.applyEdit(edit);
    const values = await waitFor('num_ctx values', async () => {
      const r = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 18));
      return r.items.some((i) => labelOf(i) === '32768') && r;
    });
    const row = values.items.find((i) => labelOf(i) === '32768');
    assert.match(descOf(row), /^fits, ~[\d.]+ tok\/s$/);
    const big = values.items.find((i) => labelOf(i) === '131072');
    assert.match(descOf(big), /^(partial offload \d+\/33 layers|CPU only|does not fit)/);
  });

  test('hover docs on a PARAMETER name and on a llama-server flag', async () => {
    const doc = await write('authoring-host/hover/Modelfile', 'FROM llama3.1:8b\nPARAMETER temperature 0.2\n');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 13));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /PARAMETER temperature\*\* — Temperature of the model/);
    const sh = await write('authoring-host/run.sh', '#!/bin/sh\nllama-server -m model.gguf --n-gpu-layers 99\n');
    const h2 = await vscode.commands.executeCommand('vscode.executeHoverProvider', sh.uri, new vscode.Position(1, 30));
    assert.match(
      h2
        .flatMap((h) => h.contents)
        .map((c) => c.value ?? c)
        .join('\n'),
      /layers to store in VRAM/,
    );
  });

  test('outline of a Modelfile', async () => {
    const doc = await write('authoring-host/outline/Modelfile', 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\nSYSTEM """Be\nbrief."""\n');
    const syms = await waitFor('symbols', () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri));
    assert.deepEqual(
      syms.map((s) => s.name),
      ['FROM', 'num_ctx 8192', 'SYSTEM'],
    );
    assert.equal(syms[2].range.end.line, 3);
  });
});
