// Status bar: the hardware in short; click → details, refresh, or pick a preset.
import * as vscode from 'vscode';
import { formatHardwareReport, hardwarePresets } from '../core/hardware';
import type { HardwareState } from './hardware';
import { guarded, outputChannel } from './log';

export function createStatusBar(hardware: HardwareState): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('modelFit.hardware', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Model Fit hardware';
  item.command = 'modelFit.selectHardware';
  item.text = '$(circuit-board) Model Fit: detecting…';
  item.tooltip = 'Model Fit: the hardware estimates are made for (click to change)';
  item.show();
  const show = (label: string) => {
    item.text = `$(circuit-board) ${label}`;
    item.tooltip = `Model Fit estimates for: ${label}\nClick for details, refresh or a preset`;
  };
  const sub = hardware.onDidChange((p) => show(p.label));
  const now = hardware.current();
  if (now) show(now.label);
  return vscode.Disposable.from(item, sub);
}

export async function showHardwareReport(hardware: HardwareState): Promise<void> {
  await guarded('show hardware', async () => {
    const p = await hardware.get();
    const ch = outputChannel();
    ch.appendLine('');
    ch.appendLine(formatHardwareReport(p));
    ch.show(true);
  });
}

interface Pick extends vscode.QuickPickItem {
  action: 'details' | 'refresh' | 'preset';
  id?: string;
}

/** Quick pick: details, re-detect, or choose "this machine" / a preset (written to the workspace or user settings). */
export async function selectHardware(hardware: HardwareState): Promise<void> {
  await guarded('select hardware', async () => {
    const current = vscode.workspace.getConfiguration('modelFit').get<string>('hardware.preset') ?? 'this';
    const items: Pick[] = [
      { label: '$(info) Show hardware details', action: 'details' },
      { label: '$(refresh) Refresh detection', description: 'probe this machine again', action: 'refresh' },
      { label: 'Estimate for', kind: vscode.QuickPickItemKind.Separator, action: 'preset' },
      { label: 'This machine', description: current === 'this' ? '(current)' : 'detected', action: 'preset', id: 'this' },
      ...hardwarePresets().map((p): Pick => ({
        label: p.label,
        description: p.id === current ? `${p.id} (current)` : p.id,
        action: 'preset',
        id: p.id,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Model Fit hardware', placeHolder: 'Hardware to estimate for' });
    if (!pick) return;
    if (pick.action === 'details') return showHardwareReport(hardware);
    if (pick.action === 'refresh') {
      await hardware.invalidate(true);
      return;
    }
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    // The configuration listener invalidates the profile and every analysis.
    await vscode.workspace.getConfiguration('modelFit').update('hardware.preset', pick.id, target);
  });
}
