import assert from 'node:assert/strict';
import { test } from 'node:test';
import { llamaFlagCompletions, modelfileCompletions } from '../../src/core/authoring/completion';
import { llamaFlagDocHover, modelfileDocHover } from '../../src/core/authoring/hoverDocs';
import { lintModelfile, MAX_FINDINGS } from '../../src/core/authoring/lint';
import { llamaSwapOutline, modelfileFolding, modelfileOutline } from '../../src/core/authoring/outline';
import { checkTemplate } from '../../src/core/authoring/template';

// 256 KB each: a quadratic step would take minutes here, a linear one well under the bound even on a loaded machine.
const MB = 256 * 1024;
const inputs: Array<[string, string]> = [
  ['open braces', `FROM x\nTEMPLATE """${'{{'.repeat(MB / 2)}"""\n`],
  ['braces and one close', `FROM x\nTEMPLATE """${'{{ '.repeat(MB / 3)}}}"""\n`],
  ['stray closes', `FROM x\nTEMPLATE """${'}}'.repeat(MB / 2)}"""\n`],
  ['unterminated quote', `FROM x\nSYSTEM """${'a\n'.repeat(MB / 2)}`],
  ['many short lines', 'PARAMETER num_ctxx 1\n'.repeat(MB / 21)],
  ['one long line', `FROM ${'x'.repeat(MB)}`],
  ['blanks', ' \t'.repeat(MB / 2)],
  ['binary-ish', '\u0000\uFFFF{{"""#\r\n'.repeat(MB / 10)],
];

for (const [name, text] of inputs) {
  test(`256 KB of "${name}": lint, outline, folding, completion and hover finish fast and never throw`, () => {
    const t0 = performance.now();
    const ds = lintModelfile('/ws/Modelfile', text, { exists: () => false });
    assert.ok(Array.isArray(ds));
    modelfileOutline(text);
    modelfileFolding(text);
    llamaSwapOutline(text);
    modelfileCompletions(text, 1, 3);
    modelfileDocHover(text, 0, 1);
    llamaFlagCompletions(text, 0, 5, 'command-line');
    llamaFlagDocHover(text, 0, 2, 'command-line');
    const ms = performance.now() - t0;
    assert.ok(ms < 15000, `${ms.toFixed(0)} ms`);
    assert.ok(ds.length <= MAX_FINDINGS + 2);
  });
}

test('template check is linear: 250k unclosed {{', () => {
  const t0 = performance.now();
  const problems = checkTemplate('{{'.repeat(250_000));
  assert.ok(problems.length > 0);
  assert.ok(performance.now() - t0 < 10000);
});
