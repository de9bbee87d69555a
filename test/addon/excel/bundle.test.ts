// The Excel add-in's script as the service serves it (taskpane.js, which is also the custom functions' script in the
// shared runtime): it checks the service's answers and a row's values with the shapes the build evaluates from the zod
// schemas, as Code.js does, and carries no zod (test/addon/apps-script/bundle.test.ts holds Code.js to the same).
import { expect, test } from 'vitest';
import { builtExcel } from './excel-harness';

test('the task pane script carries no zod, and checks answers and rows with the shapes written in as data', async () => {
  const { script } = await builtExcel();
  expect(script).not.toContain('_zod');
  expect(script).not.toMatch(/node_modules[\\/]zod[\\/]/);
  // The shapes are data: nothing in the script makes them from schemas as it loads.
  expect(script).not.toContain('toJSONSchema');
  // The checks and their words came along: zod's English messages and a custom check's own words.
  expect(script).toContain('Invalid input: expected');
  expect(script).toContain('values must be an object of field name');
});
