// "Set up from template" as the person reads it: the menu's names, and only what is true of the sheets.
import { describe, expect, test } from 'vitest';
import { setupTemplate } from '../../../addon/core/setup';
import { templateContent } from '../../../templates/build-template';
import { runSync } from '../../../addon/core/task';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { AS_OF } from '../bundle-harness';
import { requestRow } from '../sidebar/sidebar-page';

describe('set up from template, said', () => {
  test('by the menu\'s name, and a second run says it is already set up and changed nothing', () => {
    const port = new MemorySpreadsheet();
    expect(runSync(setupTemplate(port, 'ta-intake', AS_OF, templateContent)).summary).toBe('Set up TA intake (requests log): added Lists, Requests, Dashboard.');
    expect(runSync(setupTemplate(port, 'ta-intake', AS_OF, templateContent)).summary).toBe('TA intake (requests log) is already set up (Lists, Requests, Dashboard); nothing changed.');
    expect(runSync(setupTemplate(port, 'workplan', AS_OF, templateContent)).summary).toBe('Set up Work plan: added Work plan, Work plan dashboard. Lists was already there, kept as it is.');
  });

  test('a deleted Lists sheet is put back, the requests typed kept', () => {
    const port = new MemorySpreadsheet();
    runSync(setupTemplate(port, 'ta-intake', AS_OF, templateContent));
    port.writeBlock('Requests', 2, 1, [requestRow({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'New' })] as never);
    port.sheets.delete('Lists');
    expect(runSync(setupTemplate(port, 'ta-intake', AS_OF, templateContent)).summary).toBe('Set up TA intake (requests log): added Lists. Requests and Dashboard were already there, kept as they are.');
    expect(port.readSheet('Requests')[1][0]).toBe('R-1');
  });
});
