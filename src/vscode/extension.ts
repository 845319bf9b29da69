// Extension entry: registers the providers and commands. Activation does no estimating and no probing itself;
// hardware detection starts in the background right after, with external probes only in trusted workspaces.
import * as vscode from 'vscode';
import { AnalysisStore, DOCUMENT_SELECTOR } from './analyses';
import { registerAuthoring } from './authoring';
import { FitCodeActions } from './codeActions';
import { FitCodeLenses } from './codeLens';
import { registerDiagnostics } from './diagnostics';
import { HardwareState } from './hardware';
import { FitHovers } from './hover';
import { LintService } from './lint';
import { guarded, log, logError, outputChannel } from './log';
import { importMeasurementsCommand, MeasurementState, watchWorkspaceBenchFiles } from './measurements';
import { FitPanel } from './panel';
import { RecommendPanel } from './recommendPanel';
import { createStatusBar, selectHardware, showHardwareReport } from './statusBar';

export interface ModelFitApi {
  /** Milliseconds `activate` took (performance.now() around it). */
  activationMs: number;
  /** The hardware profile id estimates use now ("this" or a preset), once resolved (tests). */
  hardwareId(): string | undefined;
  /** This machine's stored measurements in words (tests, diagnostics). */
  measurementSummary(): string;
}

export function activate(context: vscode.ExtensionContext): ModelFitApi {
  const t0 = performance.now();
  const hardware = new HardwareState();
  const measurements = new MeasurementState(context.globalStorageUri, hardware);
  const store = new AnalysisStore(hardware, measurements);
  const lenses = new FitCodeLenses(store, measurements);

  const openPanel = async (uriArg?: unknown) => {
    await guarded('modelFit.estimate', async () => {
      const doc =
        typeof uriArg === 'string' || uriArg instanceof vscode.Uri
          ? await vscode.workspace.openTextDocument(typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg)
          : vscode.window.activeTextEditor?.document;
      if (!doc || !store.hasSomethingToEstimate(doc)) {
        void vscode.window.showInformationMessage('Model Fit: open an Ollama Modelfile or a llama.cpp / llama-swap config first.');
        return;
      }
      FitPanel.show(context.extensionUri, store, hardware, doc, measurements);
    });
  };
  const refresh = async () => {
    store.invalidateAll();
    await guarded('refresh hardware', () => hardware.invalidate(true));
  };

  const updateContextKey = (editor: vscode.TextEditor | undefined) => {
    try {
      const yes = editor !== undefined && store.hasSomethingToEstimate(editor.document);
      void vscode.commands.executeCommand('setContext', 'modelFit.isConfigFile', yes);
    } catch (err) {
      logError('context key', err);
    }
  };

  context.subscriptions.push(
    outputChannel(),
    hardware,
    store,
    lenses,
    createStatusBar(hardware),
    registerDiagnostics(store),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new FitHovers(store, measurements)),
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, lenses),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new FitCodeActions(store), FitCodeActions.metadata),
    vscode.commands.registerCommand('modelFit.estimate', openPanel),
    vscode.commands.registerCommand('modelFit.refreshHardware', refresh),
    vscode.commands.registerCommand('modelFit.showHardware', () => showHardwareReport(hardware)),
    vscode.commands.registerCommand('modelFit.selectHardware', () => selectHardware(hardware)),
    vscode.commands.registerCommand('modelFit.recommend', () => RecommendPanel.show(context.extensionUri, hardware, measurements)),
    measurements,
    measurements.onDidChange(() => {
      store.invalidateAll();
      lenses.refresh();
    }),
    vscode.commands.registerCommand('modelFit.importMeasurements', async (arg?: unknown) => {
      try {
        await importMeasurementsCommand(measurements, arg);
      } catch (err) {
        logError('import measurements', err);
        void vscode.window.showErrorMessage(
          `Model Fit: could not import measurements: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }),
    vscode.commands.registerCommand('modelFit.resetMeasurements', () =>
      guarded('reset measurements', async () => {
        await measurements.reset();
        void vscode.window.showInformationMessage("Model Fit: this machine's measurements and calibration factors are cleared.");
      }),
    ),
    watchWorkspaceBenchFiles(measurements),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('modelFit')) return;
      if (e.affectsConfiguration('modelFit.hardware')) void hardware.invalidate().catch((err) => logError('hardware', err));
      store.invalidateAll();
      lenses.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // Trusted now: detection may run its external probes (nvidia-smi, …).
      store.invalidateAll();
      void hardware.invalidate(true).catch((err) => logError('hardware', err));
    }),
    vscode.window.onDidChangeActiveTextEditor(updateContextKey),
    // Typing a FROM line into an untitled buffer makes it estimable: re-check when its analysis lands.
    store.onDidUpdate((doc) => {
      if (vscode.window.activeTextEditor?.document === doc) updateContextKey(vscode.window.activeTextEditor);
    }),
  );
  updateContextKey(vscode.window.activeTextEditor);

  // Authoring help: completion, docs on names, lint with quick fixes, outline.
  const lint = new LintService();
  context.subscriptions.push(
    lint,
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, lint, LintService.metadata),
    registerAuthoring(store, hardware),
  );

  // Detect in the background so the first hover rarely waits; activation itself returns at once.
  setTimeout(() => void hardware.get().catch((err) => logError('hardware detection', err)), 0);

  const activationMs = performance.now() - t0;
  log(`Model Fit activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, hardwareId: () => hardware.current()?.id, measurementSummary: () => measurements.summary() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
