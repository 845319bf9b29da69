// Problems-panel entries from DocumentAnalysis.diagnostics, refreshed as analyses finish, cleared on close.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analyses';
import { toDiagnostic } from './convert';
import { supersededByLint } from './lint';
import { logError } from './log';
import { readSettings } from './settings';

export function registerDiagnostics(store: AnalysisStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('modelFit');
  const watchIfConfig = (doc: vscode.TextDocument) => {
    if (store.isCandidate(doc)) store.schedule(doc, 0);
  };
  const subs: vscode.Disposable[] = [
    collection,
    store.onDidUpdate((doc) => {
      try {
        const a = store.cached(doc);
        if (!a || doc.isClosed) return;
        // Reader findings the lint reports itself (with fixes) are left to it.
        const shown = a.diagnostics.filter((d) => !supersededByLint(doc, d.code));
        collection.set(doc.uri, readSettings().diagnostics ? shown.map(toDiagnostic) : []);
      } catch (err) {
        logError('diagnostics', err);
      }
    }),
    vscode.workspace.onDidOpenTextDocument(watchIfConfig),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      if (store.isCandidate(e.document)) store.schedule(e.document);
      else if (collection.has(e.document.uri)) {
        // No longer a model config (e.g. the llama-server line was deleted).
        collection.delete(e.document.uri);
        store.forget(e.document.uri);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      collection.delete(doc.uri);
      store.forget(doc.uri);
    }),
  ];
  for (const doc of vscode.workspace.textDocuments) watchIfConfig(doc);
  return vscode.Disposable.from(...subs);
}
