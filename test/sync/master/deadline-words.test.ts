// A request imported with a Due of "ASAP" is stored with no Due day, its words in Notes: the master's suggested
// priority reads them there, as the sheet's formula reads the Due cell, instead of scoring the request as undated.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, TABLES, validateRow } from '../../../shared/index';
import { masterRows } from '../../../sync/master/data-sheets';

const AS_OF = '2026-03-10';

function masterCells(cells: Record<string, string>) {
  const values = validateRow(TABLES.requests, { requesterOrg: 'City of Fresno', requesterType: 'City', receivedOn: '2026-03-02', ...cells }).values;
  const sheet = masterRows('requests', { rules: DEFAULT_RULES, asOf: AS_OF });
  const row = sheet.cells({ sourceId: 's', sourceName: 'Commission', rowId: 'r1', values } as never)!;
  const at = (header: string) => row[sheet.columns.findIndex((c) => c.header === header)];
  return { due: at('Due'), notes: at('Notes'), suggested: at('Suggested priority'), reason: at('Why this priority'), slaDue: at('SLA due') };
}

describe('the master reads a request due "ASAP" as the sheet does', () => {
  test('suggests the priority of a deadline the day it was received, and runs the SLA from the priority', () => {
    const asap = masterCells({ dueOn: 'ASAP', priority: 'High' });
    expect(asap).toMatchObject({ due: null, notes: 'Due: ASAP', suggested: 'Urgent', reason: 'City (impact 2) x deadline ASAP, as if due the day it was received (urgency 3) = 6', slaDue: '2026-03-09' });
  });

  test('reads no urgency into notes the person wrote beside a Due day, nor into other words', () => {
    expect(masterCells({ dueOn: '2026-04-30', notes: 'Due: ASAP' }).reason).toBe('City (impact 2) x deadline in 59 days (urgency 1) = 2');
    expect(masterCells({ notes: 'Due: before budget hearing' }).reason).toBe('City (impact 2) x no deadline (urgency 1) = 2');
  });
});
