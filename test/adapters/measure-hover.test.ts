// The model hover with this machine's measurements under the prediction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readMeasurements } from '../../src/core/measure';
import { formatMeasured, measuredFor } from '../../src/core/measure/match';
import { modelHover } from '../../src/vscode/format/hover';
import { formatTps } from '../../src/core/units';
import { analysisOf, RIG_3060 } from './fixtures';

test('model hover: measured next to predicted, after the speed lines, escaped', () => {
  const a = analysisOf('llama3.1-8b', 'Q4_K_M', { ctx: 4096, ngl: 99, flashAttn: 'on' }, RIG_3060);
  const e = a.estimate!;
  const runs = readMeasurements(readFileSync(path.join(__dirname, '../fixtures/measure/bench.md'), 'utf8')).runs;
  const m = measuredFor(e, runs);
  assert.equal(m.decode?.tps, 261.93);
  const line = `Decode ${formatMeasured(m.decode!, e.speed.decodeTps)}`;
  assert.equal(line, `Decode measured 262 tok/s on this machine, 1 run; predicted ${formatTps(e.speed.decodeTps)}`);
  const md = modelHover(a, { measured: [line, 'a *log* line'] });
  const parts = md.split('\n\n');
  const at = parts.indexOf(`$(beaker) ${line}`);
  assert.ok(at > 0, md);
  assert.ok(parts[at - 1].startsWith('Time to first token'), 'right under the speed lines');
  assert.equal(parts[at + 1], '$(beaker) a \\*log\\* line');
  assert.ok(!modelHover(a).includes('beaker'), 'no measurements, no line');
});
