// The comparison panel: quantizations × contexts, memory by kind, tok/s vs context, the offload split and the
// configuration on several hardware profiles. The webview builds its DOM from the JSON posted here (media/panel.js).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildComparison } from '../core/compare';
import { hardwarePreset } from '../core/hardware';
import type { HardwareProfile } from '../core/types';
import type { AnalysisStore } from './analyses';
import { panelModel, panelProblem, type PanelMessage, type PanelModel, type PanelProblem } from './format/panelModel';
import type { HardwareState } from './hardware';
import type { MeasurementState } from './measurements';
import { log, logError } from './log';
import { readSettings } from './settings';
import { engineOptions } from './engineOptions';
import { plainDeep } from '../core/present/safeText';

export const PANEL_VIEW_TYPE = 'modelFit.panel';
const UPDATE_DEBOUNCE_MS = 400;

export class FitPanel implements vscode.Disposable {
  private static current: FitPanel | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private last: PanelMessage | undefined;

  static show(
    extensionUri: vscode.Uri,
    store: AnalysisStore,
    hardware: HardwareState,
    doc: vscode.TextDocument,
    measurements?: MeasurementState,
  ): void {
    if (FitPanel.current) {
      FitPanel.current.doc = doc;
      FitPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      FitPanel.current.update(0);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'Model Fit',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    FitPanel.current = new FitPanel(panel, extensionUri, store, hardware, doc, measurements);
  }

  /** The panel is open on this document (used to refresh it when the file changes). */
  static isShowing(uri: vscode.Uri): boolean {
    return FitPanel.current?.doc.uri.toString() === uri.toString();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly store: AnalysisStore,
    private readonly hardware: HardwareState,
    private doc: vscode.TextDocument,
    private readonly measurements?: MeasurementState,
  ) {
    panel.webview.html = this.html();
    this.subs.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      store.onDidUpdate((d) => {
        if (d.uri.toString() === this.doc.uri.toString()) this.update();
      }),
      hardware.onDidChange(() => this.update()),
    );
    this.update(0);
  }

  private onMessage(m: unknown): void {
    const msg = m as { type?: unknown; command?: unknown };
    if (msg?.type === 'ready' && this.last) void this.panel.webview.postMessage(plainDeep(this.last));
    if (msg?.type === 'command' && (msg.command === 'modelFit.selectHardware' || msg.command === 'modelFit.refreshHardware')) {
      void vscode.commands.executeCommand(msg.command);
    }
  }

  /** Rebuild after a pause; a newer update makes a running one's result stale. */
  update(delayMs = UPDATE_DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, delayMs);
  }

  private async rebuild(): Promise<void> {
    const seq = ++this.seq;
    try {
      const message = await this.compute();
      if (seq !== this.seq) return;
      this.last = message;
      this.panel.title = `Model Fit: ${message.fileName}`;
      await this.panel.webview.postMessage(plainDeep(message)); // no control or bidi characters reach the page
    } catch (err) {
      logError('panel', err);
    }
  }

  private async compute(): Promise<PanelMessage> {
    const fileName = vscode.workspace.asRelativePath(this.doc.uri, false);
    const a = await this.store.analysis(this.doc);
    const models: PanelModel[] = [];
    const problems: PanelProblem[] = [];
    if (!a)
      return { type: 'update', fileName, models, problems: [{ title: fileName, message: 'not a model configuration Model Fit reads' }] };
    const hardware = await this.hardware.get();
    const s = readSettings();
    const profiles = comparisonProfiles(hardware, s.comparePresets);
    const opts = engineOptions(hardware, this.measurements);
    for (const c of a.configs) {
      if (!c.estimate) {
        problems.push(panelProblem(c));
        continue;
      }
      try {
        const pm = panelModel(c, c.estimate, await buildComparison(c, profiles, opts));
        // This machine's measurements of the same model and settings, beside the prediction.
        const measured = this.measurements?.linesFor(c).measured ?? [];
        if (measured.length) pm.speedText += ` · ${measured.join(' · ')}`;
        models.push(pm);
      } catch (err) {
        logError(`comparison for ${c.config.label}`, err);
        problems.push({ title: c.config.label, message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (!a.configs.length) problems.push({ title: fileName, message: 'no model found in this file' });
    return { type: 'update', fileName, models, problems };
  }

  private html(): string {
    const w = this.panel.webview;
    const media = (f: string) => w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', f)).toString();
    const nonce = makeNonce();
    const csp = `default-src 'none'; img-src ${w.cspSource} data:; style-src ${w.cspSource}; script-src 'nonce-${nonce}';`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('panel.css')}">
<title>Model Fit</title>
</head>
<body>
<header class="top">
  <h1 id="file-title">Model Fit</h1>
  <div class="toolbar" role="toolbar" aria-label="Model Fit actions">
    <button type="button" id="btn-hardware" data-command="modelFit.selectHardware">Change hardware…</button>
    <button type="button" id="btn-refresh" data-command="modelFit.refreshHardware">Refresh detection</button>
  </div>
</header>
<main id="root" aria-live="polite"><p class="muted">Estimating…</p></main>
<script nonce="${nonce}" src="${media('panel.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (FitPanel.current === this) FitPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.seq++;
    for (const s of this.subs) s.dispose();
    this.subs.length = 0;
    this.panel.dispose();
  }
}

/** This machine (or the selected preset) first, then the compare presets, each once; unknown ids are logged and skipped. */
export function comparisonProfiles(current: HardwareProfile, presetIds: string[]): HardwareProfile[] {
  const out = [current];
  for (const id of presetIds) {
    if (out.some((p) => p.id === id)) continue;
    try {
      out.push(hardwarePreset(id));
    } catch (err) {
      log(`modelFit.compare.presets: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return out;
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (const b of randomBytes(32)) s += chars[b % chars.length];
  return s;
}
