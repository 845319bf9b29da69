// The panel reads like the other surfaces: the file's own grid cell is the summary's figure, each hardware profile
// gets its own runtime defaults, unified memory is one pool, and what cannot load shows no speed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/core/analyze';
import { buildComparison } from '../../src/core/compare';
import { hardwarePreset } from '../../src/core/hardware';
import { memoryBars, panelModel } from '../../src/vscode/format/panelModel';

test('grid cell of the file = the summary; other profiles use their own Ollama default context', async () => {
  const opts = { hardware: hardwarePreset('rtx3060-ddr4'), env: {}, ollamaModelsDir: '/nonexistent' };
  const a = (await analyzeDocument('/ws/Modelfile', 'FROM llama3.1:8b\n', opts)).configs[0];
  const c = await buildComparison(a, [hardwarePreset('h100'), hardwarePreset('rtx4090')], opts);
  const own = c.grid.find((g) => g.quant === 'Q4_K_M' && g.ctx === a.estimate!.settings.ctx)!;
  assert.equal(own.estimate.speed.decodeTps, a.estimate!.speed.decodeTps);
  const m = panelModel(a, a.estimate!, c);
  assert.match(m.grid.note, /empty context, as in the summary/);
  // Ollama's default num_ctx: 4096 under 24 GiB of VRAM, 32768 from 24 GiB, the trained 131072 on an 80 GB H100.
  assert.deepEqual(
    c.profiles.map((p) => [p.id, p.estimate.settings.ctx]),
    [
      ['rtx3060-ddr4', 4096],
      ['h100', 131072],
      ['rtx4090', 32768],
    ],
  );
});

test('unified memory is one pool; a discrete GPU has two', async () => {
  const text = 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\n';
  const mac = (await analyzeDocument('/ws/Modelfile', text, { hardware: hardwarePreset('m3-max'), env: {} })).configs[0].estimate!;
  const bars = memoryBars(mac);
  assert.equal(bars.length, 1);
  assert.match(bars[0].device, /^Unified memory/);
  assert.equal(
    bars[0].segments.reduce((s, x) => s + x.bytes, 0),
    mac.memory.gpuBytes + mac.memory.hostBytes,
  );
  assert.equal(bars[0].limitBytes, mac.hardware.ramBytes);
  const pc = (await analyzeDocument('/ws/Modelfile', text, { hardware: hardwarePreset('rtx3060-ddr4'), env: {} })).configs[0].estimate!;
  assert.deepEqual(
    memoryBars(pc).map((b) => b.device.split(' ')[0]),
    ['GPU', 'RAM'],
  );
});

test('a configuration that cannot load shows "would not load", not speeds', async () => {
  const opts = { hardware: hardwarePreset('rtx3060-ddr4'), env: {} };
  const a = (await analyzeDocument('/ws/run.sh', 'llama-server -hf ggml-org/gpt-oss-120b-GGUF -c 32768 -ngl 99\n', opts)).configs[0];
  const m = panelModel(a, a.estimate!, await buildComparison(a, [], opts));
  assert.match(m.speedText, /^Speed: would not load: [\d.]+ GB short on the GPU/);
  assert.equal(m.ttftText, '');
  assert.equal(m.profiles[0].decodeText, 'would not load');
});
