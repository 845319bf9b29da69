// Authoring lint in the Problems panel (its own collection, next to the fit diagnostics) and its quick fixes.
// Severities come from modelFit.lint.rules; the rules themselves are in src/core/authoring/lint.ts.
import * as vscode from 'vscode';
import { lintLlamaPaths, lintModelfile } from '../core/authoring/lint';
import { LINT_RULES, parseSeverityOverrides, withSeverities } from '../core/authoring/lintRules';
import { detectFormat } from '../core/config';
import type { FitDiagnostic } from '../core/types';
import { authoringEnabled } from './authoring';
import { sameDiagnostic, toCodeAction, toDiagnostic } from './convert';
import { logError } from './log';

const DEBOUNCE_MS = 150;
const MAX_CHARS = 1_000_000;

/** Reader diagnostics the lint reports itself (with fixes and user severities) in a Modelfile. */
export function supersededByLint(doc: vscode.TextDocument, code: string): boolean {
  return code.startsWith('modelfile.') && code in LINT_RULES && isModelfile(doc) && authoringEnabled('lint');
}

function isModelfile(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'modelfile' || detectFormat(doc.fileName, '') === 'modelfile';
}

export class LintService implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  private readonly collection = vscode.languages.createDiagnosticCollection('modelFit.lint');
  private readonly results = new Map<string, { version: number; diagnostics: FitDiagnostic[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('modelFit')) this.lintAll();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.lintAll()),
    );
    this.lintAll();
  }

  private lintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return;
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.lint(doc);
      }, delay),
    );
  }

  private lint(doc: vscode.TextDocument): void {
    try {
      const text = doc.getText();
      let found: FitDiagnostic[] = [];
      if (authoringEnabled('lint') && text.length <= MAX_CHARS) {
        if (isModelfile(doc)) found = lintModelfile(doc.fileName, text);
        else if (detectFormat(doc.fileName, text)) found = lintLlamaPaths(doc.fileName, text);
        found = withSeverities(found, parseSeverityOverrides(vscode.workspace.getConfiguration('modelFit').get('lint.rules')));
      }
      this.results.set(doc.uri.toString(), { version: doc.version, diagnostics: found });
      this.collection.set(doc.uri, found.map(toDiagnostic));
    } catch (err) {
      logError('lint', err);
    }
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] | undefined {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return undefined;
    const r = this.results.get(doc.uri.toString());
    if (!r || r.version !== doc.version) return undefined;
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      const found = r.diagnostics.find((d) => sameDiagnostic(d, diag));
      for (const fix of found?.fixes ?? []) actions.push(toCodeAction(doc.uri, fix, diag));
    }
    return actions;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.collection.delete(uri);
    this.results.delete(key);
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
    for (const s of this.subs) s.dispose();
  }
}
