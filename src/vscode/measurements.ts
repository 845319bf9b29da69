// Measurements of this machine: imported from a file, the clipboard or the local Ollama server (or picked up from
// llama-bench output files in the workspace when enabled), kept in the extension's global storage keyed by the
// hardware fingerprint — never in the user's repository — and fitted into this machine's calibration factors.
import * as vscode from 'vscode';
import { readMeasurements, type MeasureReadResult } from '../core/measure';
import {
  applyMachineCalibration,
  FACTOR_BOUNDS,
  fitMachineCalibration,
  type CalibrationCase,
  type MachineCalibration,
} from '../core/measure/calibrate';
import { formatMeasured, measuredFor, sameModel } from '../core/measure/match';
import { localOllamaPsUrl } from '../core/measure/ollamaPs';
import { modelForRun } from '../core/measure/runModel';
import { loadFindings, type MeasureFinding } from '../core/measure/spill';
import {
  emptyMeasurements,
  foreignRunsWarning,
  hardwareFingerprint,
  mergeMeasurements,
  parseStoredMeasurements,
  type MachineMeasurements,
} from '../core/measure/store';
import { withOverrides, type Calibration } from '../core/estimate/calibration';
import type { ConfigAnalysis, HardwareProfile } from '../core/types';
import { formatTps } from '../core/units';
import type { HardwareState } from './hardware';
import { log, logError } from './log';

const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
const OLLAMA_TIMEOUT_MS = 3000;
export const BENCH_FILE_GLOB = '**/*{llama-bench,llama_bench}*.{md,csv,json,jsonl,sql,txt}';

function storageKey(fingerprint: string): string {
  // A file name from the fingerprint: stable, short, no path characters.
  let h = 2166136261;
  for (let i = 0; i < fingerprint.length; i++) h = Math.imul(h ^ fingerprint.charCodeAt(i), 16777619) >>> 0;
  return `measurements-${h.toString(16)}.json`;
}

export interface ImportResult {
  read: MeasureReadResult;
  added: number;
  findings: MeasureFinding[];
  /** Set when the runs name another machine's GPU. */
  foreign?: string;
}

export class MeasurementState implements vscode.Disposable {
  private data?: MachineMeasurements;
  private fitted?: MachineCalibration;
  /** Loads, imports and resets run one at a time: a load finishing late must not drop an import. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly storage: vscode.Uri,
    private readonly hardware: HardwareState,
  ) {
    this.subs.push(hardware.onDidChange(() => void this.load().catch((err) => logError('measurements', err))));
  }

  /** Measurements apply to this machine only, never to a preset. */
  private applies(hw: HardwareProfile | undefined): hw is HardwareProfile {
    return !!hw && hw.id === 'this' && !!this.data && this.data.fingerprint === hardwareFingerprint(hw);
  }

  /** The calibration estimates use: the settings' overrides with this machine's factors on top. */
  calibration(overrides: Partial<Calibration> | undefined, hw: HardwareProfile): Partial<Calibration> | undefined {
    if (!this.applies(hw) || !this.fitted) return overrides;
    return applyMachineCalibration(withOverrides(overrides), this.fitted);
  }

  /** Hover / lens lines: what was measured for this configuration, and what the logs showed went wrong. */
  linesFor(a: ConfigAnalysis): { measured: string[]; findings: string[]; lens?: string } {
    const e = a.estimate;
    const hw = this.hardware.current();
    if (!e || !this.applies(hw)) return { measured: [], findings: [] };
    const m = measuredFor(e, this.data!.runs, a.config.modelRef);
    const measured: string[] = [];
    if (m.decode) measured.push(`Decode ${formatMeasured(m.decode, e.speed.decodeTps)}`);
    if (m.prefill) measured.push(`Prefill ${formatMeasured(m.prefill, e.speed.prefillTps)}`);
    const findings = this.data!.loads.filter(
      (l) => sameModel(l.model, e.model, a.config.modelRef) && (l.ctx === undefined || l.ctx === e.settings.ctx),
    )
      .flatMap((l) => loadFindings(l, e))
      .map((f) => f.message);
    return {
      measured,
      findings: [...new Set(findings)].slice(0, 3),
      lens: m.decode ? `measured ${formatTps(m.decode.tps)} tok/s (${m.decode.runs} run${m.decode.runs === 1 ? '' : 's'})` : undefined,
    };
  }

