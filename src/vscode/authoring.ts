// Authoring help in the editor: completion, docs on names, outline and folding. The logic is in
// src/core/authoring; this file only finds the document's format, the fit context and what is on disk.
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { llamaFlagCompletions, modelfileCompletions, type AuthoringCompletion, type FlagDialect } from '../core/authoring/completion';
import { fitContextOf, type FitContext } from '../core/authoring/fitChoices';
import { llamaFlagDocHover, modelfileDocHover } from '../core/authoring/hoverDocs';
import { catalogFromRefs, localOllamaModels } from '../core/authoring/localModels';
import { llamaSwapOutline, modelfileFolding, modelfileOutline, type OutlineSymbol } from '../core/authoring/outline';
import { detectFormat } from '../core/config';
import { ollamaStoreDirs } from '../core/resolve';
import type { AnalysisStore } from './analyses';
import { DOCUMENT_SELECTOR } from './analyses';
import { toRange } from './convert';
import type { HardwareState } from './hardware';
import { guarded } from './log';
import { readSettings } from './settings';
import { engineOptions } from './engineOptions';

type Dialect = 'modelfile' | FlagDialect;

function dialectOf(doc: vscode.TextDocument): Dialect | undefined {
  if (doc.languageId === 'modelfile') return 'modelfile';
  const f = detectFormat(doc.fileName, doc.getText());
  return f === 'modelfile' || f === 'llama-swap' || f === 'preset-ini' || f === 'command-line' ? f : undefined;
}

const KIND: Record<AuthoringCompletion['kind'], vscode.CompletionItemKind> = {
  instruction: vscode.CompletionItemKind.Keyword,
  parameter: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  model: vscode.CompletionItemKind.Module,
  file: vscode.CompletionItemKind.File,
  flag: vscode.CompletionItemKind.Property,
  role: vscode.CompletionItemKind.EnumMember,
};

export class AuthoringCompletions implements vscode.CompletionItemProvider {
  static readonly triggers = [' ', '-', '='];
  private ggufCache?: { at: number; files: vscode.Uri[] };

  constructor(
    private readonly store: AnalysisStore,
    private readonly hardware: HardwareState,
  ) {}

  async provideCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[] | undefined> {
    if (!authoringEnabled('completion')) return undefined;
    return guarded('completion', async () => {
      const dialect = dialectOf(doc);
      if (!dialect) return undefined;
      const text = doc.getText();
      const prefix = doc.lineAt(pos.line).text.slice(0, pos.character);
      // Only what needs them pays for an estimate or a directory listing.
      const wantsFit =
        /\b(num_ctx|num_gpu)\s+\S*$|(^|\s)(-c|--ctx-size|-ngl|--gpu-layers|--n-gpu-layers)\s+\S*$|^\s*(c|ctx-size|ngl|n-gpu-layers|gpu-layers)\s*=\s*\S*$/i.test(
          prefix,
        );
      const fit = wantsFit ? await this.fitAt(doc, pos.line) : undefined;
      if (token.isCancellationRequested) return undefined;
      let items: AuthoringCompletion[];
      if (dialect === 'modelfile') {
        const wantsFiles = /^\s*(from|adapter|draft)\s+\S*$/i.test(prefix);
        items = modelfileCompletions(text, pos.line, pos.character, {
          fit,
          ggufFiles: wantsFiles ? await this.ggufFiles(doc) : undefined,
          localModels: wantsFiles ? localOllamaModels(ollamaStoreDirs(readSettings().ollamaModelsDir, process.env)) : undefined,
          catalogRefs: wantsFiles ? catalogFromRefs() : undefined,
        });
      } else {
        items = llamaFlagCompletions(text, pos.line, pos.character, dialect, fit);
      }
      return items.map((c) => toItem(c, pos));
    });
  }

  private async fitAt(doc: vscode.TextDocument, line: number): Promise<FitContext | undefined> {
    const a = this.store.cached(doc) ?? (await this.store.analysis(doc));
    if (!a?.configs.length) return undefined;
    // The configuration whose command starts closest above the cursor.
    const before = a.configs.filter((c) => c.config.range.startLine <= line);
    const config = (before.length ? before : a.configs).reduce((x, y) =>
      y.config.range.startLine > x.config.range.startLine && y.config.range.startLine <= line ? y : x,
    );
    return fitContextOf(config, engineOptions(await this.hardware.get()));
  }

