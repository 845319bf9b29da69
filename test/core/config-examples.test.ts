// The files in examples/ (shown in the README) must read cleanly and resolve, here from the catalog.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { detectFormat, parseConfigFile } from '../../src/core/config';
import { resolveModel } from '../../src/core/resolve';

const dir = path.join(__dirname, '..', '..', 'examples');
const expected: Record<string, [string, number]> = {
  Modelfile: ['modelfile', 1],
  'llama-swap.yaml': ['llama-swap', 2],
  'llama-server.sh': ['command-line', 1],
  'presets.ini': ['preset-ini', 2],
  'llama-cpp-python.json': ['llama-cpp-python', 1],
  'docker-compose.yml': ['command-line', 1],
  'llama-server.service': ['command-line', 1],
};

for (const [name, [format, count]] of Object.entries(expected)) {
  test(`examples/${name}: ${format}, ${count} configuration(s), no problems, model resolves`, async () => {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(detectFormat(file, text), format);
    const r = parseConfigFile(file, text);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.configs.length, count);
    for (const c of r.configs) {
      const res = await resolveModel(c, { ollamaModelsDir: path.join(dir, 'no-store'), env: {} });
      assert.ok(res.spec, `${c.label}: ${res.diagnostic?.message}`);
    }
  });
}

test('examples/Modelfile says what the README says', () => {
  const file = path.join(dir, 'Modelfile');
  const c = parseConfigFile(file, fs.readFileSync(file, 'utf8')).configs[0];
  assert.equal(c.modelRef, 'llama3.1:8b');
  assert.deepEqual(c.settings, { ctx: 8192, ngl: 33, parallel: 1 });
});
