// Sanity band: catalog file sizes against sizes published for real files. Each figure names where it
// was published; published sizes are rounded, so the band is half the last printed digit plus 1 %.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogModel } from '../../src/core/catalog';
import { VENDORED_CALIBRATION_DIR } from '../helpers/calibrationData';

function near(actual: number, published: number, lastDigit: number, what: string): void {
  const band = lastDigit / 2 + published * 0.01;
  assert.ok(Math.abs(actual - published) <= band, `${what}: catalog ${actual.toFixed(2)} vs published ${published} (±${band.toFixed(2)})`);
}
const GB = (id: string, q: string) => catalogModel(id, q).fileBytes / 1e9;

test('bartowski/Qwen_Qwen3-30B-A3B-GGUF file list (llama.cpp b5200; as transcribed on model.aibase.com/zh/models/details/1924737621108723712)', () => {
  near(GB('qwen3-30b-a3b', 'BF16'), 61.1, 0.01, 'bf16');
  near(GB('qwen3-30b-a3b', 'Q8_0'), 32.48, 0.01, 'Q8_0');
  near(GB('qwen3-30b-a3b', 'Q6_K'), 25.1, 0.01, 'Q6_K');
  near(GB('qwen3-30b-a3b', 'Q5_K_M'), 21.74, 0.01, 'Q5_K_M');
  near(GB('qwen3-30b-a3b', 'Q5_K_S'), 21.1, 0.01, 'Q5_K_S');
});

test('Qwen3-30B-A3B Q4_K_M ≈ 18.6 GB (unsloth/Qwen3-30B-A3B-GGUF, figure given in the project brief)', () => {
  near(GB('qwen3-30b-a3b', 'Q4_K_M'), 18.6, 0.1, 'Q4_K_M');
});

test('gpt-oss as Ollama ships it: gpt-oss:20b 14GB (13.8 GB per the project brief), gpt-oss:120b 65GB (ollama.com/library/gpt-oss, transcribed on b-lab.team)', () => {
  near(GB('gpt-oss-20b', 'MXFP4'), 13.8, 0.1, 'gpt-oss:20b');
  near(GB('gpt-oss-20b', 'MXFP4'), 14, 1, 'gpt-oss:20b');
  near(GB('gpt-oss-120b', 'MXFP4'), 65, 1, 'gpt-oss:120b');
});

test('Ollama deepseek-r1 tags, all Q4_K_M (ollama.com/library/deepseek-r1, as transcribed on generator-hub.com/blog/6696)', () => {
  near(GB('deepseek-r1-distill-qwen-1.5b', 'Q4_K_M'), 1.1, 0.1, '1.5b');
  near(GB('deepseek-r1-distill-qwen-7b', 'Q4_K_M'), 4.7, 0.1, '7b');
  near(GB('deepseek-r1-distill-llama-8b', 'Q4_K_M'), 4.9, 0.1, '8b (Llama distill, before May 2025)');
  near(GB('deepseek-r1-distill-qwen-14b', 'Q4_K_M'), 9, 1, '14b');
  near(GB('deepseek-r1-distill-qwen-32b', 'Q4_K_M'), 20, 1, '32b');
  near(GB('deepseek-r1-distill-llama-70b', 'Q4_K_M'), 43, 1, '70b');
  near(GB('deepseek-r1-671b', 'Q4_K_M'), 404, 1, '671b');
});

const BENCH = path.join(VENDORED_CALIBRATION_DIR, 'published_bench.json');
test('llama-bench model sizes (GiB of tensor data) in shared/calibration/published_bench.json', () => {
  const records: Array<{ model: string; quant: string; file_size_gib: number }> = JSON.parse(fs.readFileSync(BENCH, 'utf8')).records;
  // Llama 3 has Llama 3.1's shapes (3.1 adds a 256-byte rope_freqs); Llama 3.2 3B Instruct is the catalog entry itself.
  const pairs: Array<[string, string, string]> = [
    ['Llama 3 8B', 'Q4_K_M', 'llama3.1-8b'],
    ['Llama 3 8B', 'F16', 'llama3.1-8b'],
    ['Llama 3 70B', 'Q4_K_M', 'llama3.1-70b'],
    ['Llama 3 70B', 'F16', 'llama3.1-70b'],
    ['Llama 3.2 3B Instruct', 'Q4_K_M', 'llama3.2-3b'],
  ];
  for (const [model, quant, id] of pairs) {
    const rec = records.find((r) => r.model === model && r.quant === quant);
    assert.ok(rec, `${model} ${quant} in published_bench.json`);
    near(catalogModel(id, quant).tensorBytes / 2 ** 30, rec.file_size_gib, 0.01, `${model} ${quant} (GiB)`);
  }
});
