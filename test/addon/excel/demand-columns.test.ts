// EQ.DEMAND over whole columns in Excel, over an office-addin-mock `Office` and the Excel fake, against the real service
// on loopback: an office's title rows above the header row answer blank, as the status functions answer them.
import { expect, test } from 'vitest';
import { serialFromIso } from '../../../shared';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

test("EQ.DEMAND(A:A, B:B, C:C, D:D) under an office's title answers the title rows blank and each header row with its own header, and asks only for the requests", async () => {
  const connected = await connectedExcel(service, 'Excel demand title');
  const asked: string[] = [];
  connected.beforeRequest = (url) => void asked.push(url);
  // Empty cells as Excel on the web passes them (null); the header again on a pasted next page.
  const column = (...cells: unknown[]) => cells.map((cell) => [cell]);
  const got = await connected.addin.handlers.DEMAND(
    column('Humboldt County TA log', null, 'Requester type', 'County', 'Requester type', 'City', null),
    column(null, 'Updated weekly', 'Category', null, 'Category', 'Training & workshops', null),
    column(null, null, 'Date received', serialFromIso('2026-01-01'), 'Date received', null, null),
    column(null, null, 'Due date', null, 'Due date', null, null),
  );
  expect(got).toEqual([[''], [''], ['Requests'], [0], ['Requests'], [0], ['']]);
  expect(asked.map((url) => new URL(url).search)).toEqual(['?requesterType=County&from=2026-01-01', '?requesterType=City&category=Training%20%26%20workshops']);
});
