// Reads what llama-bench, llama-server, llama-cli and Ollama printed on this machine. Never throws:
// bad or cut input gives diagnostics and whatever records were whole.
import { readLlamaBench } from './llamaBench';
import { readLlamaLog } from './llamaLog';
import { readOllamaPs } from './ollamaPs';
import { boundedLines } from './text';
import type { LoadReport, MeasureDiagnostic, MeasureFormat, MeasureReadResult, SpeedRun } from './types';

export * from './types';
export { quantFromFtypeName, quantFromModelDesc } from './text';

export function readMeasurements(text: string): MeasureReadResult {
  const diagnostics: MeasureDiagnostic[] = [];
  const runs: SpeedRun[] = [];
  const loads: LoadReport[] = [];
  const formats: MeasureFormat[] = [];
  try {
    const lines = boundedLines(text, diagnostics);
    const bounded = lines.join('\n');
    if (readOllamaPs(bounded, loads, diagnostics)) formats.push('ollama-ps');
    else {
      formats.push(...readLlamaBench(bounded, lines, runs, diagnostics));
      if (readLlamaLog(lines, runs, loads, diagnostics))
        formats.push(loads.some((l) => l.tool === 'ollama') || runs.some((r) => r.tool === 'ollama') ? 'ollama-log' : 'llama-log');
    }
  } catch (err) {
    diagnostics.push({
      severity: 'error',
      code: 'measure.internal',
      message: `could not read the output: ${err instanceof Error ? err.message : String(err)}`,
      line: 0,
    });
  }
  if (!formats.length && !diagnostics.length) {
    diagnostics.push({
      severity: 'info',
      code: 'measure.nothing',
      message: 'no llama-bench, llama-server, llama-cli or Ollama output found',
      line: 0,
    });
  }
  return { formats, runs, loads, diagnostics };
}
