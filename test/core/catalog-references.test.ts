// Real-world references (hf.co with quant, Ollama tags incl. :latest, QAT, UD-*, MXFP4) resolve to the
// size their publisher lists: computed sizes within ±2 % (plus half the last printed digit, since
// listings are rounded), listed ones (src/core/data/publishedSizes.ts) exactly. Fixture:
// test/fixtures/catalog/published-references.json, each entry with its source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogModelForRef, matchCatalogRef, publishedSize } from '../../src/core/catalog';

interface Reference {
  ref: string;
  size: number;
  unit: 'GB' | 'GiB' | 'B';
  measure: 'file' | 'tensors';
  kind: 'computed' | 'listed';
  source: { repo?: string; ref: string; url: string };
}

const FIXTURE = path.join(__dirname, '../fixtures/catalog/published-references.json');
const refs: Reference[] = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')).references;
const UNIT = { GB: 1e9, GiB: 2 ** 30, B: 1 } as const;

/** Half a unit of the last printed digit (12.04 → 0.005, 65 → 0.5). */
function halfLastDigit(n: number): number {
  const decimals = (String(n).split('.')[1] ?? '').length;
  return 0.5 * 10 ** -decimals;
}

test('the fixture holds at least 80 references, each with a source', () => {
  assert.ok(refs.length >= 80, `${refs.length} references`);
  for (const r of refs) assert.ok(r.source?.url && r.source.ref, r.ref);
  assert.ok(refs.some((r) => r.ref.endsWith(':latest')));
  assert.ok(refs.some((r) => /UD-/.test(r.ref)));
  assert.ok(refs.some((r) => /qat/i.test(r.ref)));
});

for (const r of refs) {
  test(`${r.ref} → ${r.size} ${r.unit} (${r.kind}; ${r.source.url})`, () => {
    const match = matchCatalogRef(r.ref);
    assert.ok(match, `${r.ref} resolves to a catalog model`);
    const spec = catalogModelForRef(r.ref, match);
    const actual = r.measure === 'tensors' ? spec.tensorBytes : spec.fileBytes;
    const published = r.size * UNIT[r.unit];
    if (r.kind === 'listed') {
      const listing = publishedSize(r.ref);
      assert.ok(listing, 'a listed size is in the product table');
      assert.equal(listing.bytes, published, 'the table holds the figure the fixture cites');
      assert.equal(actual, published);
      assert.match(spec.provenance, /size from the publisher's listing/);
      return;
    }
    const band = published * 0.02 + halfLastDigit(r.size) * UNIT[r.unit];
    assert.ok(
      Math.abs(actual - published) <= band,
      `${(actual / UNIT[r.unit]).toFixed(3)} ${r.unit} vs published ${r.size} (±${(band / UNIT[r.unit]).toFixed(3)})`,
    );
  });
}
