// The hardware every estimate uses: this machine (detected lazily, once) or a preset, with the user's overrides.
import * as vscode from 'vscode';
import { customProfile, detectHardware, hardwarePreset } from '../core/hardware';
import type { HardwareProfile } from '../core/types';
import { log, logError } from './log';
import { readSettings } from './settings';

export class HardwareState implements vscode.Disposable {
  private pending?: Promise<HardwareProfile>;
  private last?: HardwareProfile;
  private refreshNext = false;
  private readonly changed = new vscode.EventEmitter<HardwareProfile>();
  readonly onDidChange = this.changed.event;

  /** The profile estimates use now; detection starts on the first call. */
  get(): Promise<HardwareProfile> {
    if (!this.pending) {
      const p = this.load();
      this.pending = p;
      // A stale load (settings changed meanwhile) neither wins nor sticks as a rejected promise.
      p.then(
        (profile) => {
          if (this.pending !== p) return;
          this.last = profile;
          this.changed.fire(profile);
        },
        () => {
          if (this.pending === p) this.pending = undefined;
        },
      );
    }
    return this.pending;
  }

  /** Last profile resolved, without waiting (status bar). */
  current(): HardwareProfile | undefined {
    return this.last;
  }

  /** Forget the profile (settings changed, trust granted); `redetect` also re-probes this machine. */
  invalidate(redetect = false): Promise<HardwareProfile> {
    this.refreshNext ||= redetect;
    this.pending = undefined;
    return this.get();
  }

  private async load(): Promise<HardwareProfile> {
    const s = readSettings();
    const refresh = this.refreshNext;
    this.refreshNext = false;
    let base: HardwareProfile;
    if (s.preset === 'this') {
      // In an untrusted workspace nothing the workspace configures is executed: no external probes at all.
      const t = performance.now();
      base = await detectHardware({ allowExec: vscode.workspace.isTrusted, refresh });
      log(
        `hardware detected in ${(performance.now() - t).toFixed(0)} ms: ${base.label}${vscode.workspace.isTrusted ? '' : ' (untrusted workspace: no external probes)'}`,
      );
    } else {
      try {
        base = hardwarePreset(s.preset);
      } catch (err) {
        logError('modelFit.hardware.preset', err);
        void vscode.window.showWarningMessage(`Model Fit: ${err instanceof Error ? err.message : String(err)} Using this machine.`);
        base = await detectHardware({ allowExec: vscode.workspace.isTrusted, refresh });
      }
    }
    let profile = base;
    if (s.override) {
      try {
        profile = customProfile(base, s.override);
      } catch (err) {
        logError('modelFit.hardware.override', err);
      }
    }
    for (const p of s.problems) log(`settings: ${p}`);
    return profile;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
