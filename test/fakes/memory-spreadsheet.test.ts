// The in-memory spreadsheet passes the same port contract as the Apps Script port, both as itself and with
// every call answered by a promise, as an Office.js host answers.
import { spreadsheetPortContract, type PortHarness } from '../contracts/spreadsheet-port.contract';
import { deferred } from '../support/host-drivers';
import { MemorySpreadsheet } from './memory-spreadsheet';

const memoryHarness = (asHost: (port: MemorySpreadsheet) => MemorySpreadsheet) => (): PortHarness => {
  const port = new MemorySpreadsheet({ Sheet1: [] });
  const formats = (sheet: string) => port.sheet(sheet).formats;
  const covering = <T extends { column: number; fromRow: number; toRow: number }>(list: readonly T[] | undefined, row: number, column: number) =>
    (list ?? []).find((v) => v.column === column && row >= v.fromRow && row <= v.toRow);
  return {
    port: asHost(port),
    probe: {
      frozenRows: (sheet) => formats(sheet).at(-1)?.freeze?.rows ?? 0,
      validation: (sheet, row, column) => {
        const v = covering([...port.sheet(sheet).validations].reverse(), row, column);
        return v ? { source: v.list, allowInvalid: Boolean(v.allowOther) } : null;
      },
      conditionals: (sheet) => Object.assign({}, ...port.sheet(sheet).conditionals.map((c) => ({ ...c.tones }))),
      tonesAt: (sheet, row, column) =>
        [...port.sheet(sheet).conditionals, ...port.sheet(sheet).ownRules].filter((c) => c.column === column && row >= c.fromRow && row <= c.toRow).flatMap((c) => Object.keys(c.tones ?? {})).sort(),
      addOwnColorRule: (sheet, { column, fromRow, toRow, text }) => void port.sheet(sheet).ownRules.push({ column, fromRow, toRow, tones: { [text]: 'neutral' } }),
      hiddenColumns: (sheet) => (formats(sheet).at(-1)?.columns ?? []).flatMap((c, i) => (c.hidden ? [i + 1] : [])),
      numberFormat: (sheet, row, column) => port.sheet(sheet).numberFormatAt(row, column),
      selectedRow: () => port.selection,
      toasts: () => port.toasts,
      merge: (sheet, range) => port.merge(sheet, range),
      protect: (sheet, range) => port.sheet(sheet).protect(range),
      rename: (sheet, to) => port.rename(sheet, to),
    },
  };
};

spreadsheetPortContract('MemorySpreadsheet', memoryHarness((port) => port));
spreadsheetPortContract('MemorySpreadsheet behind promises', memoryHarness(deferred));
