// Hovers on the model line, the context setting and -ngl / num_gpu.
import * as vscode from 'vscode';
import type { AnalysisStore } from './analyses';
import { toRange } from './convert';
import { ctxHover, modelHover, nglHover } from './format/hover';
import { hoverTargetAt } from './hoverTarget';
import { guarded } from './log';
import type { MeasurementState } from './measurements';
import { readSettings } from './settings';

export class FitHovers implements vscode.HoverProvider {
  constructor(
    private readonly store: AnalysisStore,
    private readonly measurements?: MeasurementState,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!readSettings().hover || !this.store.isCandidate(doc)) return undefined;
    return guarded('hover', async () => {
      const a = await this.store.analysis(doc);
      if (!a || token.isCancellationRequested) return undefined;
      const target = hoverTargetAt(a.configs, pos.line, pos.character);
      if (!target) return undefined;
      const args = encodeURIComponent(JSON.stringify([doc.uri.toString(), target.index]));
      const m = this.measurements?.linesFor(target.analysis);
      const opts = { panelLink: `command:modelFit.estimate?${args}`, measured: m ? [...m.measured, ...m.findings] : undefined };
      const text =
        target.kind === 'ctx'
          ? ctxHover(target.analysis, opts)
          : target.kind === 'ngl'
            ? nglHover(target.analysis, opts)
            : modelHover(target.analysis, opts);
      const md = new vscode.MarkdownString(text);
      // Only our own command may run from the link; file-derived text is escaped and HTML is off.
      md.isTrusted = { enabledCommands: ['modelFit.estimate'] };
      md.supportHtml = false;
      md.supportThemeIcons = true;
      return new vscode.Hover(md, toRange(target.range));
    });
  }
}
