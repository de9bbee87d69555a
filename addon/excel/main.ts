// The Excel task pane page, which is also the custom-functions page (one shared runtime): associates the
// EQ. functions at load, then mounts the shared sidebar on the Excel bridge once Office is ready.
import { mountSidebar } from '../sidebar/sidebar-app';
import { createExcelAddin } from './excel-addin';
import { EXCEL_FUNCTIONS, type FunctionErrorCode } from './functions';
import { browserHttp, type OfficeHost } from './host-services';
import type { ExcelRun, RequestContext } from './office-types';

declare const Office: OfficeHost & { onReady(): Promise<unknown> };
declare const Excel: { run: ExcelRun };
declare const CustomFunctions: {
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  Error: new (code: FunctionErrorCode, message?: string) => unknown;
};

const status = (message: string) => {
  const line = document.getElementById('status');
  if (line) line.textContent = message;
};

const addin = createExcelAddin({
  office: Office,
  run: (batch) => Excel.run(batch),
  http: browserHttp(),
  storage: window.localStorage,
  notify: status,
  functionError: (code, message) => new CustomFunctions.Error(code, message),
  onEdit: (listener) =>
    Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.onChanged.add(async () => listener());
      await context.sync();
    }),
});

// Excel looks the functions up by the ids in functions.json as soon as the runtime loads.
for (const fn of EXCEL_FUNCTIONS) CustomFunctions.associate(fn.id, addin.handlers[fn.id]);

void Office.onReady().then(async () => {
  mountSidebar(document.getElementById('app')!, addin.bridge, 'triage');
  try {
    await addin.start();
  } catch (e) {
    status(`Automatic sync is off: ${e instanceof Error ? e.message : String(e)}`);
  }
});
