// An untrusted workspace (issue 16), in the real extension host: its .vscode/settings.json points Model Fit's
// settings at files it brings (an Ollama store; remote headers on; this machine's probes) and a bin/ first on PATH
// holds fake nvidia-smi, rocm-smi, lspci, … that would log their runs. Every path into child_process is
// recorded in this process, every fs call naming the workspace's store or bin/, while the extension detects the
// hardware, estimates, completes, hovers and recommends. Run by `node test/e2e/ext-host.mjs --untrusted`.
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');
const vscode = require('vscode');

const EXT_ID = 'model-fit.model-fit';
const WS = process.env.MODEL_FIT_TEST_WS || vscode.workspace.workspaceFolders[0].uri.fsPath;
const MARKS = process.env.MODEL_FIT_TEST_MARKS; // the fake programs append their names here
const FILES = process.env.MODEL_FIT_TEST_FILES; // the store and bin/ the workspace's settings and PATH point at
const FORBIDDEN = [path.join(FILES, 'store'), path.join(FILES, 'bin')];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const spawned = []; // { call, stack }
const touched = [];
const restore = [];

/** Replace `obj[name]` with a recorder that still calls through. */
function wrap(obj, name, record) {
  const orig = obj[name];
  if (typeof orig !== 'function') return;
  obj[name] = function (...args) {
    record(args);
    return orig.apply(this, args);
  };
  restore.push(() => {
    obj[name] = orig;
  });
}

function pathOf(arg) {
  if (typeof arg === 'string') return arg;
  if (arg instanceof URL) return arg.pathname;
  if (Buffer.isBuffer(arg)) return arg.toString();
  return undefined;
}

function startRecording() {
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    wrap(childProcess, name, (args) =>
      spawned.push({ call: `${name} ${String(args[0]).slice(0, 200)}`, stack: String(new Error().stack) }),
    );
  }
  const fsNames = ['open', 'openSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'stat', 'statSync', 'lstat', 'lstatSync'];
  const record = (name) => (args) => {
    const p = pathOf(args[0]);
    if (p && FORBIDDEN.some((f) => path.resolve(p).startsWith(f))) touched.push(`${name} ${p}`);
  };
  for (const name of [...fsNames, 'existsSync', 'access', 'accessSync', 'realpath', 'realpathSync', 'createReadStream'])
    wrap(fs, name, record(name));
  for (const name of ['open', 'readFile', 'readdir', 'stat', 'lstat', 'access', 'realpath'])
    wrap(fs.promises, name, record(`promises.${name}`));
}

suite('Model Fit in an untrusted workspace', () => {
  suiteSetup(async () => {
    startRecording();
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} not loaded`);
    await ext.activate();
  });
  suiteTeardown(() => {
    for (const r of restore.reverse()) r();
  });

  test('the workspace is untrusted, and the recorders see what they watch', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    // The recorders work: a read of the store and a run of a fake program are seen (then taken out again).
    const before = [touched.length, spawned.length];
    assert.equal(fs.existsSync(path.join(FILES, 'store', 'manifests')), true);
    const probeLog = path.join(FILES, 'probe.log');
    childProcess.spawnSync(path.join(FILES, 'bin', 'nvidia-smi'), [], { env: { ...process.env, MODEL_FIT_TEST_MARKS: probeLog } });
    assert.deepEqual(
      [touched.length - before[0], spawned.length - before[1], fs.readFileSync(probeLog, 'utf8').trim()],
      [1, 1, 'nvidia-smi'],
    );
    touched.splice(before[0]);
    spawned.splice(before[1]);
  });

  test('the workspace settings are read, its restricted ones are not applied', () => {
    const c = vscode.workspace.getConfiguration('modelFit');
    assert.equal(c.inspect('hardware.preset').workspaceValue, 'this'); // the workspace's settings file is read …
    assert.notEqual(c.get('ollama.modelsDir'), path.join(FILES, 'store')); // … but not its Ollama folder
    assert.equal(c.get('remoteHeaders'), false); // … nor its remote headers
  });

  test('detection, estimates, completion, hover and recommendations: no process, no workspace path', async () => {
    await vscode.commands.executeCommand('modelFit.refreshHardware'); // a full re-probe of this machine
    assert.equal(vscode.extensions.getExtension(EXT_ID).exports.hardwareId(), 'this');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(WS, 'Modelfile')));
    await vscode.window.showTextDocument(doc);
    let found;
    for (let i = 0; i < 100 && !found; i++) {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 6));
      const diags = vscode.languages.getDiagnostics(doc.uri);
      if ((hovers && hovers.length) || diags.length) found = { hovers: hovers.length, diags: diags.map((d) => d.message) };
      else await sleep(200);
    }
    assert.ok(found, 'the Modelfile was never analyzed');
    console.log(`      analyzed: ${JSON.stringify(found).slice(0, 300)}`);
    await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 5));
    await vscode.commands.executeCommand('modelFit.estimate');
    await vscode.commands.executeCommand('modelFit.recommend');
    await sleep(3000); // panels render and list local models
    // The extension's own calls (its bundle on the stack); VS Code's (port detection runs `ps`) are only logged.
    const dist = path.join(vscode.extensions.getExtension(EXT_ID).extensionPath, 'dist');
    const others = spawned.filter((s) => !s.stack.includes(dist)).map((s) => s.call);
    if (others.length) console.log(`      not from Model Fit: ${[...new Set(others)].join('; ')}`);
    assert.deepEqual(
      spawned.filter((s) => s.stack.includes(dist)).map((s) => s.call),
      [],
    );
    assert.deepEqual(touched, []);
    assert.equal(fs.existsSync(MARKS), false, `a workspace program ran: ${fs.existsSync(MARKS) ? fs.readFileSync(MARKS, 'utf8') : ''}`);
  });
});
