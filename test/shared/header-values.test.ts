// A header that names two dropdown columns equally, read by the values under it.
import { expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, mapHeaders, TABLES, type CellInput } from '../../shared';
import { settleTiesByValues } from '../../shared/header-values';

const settle = (header: CellInput[], rows: CellInput[][], table = TABLES.requests) => {
  const map = mapHeaders(table, header);
  const settled = settleTiesByValues(table, map, rows, DEFAULT_READ_OPTIONS);
  return { map, settled: settled.map((s) => [s.header, s.column?.name, s.why]) };
};

it('reads a tied "Type" as the column whose list most of its values fit, and maps it so', () => {
  const types = settle(['Organization', 'Type'], [['Sacramento', 'City'], ['Yolo', 'county'], ['Caltrans', 'State agency'], ['Tribe', null], ['X', 'Other']]);
  expect(types.settled).toEqual([['Type', 'requesterType', '4 of its 4 values fit the Requester type list, 1 the Category list']]);
  expect(types.map.fields.get(1)).toBe('requesterType');
  expect(types.map.ties).toEqual([]);
  expect(types.map.matched.map((m) => [m.header, m.reads, m.score])).toEqual([['Organization', 'Requesting organization', 100], ['Type', 'Requester type', 100]]);
  const categories = settle(['Organization', 'Type'], [['Sacramento', 'Training'], ['Yolo', 'Budget equity tool'], ['Caltrans', 'Sidewalks']]);
  expect(categories.settled).toEqual([['Type', 'category', '0 of its 3 values fit the Requester type list, 2 the Category list']]);
  expect(categories.map.fields.get(1)).toBe('category');
});

it('leaves the tie when the values fit both lists alike, neither by most, or there are none, saying the counts', () => {
  const even = settle(['Organization', 'Type'], [['Sacramento', 'City'], ['Yolo', 'Training'], ['Caltrans', 'Other']]);
  expect(even.settled).toEqual([['Type', undefined, '2 of its 3 values fit the Requester type list, 2 the Category list']]);
  expect(even.map.fields.get(1)).toBeUndefined();
  expect(even.map.ties.map((t) => t.header)).toEqual(['Type']);
  const few = settle(['Organization', 'Type'], [['Sacramento', 'City'], ['Yolo', 'Parks'], ['Caltrans', 'Roads'], ['Davis', 'Water']]);
  expect(few.settled).toEqual([['Type', undefined, '1 of its 4 values fit the Requester type list, 0 the Category list']]);
  expect(settle(['Organization', 'Type'], [['Sacramento', null]]).settled).toEqual([['Type', undefined, 'the column is empty']]);
});

it('names the value of a column that holds one, rather than counting "1 of its 1 values"', () => {
  const one = (value: string) => settle(['Organization', 'Type'], [['Sacramento', value], ['Yolo', null]]).settled[0].slice(1);
  expect(one('City')).toEqual(['requesterType', 'its one value, "City", fits the Requester type list, not the Category list']);
  expect(one('Training')).toEqual(['category', 'its one value, "Training", fits the Category list, not the Requester type list']);
  expect(one('Other')).toEqual([undefined, 'its one value, "Other", fits both lists']);
  expect(one('Parks')).toEqual([undefined, 'its one value, "Parks", fits neither list']);
});
