// Headings inside a table: which one-cell rows are headings, and which grouping column each fills.
import { describe, expect, it } from 'vitest';
import { TABLES, mapHeaders, readTable, type CellInput } from '../../shared';
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

  it('gives the rows below a heading typed in capitals in title case, short acronyms and small words as a title has them', () => {
    const value = (header: CellInput[], text: string) => sectionRow(TABLES.workplan, mapHeaders(TABLES.workplan, header), header, [text])?.value;
    expect(value(['Task', 'Lead', 'Status'], 'OPERATIONALIZE')).toBe('Operationalize');
    expect(value(['Task', 'Lead', 'Status'], 'PHASE 2: NORMALIZE')).toBe('Phase 2: Normalize');
    expect(value(['Task', 'Phase', 'Status'], 'TOOLS AND TECHNICAL ASSISTANCE (TA)')).toBe('Tools and Technical Assistance (TA)');
    expect(value(['Phase', 'Task', 'Status'], 'ORGANIZE')).toBe('Organize');
    // Typed otherwise, a heading is the value as typed.
    expect(value(['Task', 'Lead', 'Status'], 'Goal 1: Structural Equity Alignment')).toBe('Goal 1: Structural Equity Alignment');
    expect(value(['Task', 'Lead', 'Status'], 'Phase 2 – GARE')).toBe('Phase 2 – GARE');
  });

  it('title-cases letters beyond ASCII and words with an apostrophe whole, and keeps the acronyms of equity work', () => {
    const value = (text: string) => sectionRow(TABLES.workplan, mapHeaders(TABLES.workplan, ['Task', 'Lead', 'Status']), ['Task', 'Lead', 'Status'], [text])?.value;
    expect(value('ÉQUITÉ ET INCLUSION')).toBe('Équité et Inclusion');
    expect(value("WOMEN'S AND GIRLS' INITIATIVE")).toBe("Women's and Girls' Initiative");
    expect(value('GARE CAPACITY BUILDING')).toBe('GARE Capacity Building');
    expect(value('BIPOC AND DEI OUTREACH')).toBe('BIPOC and DEI Outreach');
    expect(value('CITY OF OAKLAND')).toBe('City of Oakland');
    expect(value('NEW HIRES AND ALL STAFF')).toBe('New Hires and All Staff');
  });

  it('says in its warning when it wrote a heading typed in capitals in title case', () => {
    const read = readTable(TABLES.workplan, 'Plan', [['Task', 'Status'], ['NORMALIZE'], ['Training videos', 'Completed']]);
    expect(read.rows.map((r) => r.raw.phase)).toEqual(['Normalize']);
    expect(read.issues.map((i) => i.message)).toEqual(['this row is a heading ("NORMALIZE"), not read as a row; the rows below take it as their Phase, written "Normalize"']);
  });

  it('reads a one-cell row in everyday writing as a row: a task with nothing else filled in yet', () => {
    expect(heading('workplan', ['Task', 'Lead', 'Status'], 'Develop an Equity Evaluation Framework')).toBeUndefined();
    expect(heading('workplan', ['Task', 'Lead', 'Status'], 'TA')).toBeUndefined();
    expect(heading('requests', ['Request ID', 'Organization', 'Status'], 'REQ-001')).toBeUndefined();
    expect(sectionRow(TABLES.workplan, mapHeaders(TABLES.workplan, ['Task', 'Lead']), ['Task', 'Lead'], [null, 'ODE'])).toBeUndefined();
  });
});
