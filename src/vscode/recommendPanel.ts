// "Model Fit: What can this machine run?": the ranked recommendations for the hardware profile the status bar
// shows, local models (Ollama store, GGUFs in the workspace folders) first. The webview (media/recommend.js)
// builds its DOM from the JSON posted here; copy buttons ask the extension, which writes the clipboard.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ollamaStoreModels, recommend, USE_CASES, workspaceGgufs, type LocalModel, type UseCase } from '../core/recommend';
import { withOverrides } from '../core/estimate/calibration';
import { ollamaStoreDirs } from '../core/resolve';
import {
  copyText,
  recommendView,
  type RecommendFromWebview,
  type RecommendToWebview,
  type RecommendViewMessage,
} from './format/recommendView';
import type { HardwareState } from './hardware';
import { logError } from './log';
import type { MeasurementState } from './measurements';
import { readSettings } from './settings';

export const RECOMMEND_VIEW_TYPE = 'modelFit.recommend';
const ALLOWED_COMMANDS = new Set(['modelFit.selectHardware', 'modelFit.refreshHardware']);

export class RecommendPanel implements vscode.Disposable {
  private static current: RecommendPanel | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private use: UseCase = 'chat';
  private seq = 0;
  private last: RecommendViewMessage | undefined;

  static show(extensionUri: vscode.Uri, hardware: HardwareState, measurements?: MeasurementState): void {
    if (RecommendPanel.current) {
      RecommendPanel.current.panel.reveal(undefined, false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(RECOMMEND_VIEW_TYPE, 'Model Fit: Best for this machine', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    RecommendPanel.current = new RecommendPanel(panel, extensionUri, hardware, measurements);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly hardware: HardwareState,
    private readonly measurements?: MeasurementState,
  ) {
    panel.webview.html = this.html();
    this.subs.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m as RecommendFromWebview)),
      hardware.onDidChange(() => void this.rebuild()),
    );
    void this.rebuild();
  }

  private post(m: RecommendToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private onMessage(m: RecommendFromWebview): void {
    if (m?.type === 'ready' && this.last) this.post(this.last);
    if (m?.type === 'use' && (USE_CASES as readonly string[]).includes(m.use) && m.use !== this.use) {
      this.use = m.use;
      void this.rebuild();
    }
    if (m?.type === 'command' && ALLOWED_COMMANDS.has(m.command)) void vscode.commands.executeCommand(m.command);
    if (m?.type === 'copy') {
      const text = copyText(this.last, m.row, m.what);
      if (text === undefined) return;
      void vscode.env.clipboard.writeText(text).then(
        () => this.post({ type: 'copied', row: m.row, what: m.what }),
        (err) => logError('copy to clipboard', err),
      );
    }
  }

  private async rebuild(): Promise<void> {
    const seq = ++this.seq;
    try {
      const hw = await this.hardware.get();
      if (seq !== this.seq) return;
      this.post({ type: 'busy', use: this.use, hardwareLabel: hw.label });
      const local = await localModels();
      // Let the "computing" state paint before the synchronous ranking runs.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (seq !== this.seq) return;
      const s = readSettings();
      const calibration = withOverrides(this.measurements ? this.measurements.calibration(s.calibration, hw) : s.calibration);
      const view = recommendView(
        recommend(hw, { use: this.use, local, estimate: { calibration, safetyMarginBytes: s.safetyMarginBytes } }),
      );
      if (seq !== this.seq) return;
      this.last = view;
      this.post(view);
    } catch (err) {
      logError('recommendations', err);
    }
  }

  private html(): string {
    const w = this.panel.webview;
    const media = (f: string) => w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', f)).toString();
    const nonce = randomBytes(18).toString('base64url');
    const csp = `default-src 'none'; img-src ${w.cspSource} data:; style-src ${w.cspSource}; script-src 'nonce-${nonce}';`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('panel.css')}">
<link rel="stylesheet" href="${media('recommend.css')}">
<title>Best for this machine</title>
</head>
<body>
<header class="top">
  <h1 id="rec-title">Best for this machine</h1>
  <div class="toolbar" role="toolbar" aria-label="Recommendation options">
    <label for="rec-use">Use</label>
    <select id="rec-use"></select>
    <button type="button" data-command="modelFit.selectHardware">Change hardware…</button>
  </div>
</header>
<main id="rec-root" aria-live="polite"><p class="muted">Detecting hardware…</p></main>
<script nonce="${nonce}" src="${media('recommend.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (RecommendPanel.current === this) RecommendPanel.current = undefined;
    this.seq++;
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
    this.panel.dispose();
  }
}

/** Models already here: the Ollama store's tags and the GGUF files in each workspace folder (headers only). */
async function localModels(): Promise<LocalModel[]> {
  const out: LocalModel[] = [];
  try {
    for (const dir of ollamaStoreDirs(readSettings().ollamaModelsDir, process.env)) out.push(...(await ollamaStoreModels(dir)));
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      if (f.uri.scheme === 'file') out.push(...(await workspaceGgufs(f.uri.fsPath)));
    }
  } catch (err) {
    logError('local models for recommendations', err);
  }
  return out;
}
