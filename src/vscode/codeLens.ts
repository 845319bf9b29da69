// One CodeLens above each model line: fit · memory · tok/s; clicking opens the panel for that configuration.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analyses';
import { toRange } from './convert';
import { configLensTitle } from './format/lens';
import { guarded } from './log';
import type { MeasurementState } from './measurements';
import { readSettings } from './settings';

export class FitCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly store: AnalysisStore,
    private readonly measurements?: MeasurementState,
  ) {
    this.sub = store.onDidUpdate(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[] | undefined> {
    if (!readSettings().codeLens || !this.store.isCandidate(doc)) return undefined;
    return guarded('CodeLens', async () => {
      const a = await this.store.analysis(doc);
      if (!a || token.isCancellationRequested) return undefined;
      return a.configs.map(
        (c, index) =>
          new vscode.CodeLens(toRange(c.config.ranges.model ?? c.config.range), {
            title: [configLensTitle(c), this.measurements?.linesFor(c).lens].filter(Boolean).join(' · '),
            tooltip: 'Open the Model Fit panel for this model',
            command: 'modelFit.estimate',
            arguments: [doc.uri.toString(), index],
          }),
      );
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
