// Documents whose name says nothing: untitled buffers, "Modelfile-gpu", a command line in a .txt — read by language and content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, hasSomethingToEstimate, isConfigFile } from '../../src/core/analyze';
import { documentFormat } from '../../src/core/config/sniff';
import { hardwarePreset } from '../../src/core/hardware';

test('format by language and content when the name says nothing', () => {
  const modelfile = 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\n';
  assert.equal(documentFormat('Untitled-1', modelfile), 'modelfile');
  assert.equal(documentFormat('/ws/Modelfile-gpu', modelfile), 'modelfile');
  assert.equal(documentFormat('Untitled-1', '', 'modelfile'), 'modelfile');
  assert.equal(documentFormat('Untitled-1', 'FROM ubuntu:24.04\nRUN apt-get update\n'), undefined, 'a Dockerfile is not a Modelfile');
  assert.equal(documentFormat('Untitled-2', 'exec ./build/bin/llama-server -m x.gguf -c 4096\n'), 'command-line');
  assert.equal(
    documentFormat('/ws/notes.txt', 'see llama-server.md for details: llama-serverless\n'),
    'command-line',
    'a .txt naming llama-server keeps its old rule',
  );
  assert.equal(documentFormat('Untitled-3', 'just some text about llama-serverless\n'), undefined);
  assert.equal(documentFormat('/ws/values.yaml', modelfile), undefined, 'YAML follows its own rules');
  assert.equal(isConfigFile('Untitled-1', 'hello', 'modelfile'), true);
});

test('an untitled Modelfile buffer is analysed, and the estimate command is offered only once it names a model', async () => {
  const a = await analyzeDocument('Untitled-1', 'FROM llama3.1:70b\n', {
    hardware: hardwarePreset('rtx3060-ddr4'),
    env: {},
    languageId: 'modelfile',
  });
  assert.equal(a.format, 'modelfile');
  assert.equal(a.configs[0].estimate?.model.name, 'Llama 3.1 70B Instruct');
  assert.ok(a.diagnostics.some((d) => d.code === 'fit.no-fit' && d.fixes.length > 0));
  assert.equal(hasSomethingToEstimate('Untitled-1', '# nothing yet\n', 'modelfile'), false);
  assert.equal(hasSomethingToEstimate('Untitled-1', '# nothing yet\nFROM qwen3:8b\n', 'modelfile'), true);
  assert.equal(hasSomethingToEstimate('/ws/run.sh', 'echo hi\n'), false);
});
