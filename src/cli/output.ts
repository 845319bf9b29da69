// Everything the CLI prints passes through safeText: names and paths from files carry no escape sequences to the
// terminal, and JSON keeps exact values with control characters written as \uXXXX.
import { jsonText, terminalText } from '../core/present/safeText';

export const write = (text: string): void => {
  process.stdout.write(terminalText(text));
};
export const writeErr = (text: string): void => {
  process.stderr.write(terminalText(text));
};
export const writeJson = (value: unknown): void => {
  process.stdout.write(`${jsonText(JSON.stringify(value, null, 2))}\n`);
};