  summary(): string {
    if (!this.data) return 'no measurements';
    const f = this.fitted ?? {};
    const factors = Object.entries(f)
      .map(([k, v]) => {
        const bound = v.value <= FACTOR_BOUNDS.low * 1.001 || v.value >= FACTOR_BOUNDS.high * 0.999;
        return `${k} × ${v.value.toFixed(2)} (${v.runs} run${v.runs === 1 ? '' : 's'}${bound ? ', at its bound: are these runs from this machine?' : ''})`;
      })
      .join(', ');
    return `${this.data.runs.length} runs, ${this.data.loads.length} load reports for ${this.data.label}${factors ? `; factors: ${factors}` : ''}`;
  }

  private serial<T>(body: () => Promise<T>): Promise<T> {
    const next = this.queue.then(body, body);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Read the stored measurements of the machine the estimates use now, and refit. */
  load(): Promise<void> {
    return this.serial(() => this.loadNow());
  }

  private async loadNow(): Promise<void> {
    const hw = await this.hardware.get();
    if (hw.id !== 'this') {
      this.data = undefined;
      this.fitted = undefined;
      this.changed.fire();
      return;
    }
    const fp = hardwareFingerprint(hw);
    let stored: MachineMeasurements | undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.storage, storageKey(fp)));
      stored = parseStoredMeasurements(JSON.parse(new TextDecoder().decode(bytes)), fp);
    } catch {
      stored = undefined; // nothing stored yet, or unreadable: start empty
    }
    this.data = stored ?? emptyMeasurements(hw);
    await this.refit(hw);
  }

  private async refit(hw: HardwareProfile): Promise<void> {
    const cases: CalibrationCase[] = [];
    const dirs = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    for (const run of this.data?.runs ?? []) {
      const { model } = await modelForRun(run.model, dirs);
      if (model) cases.push({ run, model, hardware: hw });
    }
    this.fitted = cases.length ? fitMachineCalibration(cases) : undefined;
    log(`Measurements: ${this.summary()}`);
    this.changed.fire();
  }

  private async save(): Promise<void> {
    if (!this.data) return;
    await vscode.workspace.fs.createDirectory(this.storage);
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(this.storage, storageKey(this.data.fingerprint)),
      new TextEncoder().encode(JSON.stringify(this.data)),
    );
  }

  /** Add what the text holds; returns what was read and the findings of its load reports. */
  importText(text: string, source: string): Promise<ImportResult> {
    return this.serial(() => this.importNow(text, source));
  }

  private async importNow(text: string, source: string): Promise<ImportResult> {
    const hw = await this.hardware.get();
    // Not loaded yet, or the hardware changed since: read this machine's store first.
    if (!this.data || this.data.fingerprint !== hardwareFingerprint(hw)) await this.loadNow();
    if (hw.id !== 'this')
      throw new Error('measurements are kept for this machine; switch Model Fit\'s hardware from the preset back to "this machine" first');
    const read = readMeasurements(text);
    const { store, added } = mergeMeasurements(this.data ?? emptyMeasurements(hw), read, source);
    this.data = store;
    await this.save();
    await this.refit(hw);
    return { read, added, findings: read.loads.flatMap((l) => loadFindings(l)), foreign: foreignRunsWarning(read.runs, hw) };
  }

  reset(): Promise<void> {
    return this.serial(() => this.resetNow());
  }

  private async resetNow(): Promise<void> {
    const hw = await this.hardware.get();
    this.data = emptyMeasurements(hw);
    this.fitted = undefined;
    try {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.storage, storageKey(this.data.fingerprint)));
    } catch {
      /* nothing stored */
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}

