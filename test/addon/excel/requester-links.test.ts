// "Copy status link" and "Copy feedback link" in Excel, over an office-addin-mock `Office` and the Excel fake, against
// the real service on loopback: a request typed in from a phone call gets a status link whose page shows where it
// stands, and each refusal is said with the sheet's own words; its links are turned off as in Sheets.
import { describe, expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, requestsColumn } from './connected-excel';

const service = useSyncService();

describe('Excel: links for the requester', () => {
  test('a phoned-in request gets a status link showing where it stands; an unsynced one and an open one for a survey are said why not', async () => {
    const connected = await connectedExcel(service, 'Excel links');
    const row = (values: Record<string, unknown>) => TABLES.requests.columns.map((c) => values[c.name] ?? '');
    seedExcelSheet(connected.excel, 'Requests', [
      TABLES.requests.columns.map((c) => c.header),
      row({ requestId: 'R-40', receivedOn: '2026-03-02', requesterOrg: 'City of Eureka', requesterType: 'City', channel: 'Phone', description: 'A language access plan.', status: 'In progress' }),
    ], 'requests');
    expect(await connected.sync()).toMatch(/Requests: 1 sent, 1 saved/);

    const { requestId, url } = await connected.addin.bridge.requesterLink('status', ' r-40 ');
    expect(requestId).toBe('R-40');
    expect(url).toMatch(new RegExp(`^${service.url}/requests/eqd_[A-Za-z0-9_-]{43}$`));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<p class="status-now">In progress</p>');
    expect(text).toContain('City of Eureka');

    await expect(connected.addin.bridge.requesterLink('feedback', 'R-40')).rejects.toThrow(/^R-40 is not fulfilled yet: set its Status to Fulfilled \(or fill Fulfilled\), then choose Sync now\.$/);
    // Typed in from an email under the first, not synced yet.
    for (const [field, value] of [['requestId', 'R-41'], ['receivedOn', '3/3/2026'], ['requesterOrg', 'Humboldt County'], ['channel', 'Email']]) await connected.excel.userEdit('Requests', 3, requestsColumn(field), value);
    await expect(connected.addin.bridge.requesterLink('status', 'R-41')).rejects.toThrow('Request R-41 has not been synced yet: choose Sync now, then ask for its link again.');
    await expect(connected.addin.bridge.requesterLink('status', '')).rejects.toThrow('Type the Request ID of a request, e.g. TA-2026-0031.');
    await connected.sync();
    expect((await connected.addin.bridge.requesterLink('status', 'R-41')).url).toMatch(/\/requests\/eqd_/);

    // Turned off in Excel as in Sheets: R-40's link answers that the office turned it off, R-41's still works, and a new one works.
    const r41 = (await connected.addin.bridge.requesterLink('status', 'R-41')).url;
    expect(await connected.addin.bridge.turnOffLinks('r-40')).toEqual({ requestId: 'R-40', statusLinks: 1, feedbackLinks: 0 });
    const off = await fetch(url);
    expect(off.status).toBe(410);
    expect(await off.text()).toContain('The office turned this link off');
    expect((await fetch(r41)).status).toBe(200);
    expect((await fetch((await connected.addin.bridge.requesterLink('status', 'R-40')).url)).status).toBe(200);
    await expect(connected.addin.bridge.turnOffLinks('R-99')).rejects.toThrow('There is no request "R-99" in Requests.');

    // One link alone, as in Sheets: R-41's other link keeps working; a link this workbook did not send is not its to turn off.
    const astray = (await connected.addin.bridge.requesterLink('status', 'R-41')).url;
    expect(await connected.addin.bridge.turnOffLink(astray)).toEqual({ statusLinks: 1, feedbackLinks: 0 });
    expect((await fetch(astray)).status).toBe(410);
    expect((await fetch(r41)).status).toBe(200);
    expect(await connected.addin.bridge.turnOffLink(astray)).toEqual({ statusLinks: 0, feedbackLinks: 0 });
    await expect(connected.addin.bridge.turnOffLink(`${service.url}/requests/eqd_${'A'.repeat(43)}`)).rejects.toThrow('That link was not sent with the service and token in Settings (they may have changed since it was copied): nothing was turned off.');
  });
});
