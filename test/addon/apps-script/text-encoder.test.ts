// The UTF-8 encoder the bundle brings for Apps Script (which has no TextEncoder) gives Node's bytes, so
// content hashes computed in Sheets equal the service's.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { Utf8Encoder } from '../../../addon/apps-script/text-encoder';

test('encodes any string, astral characters and lone surrogates included, exactly as TextEncoder does', () => {
  const ours = new Utf8Encoder();
  const node = new TextEncoder();
  for (const s of ['', 'Équité — 公平 ✓ 😀', '\ud800 lone', 'tail \udfff']) expect([...ours.encode(s)]).toEqual([...node.encode(s)]);
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => ours.encode(s).join() === node.encode(s).join()));
});
