// The "Model Fit" output channel, and guards so no provider can throw into the extension host.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** A log channel: VS Code adds the timestamps and level, and the user picks the level shown. */
export function outputChannel(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Model Fit', { log: true });
  return channel;
}

export function log(message: string): void {
  outputChannel().info(message);
}

export function logError(where: string, err: unknown): void {
  // A ModelFitError is the user's input (one line); anything else is a bug, logged with its stack.
  if (err instanceof Error && err.name === 'ModelFitError') outputChannel().warn(`${where}: ${err.message}`);
  else outputChannel().error(`${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}

/** Runs a provider body; on any error logs it and returns undefined instead of throwing. */
export async function guarded<T>(where: string, body: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await body();
  } catch (err) {
    logError(where, err);
    return undefined;
  }
}
