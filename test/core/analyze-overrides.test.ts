// The CLI's flags go through the editor's analysis as overrides: the same resolution, settings merge and estimate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/core/analyze';
import { hardwarePreset } from '../../src/core/hardware';

const rtx3060 = hardwarePreset('rtx3060-ddr4');
const MODELFILE = 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n';

test('settings overrides win over the file, and no fit advice is given for settings the file does not have', async () => {
  const asWritten = await analyzeDocument('/ws/Modelfile', MODELFILE, { hardware: rtx3060 });
  assert.equal(asWritten.configs[0].estimate?.settings.ctx, 8192);
  assert.ok(
    asWritten.diagnostics.some((d) => d.code.startsWith('fit.')),
    'a 70B on a 12 GB card is advised on',
  );
  const a = await analyzeDocument('/ws/Modelfile', MODELFILE, { hardware: rtx3060, overrides: { settings: { ctx: 2048 } } });
  assert.equal(a.configs[0].estimate?.settings.ctx, 2048);
  assert.deepEqual(
    a.configs[0].diagnostics.filter((d) => d.code.startsWith('fit.')),
    [],
  );
});

test('a quant override re-prices the catalog model; the model override replaces the file model', async () => {
  const q = await analyzeDocument('/ws/Modelfile', MODELFILE, { hardware: rtx3060, overrides: { quant: 'Q8_0' } });
  assert.equal(q.configs[0].model?.quant, 'Q8_0');
  assert.equal(q.configs[0].model?.name, 'Llama 3.1 70B Instruct');
  const m = await analyzeDocument('/ws/Modelfile', MODELFILE, {
    hardware: rtx3060,
    overrides: { model: { ref: 'llama3.1:8b', baseDir: '/ws' } },
  });
  assert.equal(m.configs[0].config.modelRef, 'llama3.1:8b');
  assert.equal(m.configs[0].model?.name, 'Llama 3.1 8B Instruct');
  assert.equal(m.configs[0].estimate?.settings.ctx, 8192); // the file's num_ctx still applies
});

test('a dense model drops --n-cpu-moe; OLLAMA_NUM_PARALLEL=2 gives Ollama two slots of num_ctx each', async () => {
  const dense = await analyzeDocument('/ws/Modelfile', 'FROM llama3.1:8b\n', {
    hardware: rtx3060,
    overrides: { settings: { nCpuMoe: 4 } },
  });
  assert.equal(dense.configs[0].settings?.nCpuMoe, undefined);
  const text = 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\n';
  const two = await analyzeDocument('/ws/Modelfile', text, { hardware: rtx3060, env: { OLLAMA_NUM_PARALLEL: '2' } });
  assert.deepEqual([two.configs[0].settings?.parallel, two.configs[0].settings?.ctx], [2, 16384]);
  const flag = await analyzeDocument('/ws/Modelfile', text, {
    hardware: rtx3060,
    env: { OLLAMA_NUM_PARALLEL: '2' },
    overrides: { settings: { parallel: 1 } },
  });
  assert.deepEqual([flag.configs[0].settings?.parallel, flag.configs[0].settings?.ctx], [1, 8192]);
});
