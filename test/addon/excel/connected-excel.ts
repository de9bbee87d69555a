// The Excel add-in (the module its task pane is built from) over an office-addin-mock `Office` and the Excel fake,
// connected to a source of the real service running in a worker, with a hook that runs before each request reaches
// the service: where a test plays a person working in the workbook while the sync talks to the service.
import { OfficeMockObject } from 'office-addin-mock';
import { createExcelAddin, type ExcelAddin } from '../../../addon/excel/excel-addin';
import { browserHttp, type OfficeHost } from '../../../addon/excel/host-services';
import { SETTING_KEYS } from '../../../addon/core/settings';
import { LISTS_SHEET } from '../../../shared/lists';
import { DEFAULT_LISTS_GRID } from '../../../shared/rules';
import { TABLES, sheetColumns } from '../../../shared/tables';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, startupBehaviorOver, storageOver } from '../../fakes/excel/office-settings';
import type { SyncService } from '../../fixtures/sync-service';
import { seedExcelSheet } from '../sync-host-calls';

/** The Requests sheet's column of `field`, 1 first, as the template lays it out. */
export const requestsColumn = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
/** The Requests sheet's Sync ID column, which follows the template's columns. */
export const REQUESTS_SYNC_ID_COLUMN = sheetColumns(TABLES.requests).length + 1;

export interface ConnectedExcel {
  source: { id: string; token: string };
  excel: FakeExcel;
  /** Runs before each request the add-in sends, with its URL and method; unset, requests go straight through. */
  beforeRequest?: (url: string, method: string) => void | Promise<void>;
  /** "Sync now" from the task pane: its summary. */
  sync(): Promise<string>;
  /** The add-in itself: its task pane's bridge and its functions. */
  addin: ExcelAddin;
}

/**
 * A workbook with the template's Lists sheet, whose add-in is connected to a new source named `name`; `today`, when
 * given, is the add-in's day (else the machine's own, as in Excel).
 */
export async function connectedExcel(service: SyncService, name: string, today?: () => string): Promise<ConnectedExcel> {
  const source = await service.createSource(name);
  const excel = new FakeExcel(['Sheet1']);
  // Settings takes https only; the loopback service is named in the workbook's settings directly.
  const office = new OfficeMockObject({
    context: { requirements: excel.requirements, document: { settings: documentSettingsOver(new Map<string, unknown>([[SETTING_KEYS.serviceUrl, service.url]])) } },
    addin: startupBehaviorOver([]),
  }) as unknown as OfficeHost;
  const connected: ConnectedExcel = {
    source,
    excel,
    sync: async () => (await addin.bridge.sync()).summary,
    get addin() {
      return addin;
    },
  };
  const http = browserHttp(async (url, init) => {
    await connected.beforeRequest?.(url, init.method);
    return fetch(url, init);
  });
  const addin = createExcelAddin({ office, run: excel.run, http, storage: storageOver(new Map([[SETTING_KEYS.token, source.token]])), today });
  seedExcelSheet(excel, LISTS_SHEET, DEFAULT_LISTS_GRID);
  return connected;
}
