// Headings inside a table: which one-cell rows are headings, and which grouping column each fills.
import { describe, expect, it } from 'vitest';
import { TABLES, mapHeaders, type CellInput } from '../../shared';
import { sectionRow } from '../../shared/section-rows';

const heading = (table: keyof typeof TABLES, header: CellInput[], text: string) => {
  const s = sectionRow(TABLES[table], mapHeaders(TABLES[table], header), header, [text]);
  return s && [s.text, s.into?.name];
};

describe('sectionRow', () => {
  it('gives a heading to the grouping column it names, else to the nearest one the sheet lacks', () => {
    const plan = ['Task', 'Lead', 'Status'];
    expect(heading('workplan', plan, 'Goal 1: Structural Equity Alignment')).toEqual(['Goal 1: Structural Equity Alignment', 'goal']);
    expect(heading('workplan', plan, 'PHASE 2')).toEqual(['PHASE 2', 'phase']);
    expect(heading('workplan', plan, 'OPERATIONALIZE')).toEqual(['OPERATIONALIZE', 'phase']);
  });

  it('gives a roadmap heading to Kind only when it names a kind, else to Focus area', () => {
    const roadmap = ['Action', 'Lead', 'Status'];
    expect(heading('roadmap', roadmap, 'EARLY ACTIONS')).toEqual(['EARLY ACTIONS', 'kind']);
    expect(heading('roadmap', roadmap, 'TOOLS AND TECHNICAL ASSISTANCE')).toEqual(['TOOLS AND TECHNICAL ASSISTANCE', 'focusArea']);
  });

  it('gives a heading to the grouping column the sheet lacks, or to the one it is typed in, and none to a month', () => {
    expect(heading('workplan', ['Task', 'Phase', 'Status'], 'STRUCTURAL EQUITY ALIGNMENT')).toEqual(['STRUCTURAL EQUITY ALIGNMENT', 'goal']);
    expect(heading('workplan', ['Goal', 'Phase', 'Task', 'Status'], 'Structural Equity Alignment')).toEqual(['Structural Equity Alignment', 'goal']);
    expect(heading('milestones', ['Date', 'Milestone', 'Team'], 'March')).toEqual(['March', undefined]);
  });

  it('reads a one-cell row in everyday writing as a row: a task with nothing else filled in yet', () => {
    expect(heading('workplan', ['Task', 'Lead', 'Status'], 'Develop an Equity Evaluation Framework')).toBeUndefined();
    expect(heading('workplan', ['Task', 'Lead', 'Status'], 'TA')).toBeUndefined();
    expect(heading('requests', ['Request ID', 'Organization', 'Status'], 'REQ-001')).toBeUndefined();
    expect(sectionRow(TABLES.workplan, mapHeaders(TABLES.workplan, ['Task', 'Lead']), ['Task', 'Lead'], [null, 'ODE'])).toBeUndefined();
  });
});
