// One DocumentAnalysis per open config document, recomputed (debounced) as the user types. Stale runs are dropped:
// the engine call is not interruptible, but its result is applied only if the document has not changed since.
import * as vscode from 'vscode';
import { analyzeDocument, hasSomethingToEstimate, isConfigFile } from '../core/analyze';
import type { DocumentAnalysis } from '../core/types';
import type { HardwareState } from './hardware';
import type { MeasurementState } from './measurements';
import { logError } from './log';
import { engineOptions } from './engineOptions';

/** Languages a model config can be written in (llama-server command lines hide in many of them). */
export const CONFIG_LANGUAGES = [
  'modelfile',
  'yaml',
  'dockercompose',
  'shellscript',
  'dockerfile',
  'makefile',
  'json',
  'jsonc',
  'ini',
  'properties',
  'plaintext',
];

export const DOCUMENT_SELECTOR: vscode.DocumentFilter[] = CONFIG_LANGUAGES.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

/** Larger files are not model configs; skipping them keeps typing in big YAML/JSON files free. */
const MAX_CHARS = 1_000_000;
export const DEBOUNCE_MS = 250;

interface Entry {
  version: number;
  generation: number;
  promise: Promise<DocumentAnalysis | undefined>;
  result?: DocumentAnalysis;
}

export class AnalysisStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private generation = 0;
  /** isCandidate per document version: providers ask several times per keystroke. */
  private readonly candidates = new Map<string, { version: number; yes: boolean }>();
  private readonly updated = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a fresh analysis of a document is ready. */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly hardware: HardwareState,
    private readonly measurements?: MeasurementState,
  ) {}

  /** Cheap test, run on every open/change: is this a document the extension reads? */
  isCandidate(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
    if (!CONFIG_LANGUAGES.includes(doc.languageId)) return false;
    if (doc.languageId === 'modelfile') return true;
    const key = doc.uri.toString();
    const hit = this.candidates.get(key);
    if (hit && hit.version === doc.version) return hit.yes;
    let yes = false;
    const text = doc.getText();
    try {
      yes = text.length <= MAX_CHARS && isConfigFile(doc.fileName, text, doc.languageId);
    } catch (err) {
      logError('isConfigFile', err);
    }
    this.candidates.set(key, { version: doc.version, yes });
    return yes;
  }

  /** Whether the document names a model to estimate: where the "Estimate" command is offered. */
  hasSomethingToEstimate(doc: vscode.TextDocument): boolean {
    if (!this.isCandidate(doc)) return false;
    const done = this.cached(doc);
    if (done) return done.configs.length > 0;
    try {
      const text = doc.getText();
      return text.length <= MAX_CHARS && hasSomethingToEstimate(doc.fileName, text, doc.languageId);
    } catch (err) {
      logError('hasSomethingToEstimate', err);
      return false;
    }
  }

  /** The analysis of the document as it is now (shared with any run already under way for this version). */
  analysis(doc: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
    const key = doc.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === doc.version && entry.generation === this.generation) return entry.promise;
    const next: Entry = { version: doc.version, generation: this.generation, promise: Promise.resolve(undefined) };
    next.promise = this.run(doc).then((result) => {
      next.result = result;
      if (this.entries.get(key) === next && result) this.updated.fire(doc);
      return result;
    });
    this.entries.set(key, next);
    return next.promise;
  }

  /** The last finished analysis, if it is of the current text. */
  cached(doc: vscode.TextDocument): DocumentAnalysis | undefined {
    const e = this.entries.get(doc.uri.toString());
    return e && e.version === doc.version && e.generation === this.generation ? e.result : undefined;
  }

  /** Re-analyze after the user pauses typing. */
  schedule(doc: vscode.TextDocument, delayMs = DEBOUNCE_MS): void {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (doc.isClosed || !this.isCandidate(doc)) return;
        void this.analysis(doc);
      }, delayMs),
    );
  }

  /** Hardware or settings changed: every analysis is stale. */
  invalidateAll(): void {
    this.generation++;
    for (const doc of vscode.workspace.textDocuments) {
      if (this.entries.has(doc.uri.toString())) this.schedule(doc, 0);
    }
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.delete(key);
    this.candidates.delete(key);
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  private async run(doc: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
    try {
      if (!this.isCandidate(doc)) return undefined;
      const text = doc.getText();
      const options = engineOptions(await this.hardware.get(), this.measurements);
      return await analyzeDocument(doc.fileName, text, {
        ...options,
        languageId: doc.languageId,
      });
    } catch (err) {
      logError(`analysis of ${doc.uri.fsPath}`, err);
      return undefined;
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.entries.clear();
    this.candidates.clear();
    this.updated.dispose();
  }
}
