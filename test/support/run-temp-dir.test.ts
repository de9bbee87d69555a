import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

test('a test file writes its scratch files in the run\'s own temporary directory, which the run removes at its end', () => {
  expect(path.basename(tmpdir())).toMatch(/^equity-desk-test-run-/);
});
