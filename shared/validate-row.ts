// Validates rows of a table: cells → typed values, per-field errors and warnings, never a silent drop.
import { daysBetween, yearOf } from './cells/dates';
import { isBlankCell, readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import type { FieldIssue } from './issues';
import { DEFAULT_RULES } from './rules';
import { rowSchema } from './row-schema';
import type { TableDef, TypedRow } from './tables/column';

export interface RowResult {
  ok: boolean;
  values: TypedRow;
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

export type RawRow = Record<string, CellInput>;

const defaultOptions: ReadOptions = { lists: DEFAULT_RULES.lists };

/** Pairs of fields where the second must not come before the first. */
const ORDERED: Record<TableDef['name'], [string, string][]> = {
  requests: [['receivedOn', 'fulfilledOn']],
  workplan: [['startOn', 'endOn']],
  milestones: [['date', 'endOn']],
  roadmap: [],
};

/** Plain years outside this window are typos, whatever the rest of the sheet says. */
const YEAR_WINDOW = [1990, 2100] as const;

/** Field names a row may carry: input fields, and derived ones (ignored: they are recomputed). */
const fieldNames = new WeakMap<TableDef, Set<string>>();

function acceptedFields(table: TableDef): Set<string> {
  let names = fieldNames.get(table);
  if (!names) {
    names = new Set([...table.columns, ...table.derived].map((c) => c.name));
    fieldNames.set(table, names);
  }
  return names;
}

export function validateRow(table: TableDef, raw: RawRow, options: ReadOptions = defaultOptions): RowResult {
  const values: TypedRow = {};
  const issues: FieldIssue[] = [];
  const accepted = acceptedFields(table);
  for (const key in raw) {
    if (!accepted.has(key)) {
      issues.push({ code: 'unknown_column', field: key, severity: 'error', message: `"${key}" is not a field of ${table.sheet} (fields: ${table.columns.map((c) => c.name).join(', ')})` });
    }
  }
  const rangeEnds: Record<string, string> = {};
  for (const c of table.columns) {
    const cell = raw[c.name];
    if (isBlankCell(cell)) {
      values[c.name] = null;
      continue;
    }
    const r = readCell(c, cell, options);
    values[c.name] = r.value;
    issues.push(...r.issues);
    if (r.rangeEnd && c.rangeEnd) rangeEnds[c.rangeEnd] = r.rangeEnd;
  }
  for (const [field, end] of Object.entries(rangeEnds)) {
    if (values[field] === null) values[field] = end;
  }
  for (const c of table.columns) {
    if (c.required && values[c.name] === null && !issues.some((i) => i.field === c.name && i.severity === 'error')) {
      issues.push({ code: 'required', field: c.name, severity: 'error', message: `${c.header} is required` });
    }
    const v = values[c.name];
    if (c.type === 'date' && typeof v === 'string' && (yearOf(v) < YEAR_WINDOW[0] || yearOf(v) > YEAR_WINDOW[1])) {
      issues.push({ code: 'implausible_date', field: c.name, severity: 'warning', message: `${c.header}: ${v} looks like a typo (year ${yearOf(v)})` });
    }
  }
  for (const [a, b] of ORDERED[table.name]) {
    const va = values[a];
    const vb = values[b];
    if (typeof va === 'string' && typeof vb === 'string' && daysBetween(va, vb) < 0) {
      const ca = table.columns.find((c) => c.name === a)!;
      const cb = table.columns.find((c) => c.name === b)!;
      issues.push({ code: 'end_before_start', field: b, severity: 'error', message: `${cb.header} (${vb}) is before ${ca.header} (${va})` });
    }
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) {
    const parsed = rowSchema(table).safeParse(values);
    if (!parsed.success) {
      for (const zi of parsed.error.issues) errors.push({ code: 'wrong_type', field: String(zi.path[0] ?? ''), severity: 'error', message: zi.message });
    }
  }
  return { ok: errors.length === 0, values, errors, warnings: issues.filter((i) => i.severity === 'warning') };
}

/**
 * Validates a batch of rows together, adding the check only a batch can make: a date far from the
 * bulk of its column (a 2004 date in a 2024 plan) is flagged as a likely typo.
 */
export function validateRows(table: TableDef, rows: readonly RawRow[], options: ReadOptions = defaultOptions): RowResult[] {
  const results = rows.map((r) => validateRow(table, r, options));
  for (const c of table.columns.filter((col) => col.type === 'date')) {
    const years = results.map((r) => r.values[c.name]).filter((v): v is string => typeof v === 'string').map(yearOf).sort((a, b) => a - b);
    if (years.length < 5) continue;
    const median = years[Math.floor(years.length / 2)];
    for (const r of results) {
      const v = r.values[c.name];
      if (typeof v === 'string' && Math.abs(yearOf(v) - median) >= 5 && !r.warnings.some((w) => w.field === c.name && w.code === 'implausible_date')) {
        r.warnings.push({ code: 'implausible_date', field: c.name, severity: 'warning', message: `${c.header}: ${v} is far from the other dates in this column (mostly ${median}); a typo?` });
      }
    }
  }
  return results;
}