async function readUriBounded(uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_IMPORT_BYTES) throw new Error(`${uri.fsPath} is larger than ${MAX_IMPORT_BYTES / 2 ** 20} MiB`);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function fetchOllamaPs(host: string | undefined): Promise<string> {
  const url = localOllamaPsUrl(host);
  if (!url) throw new Error(`modelFit.ollama.host "${host}" is not this machine; only a local Ollama server is asked`);
  const res = await fetch(url, { signal: AbortSignal.timeout(OLLAMA_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_IMPORT_BYTES) throw new Error(`${url} answered more than ${MAX_IMPORT_BYTES / 2 ** 20} MiB`);
  return text;
}

function report(r: ImportResult, source: string, state: MeasurementState): void {
  const { read, added, findings } = r;
  const problems = read.diagnostics.filter((d) => d.severity !== 'info').length;
  const msg =
    read.runs.length || read.loads.length
      ? `Model Fit: imported ${added} new run${added === 1 ? '' : 's'} (${read.runs.length} read, ${read.loads.length} load reports) from ${source}${problems ? `; ${problems} lines skipped` : ''}. ${state.summary()}.`
      : `Model Fit: no llama-bench, llama-server or Ollama output found in ${source}.`;
  void vscode.window.showInformationMessage(msg);
  if (r.foreign)
    void vscode.window.showWarningMessage(`Model Fit: ${r.foreign}. Reset this machine's measurements if they are not from it.`);
  for (const f of findings.filter((x) => x.severity === 'warning')) void vscode.window.showWarningMessage(`Model Fit: ${f.message}`);
  for (const d of read.diagnostics) log(`import ${source}:${d.line}: ${d.message}`);
}

/** "Model Fit: Import measurements…": a file, the clipboard, or the local Ollama server. */
export async function importMeasurementsCommand(state: MeasurementState, arg?: unknown): Promise<void> {
  const ollamaHost = vscode.workspace.getConfiguration('modelFit').get<string>('ollama.host');
  if (arg instanceof vscode.Uri) {
    report(await state.importText(await readUriBounded(arg), arg.fsPath), arg.fsPath, state);
    return;
  }
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: '$(file) From a file…',
        id: 'file',
        detail: 'llama-bench output (md, csv, json, jsonl, sql), a llama-server / llama-cli / Ollama log',
      },
      {
        label: '$(clippy) From the clipboard',
        id: 'clipboard',
        detail: 'pasted terminal output of llama-bench, llama-server, llama-cli or ollama run --verbose',
      },
      {
        label: '$(server) From the local Ollama server',
        id: 'ollama',
        detail: `${localOllamaPsUrl(ollamaHost) ?? 'not a local host'}: models loaded now, their size and size in VRAM`,
      },
    ],
    { title: 'Model Fit: Import measurements of this machine' },
  );
  if (!pick) return;
  if (pick.id === 'file') {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Import' });
    for (const uri of uris ?? []) report(await state.importText(await readUriBounded(uri), uri.fsPath), uri.fsPath, state);
  } else if (pick.id === 'clipboard') {
    const text = await vscode.env.clipboard.readText();
    report(await state.importText(text.slice(0, MAX_IMPORT_BYTES), 'the clipboard'), 'the clipboard', state);
  } else {
    report(await state.importText(await fetchOllamaPs(ollamaHost), 'Ollama /api/ps'), 'Ollama /api/ps', state);
  }
}

/** Opt-in (modelFit.measurements.pickUpWorkspaceFiles): llama-bench output files in the workspace are imported as they appear or change. */
export function watchWorkspaceBenchFiles(state: MeasurementState): vscode.Disposable {
  let watcher: vscode.FileSystemWatcher | undefined;
  const enabled = () => vscode.workspace.getConfiguration('modelFit').get('measurements.pickUpWorkspaceFiles') === true;
  const importUri = (uri: vscode.Uri) =>
    void readUriBounded(uri)
      .then((text) => state.importText(text, vscode.workspace.asRelativePath(uri)))
      .then((r) => log(`picked up ${uri.fsPath}: ${r.added} new runs`))
      .catch((err) => logError(`pick up ${uri.fsPath}`, err));
  const update = async () => {
    watcher?.dispose();
    watcher = undefined;
    if (!enabled()) return;
    watcher = vscode.workspace.createFileSystemWatcher(BENCH_FILE_GLOB);
    watcher.onDidCreate(importUri);
    watcher.onDidChange(importUri);
    for (const uri of await vscode.workspace.findFiles(BENCH_FILE_GLOB, '**/node_modules/**', 50)) importUri(uri);
  };
  void update().catch((err) => logError('workspace measurements', err));
  const sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('modelFit.measurements')) void update().catch((err) => logError('workspace measurements', err));
  });
  return {
    dispose: () => {
      sub.dispose();
      watcher?.dispose();
    },
  };
}
