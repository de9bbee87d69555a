// What Excel provides to the task pane, for the page in Chromium: `Office` (workbook settings, a partition
// key, startup behavior), `Excel` over the in-repo Excel fake, and a `CustomFunctions` that records ids
// and makes error values.
// Bundled by the test and served in place of Microsoft's office.js.
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, startupBehaviorOver } from '../../fakes/excel/office-settings';

const excel = new FakeExcel(['Sheet1']);
const settings = new Map<string, unknown>();
const scope = window as unknown as Record<string, unknown>;
scope.__excel = excel;
scope.__settings = settings;
scope.__associated = [] as string[];
scope.__startup = [] as string[];
scope.Office = {
  context: {
    partitionKey: 'tenant!site',
    requirements: excel.requirements,
    document: { settings: documentSettingsOver(settings, true) },
  },
  addin: startupBehaviorOver(scope.__startup as string[]),
  onReady: () => Promise.resolve({ host: 'Excel' }),
};
scope.Excel = { run: excel.run };
scope.CustomFunctions = {
  associate: (id: string) => void (scope.__associated as string[]).push(id),
  Error: class {
    constructor(readonly code: string, readonly message?: string) {}
  },
};