  /** GGUF files of the workspace, written relative to the document ("./models/x.gguf"); listed at most every 10 s. */
  private async ggufFiles(doc: vscode.TextDocument): Promise<string[]> {
    if (!this.ggufCache || Date.now() - this.ggufCache.at > 10_000) {
      this.ggufCache = { at: Date.now(), files: await vscode.workspace.findFiles('**/*.gguf', '**/node_modules/**', 200) };
    }
    const dir = nodePath.dirname(doc.uri.fsPath);
    return this.ggufCache.files.map((u) => {
      const rel = nodePath.relative(dir, u.fsPath).split(nodePath.sep).join('/');
      return rel.startsWith('..') ? rel : `./${rel}`;
    });
  }
}

function toItem(c: AuthoringCompletion, pos: vscode.Position): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.detail ? { label: c.label, description: c.detail } : c.label, KIND[c.kind]);
  item.insertText = c.insertText ?? c.label;
  item.range = new vscode.Range(pos.line, c.replaceFrom, pos.line, pos.character);
  item.sortText = c.sortText;
  // Keep our order even when the typed prefix matches several equally.
  item.filterText = c.label;
  item.preselect = c.preselect;
  if (c.documentation) {
    const md = new vscode.MarkdownString(c.documentation);
    md.isTrusted = false;
    md.supportHtml = false;
    item.documentation = md;
  }
  if (c.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return item;
}

export class AuthoringHovers implements vscode.HoverProvider {
  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    if (!authoringEnabled('hover')) return undefined;
    const dialect = dialectOf(doc);
    if (!dialect) return undefined;
    const h =
      dialect === 'modelfile'
        ? modelfileDocHover(doc.getText(), pos.line, pos.character)
        : llamaFlagDocHover(doc.getText(), pos.line, pos.character, dialect);
    if (!h) return undefined;
    const md = new vscode.MarkdownString(h.markdown);
    md.isTrusted = false;
    md.supportHtml = false;
    return new vscode.Hover(md, toRange(h.range));
  }
}

function toSymbol(s: OutlineSymbol): vscode.DocumentSymbol {
  const kind =
    s.kind === 'model'
      ? vscode.SymbolKind.Module
      : s.kind === 'parameter'
        ? vscode.SymbolKind.Property
        : s.kind === 'key'
          ? vscode.SymbolKind.Field
          : vscode.SymbolKind.Key;
  const sym = new vscode.DocumentSymbol(s.name || '(unnamed)', s.detail, kind, toRange(s.range), toRange(s.selection));
  sym.children = s.children.map(toSymbol);
  return sym;
}

export class AuthoringOutline implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider {
  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    const dialect = dialectOf(doc);
    if (dialect === 'modelfile') return modelfileOutline(doc.getText()).map(toSymbol);
    if (dialect === 'llama-swap') return llamaSwapOutline(doc.getText()).map(toSymbol);
    return undefined;
  }

  provideFoldingRanges(doc: vscode.TextDocument): vscode.FoldingRange[] | undefined {
    if (dialectOf(doc) !== 'modelfile') return undefined;
    return modelfileFolding(doc.getText()).map(
      (f) => new vscode.FoldingRange(f.startLine, f.endLine, f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined),
    );
  }
}

export function authoringEnabled(what: 'completion' | 'hover' | 'lint'): boolean {
  return vscode.workspace.getConfiguration('modelFit').get(`${what === 'hover' ? 'hoverDocs' : what}.enabled`) !== false;
}

export function registerAuthoring(store: AnalysisStore, hardware: HardwareState): vscode.Disposable {
  const outline = new AuthoringOutline();
  // llama-swap models get an outline; their folding is YAML's indentation folding, which a provider would replace.
  const outlineSelector: vscode.DocumentSelector = [{ language: 'modelfile' }, { language: 'yaml' }];
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(
      DOCUMENT_SELECTOR,
      new AuthoringCompletions(store, hardware),
      ...AuthoringCompletions.triggers,
    ),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new AuthoringHovers()),
    vscode.languages.registerDocumentSymbolProvider(outlineSelector, outline),
    vscode.languages.registerFoldingRangeProvider({ language: 'modelfile' }, outline),
  );
}
