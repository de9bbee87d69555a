// The generated column documentation must match the table definitions it was generated from.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { columnsDoc } from '../../scripts/columns-doc';

test('docs/columns.md is current (regenerate with `npx tsx scripts/columns-doc.ts`)', () => {
  expect(readFileSync(new URL('../../docs/columns.md', import.meta.url), 'utf8')).toBe(columnsDoc());
});
