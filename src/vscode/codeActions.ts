// Quick fixes: each fit diagnostic's precomputed edits as WorkspaceEdits.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analyses';
import { sameDiagnostic, toCodeAction } from './convert';
import { guarded } from './log';

export class FitCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly store: AnalysisStore) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[] | undefined> {
    if (!context.diagnostics.length) return undefined;
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return undefined;
    return guarded('code actions', async () => {
      const a = this.store.cached(doc) ?? (await this.store.analysis(doc));
      if (!a || token.isCancellationRequested) return undefined;
      const actions: vscode.CodeAction[] = [];
      for (const diag of context.diagnostics) {
        const fit = a.diagnostics.find((d) => sameDiagnostic(d, diag));
        for (const fix of fit?.fixes ?? []) actions.push(toCodeAction(doc.uri, fix, diag));
      }
      return actions;
    });
  }
}
