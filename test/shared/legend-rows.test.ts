// Legends pasted with a table: which lines list one list's choices and nothing else, and which are rows.
import { describe, expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, TABLES, mapHeaders, type CellInput } from '../../shared';
import { choiceLines } from '../../shared/legend-rows';

const legend = (table: keyof typeof TABLES, header: CellInput[], line: CellInput[]) => {
  const found = choiceLines(TABLES[table], mapHeaders(TABLES[table], header), DEFAULT_READ_OPTIONS).legendOf(line);
  return found && [found.column.name, found.texts, found.first];
};

describe('choiceLines: legendOf', () => {
  const plan = ['Phase', 'Goal', 'Task', 'Status'];

  it("reads a line of one list's choices, across cells or in one, in the document's own words, as a legend", () => {
    expect(legend('workplan', plan, [null, 'Completed', 'In Progress', 'Not Started'])).toEqual(['status', ['Completed', 'In Progress', 'Not Started'], 1]);
    expect(legend('workplan', plan, ['Status legend: Completed · In progress · Not started'])).toEqual(['status', ['Completed', 'In progress', 'Not started'], 0]);
    expect(legend('workplan', plan, [null, null, 'Completed  In Progress  Not Started'])).toEqual(['status', ['Completed', 'In Progress', 'Not Started'], 2]);
    expect(legend('workplan', plan, ['Key', 'Done', 'Ongoing'])).toEqual(['status', ['Done', 'Ongoing'], 0]);
    expect(legend('roadmap', ['Focus area', 'Action', 'Status'], ['Early actions', 'Additional strategies'])).toEqual(['kind', ['Early actions', 'Additional strategies'], 0]);
  });

  it('reads a task beside choices, one choice twice, a sentence, a lone choice or a number as no legend', () => {
    expect(legend('workplan', plan, [null, null, 'Train staff', 'Completed'])).toBeUndefined();
    expect(legend('workplan', plan, [null, 'Completed', 'Completed'])).toBeUndefined();
    expect(legend('workplan', plan, ['Status legend: Completed · In progress · Not started. Targets with units:'])).toBeUndefined();
    expect(legend('workplan', plan, [null, null, 'Completed'])).toBeUndefined();
    expect(legend('workplan', plan, [2, 'Completed', 'In progress'])).toBeUndefined();
  });

  it("reads choices each in a column of their list as a row's values, not a legend", () => {
    const sideBySide = ['Focus Area', 'Early Actions', 'Status', 'Additional Strategies', 'Status'];
    expect(legend('roadmap', sideBySide, [null, null, 'Completed', null, 'In progress'])).toBeUndefined();
    expect(legend('roadmap', sideBySide, [null, 'Completed', null, 'In progress'])).toEqual(['status', ['Completed', 'In progress'], 1]);
  });
});
