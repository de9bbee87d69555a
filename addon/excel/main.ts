// The Excel task pane page, which is also the custom-functions page (one shared runtime): associates the
// EQ. functions at load, then mounts the shared sidebar on the Excel bridge once Office is ready.
import { mountSidebar } from '../sidebar/sidebar-app';
import { createExcelAddin } from './excel-addin';
import { EXCEL_FUNCTIONS, type FunctionErrorCode } from './functions';
import { browserHttp, type OfficeHost } from './host-services';
import { PANE_CANNOT_START } from './host-words';
import type { ExcelRun, RequestContext } from './office-types';

declare const Office: OfficeHost & { onReady(): Promise<{ host: string | null }> };
declare const Excel: { run: ExcelRun };
declare const CustomFunctions: {
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  Error: new (code: FunctionErrorCode, message?: string) => unknown;
};

const status = (message: string) => {
  const line = document.getElementById('status');
  if (line) line.textContent = message;
};

/** A message in place of the pane, where the add-in cannot start: a blank pane would tell a person nothing. */
function cannotStart(message: string): void {
  const line = document.createElement('p');
  line.setAttribute('role', 'alert');
  line.textContent = message;
  document.getElementById('app')!.replaceChildren(line);
}

function start(): void {
  let addin: ReturnType<typeof createExcelAddin> | undefined;
  // Made on first need: outside Excel, Office has no workbook for it to read its settings from.
  const made = () =>
    (addin ??= createExcelAddin({
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
    }));

  // Excel looks the functions up by the ids in functions.json as soon as the runtime loads; a browser tab has no
  // custom-functions runtime.
  if (typeof CustomFunctions !== 'undefined') for (const fn of EXCEL_FUNCTIONS) CustomFunctions.associate(fn.id, made().handlers[fn.id]);

  void Office.onReady().then(async (info) => {
    if (info.host !== 'Excel') return cannotStart(PANE_CANNOT_START.notInExcel);
    mountSidebar(document.getElementById('app')!, made().bridge, 'triage');
    try {
      await made().start();
    } catch (e) {
      status(`Automatic sync is off: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

if (typeof Office === 'undefined') cannotStart(PANE_CANNOT_START.noOfficeJs);
else start();
