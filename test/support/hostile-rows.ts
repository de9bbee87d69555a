// Rows as text stored before the service refused odd characters (or sent by an older add-on) may hold them: every
// field of every table filled with what an output could choke on, written straight into the row store, past the
// validation that refuses such text today. Bounded and seeded, so a failure names the same rows each run.
import fc from 'fast-check';
import { TABLES, type TableName } from '../../shared/index';
import { rowIdProblem } from '../../shared/row-id';
import type { RowStore } from '../../sync/store/row-store';

/** A cell of 40,000 characters: words, so a clip has somewhere to end, and one unbroken run, so it has not. */
export const LONG_CELL = `${'Pasted from the agency action plan PDF: '.repeat(700)}${'x'.repeat(12_000)}`;

/** Text a spreadsheet would run as a formula, or a page as a script, were it written as it is. */
export const FORMULA_TEXTS = ['=HYPERLINK("http://example.invalid","click")', '+1+1', '-2+3', '@SUM(1,2)', '=1/0'];
export const SCRIPT_TEXTS = ['<script>window.__ran = 1</script>', '"><img src=x onerror="window.__ran = 1">', '</td></tr></table><b>unclosed'];

/** Characters no XML, no sheet and no UTF-8 stream can carry as they are, and ones that turn a line around. */
export const ODD_TEXTS = [
  'NUL\u0000inside',
  'bell\u0007 escape\u001b[31m form feed\u000c',
  'C1\u0085next line\u009bcontrol',
  'delete\u007f',
  'lone high \ud800 surrogate',
  'lone low \udfff surrogate',
  'override \u202enoitcA\u202c and isolate \u2066x\u2069',
  'noncharacters \ufffe\uffff',
];

/** Every hostile text: what each text field of the rows takes in turn. */
export const HOSTILE_TEXTS = [...ODD_TEXTS, ...FORMULA_TEXTS, ...SCRIPT_TEXTS, LONG_CELL];

/** Years a typo makes (2206 for 2026) and days a spreadsheet's epoch cannot show. */
export const HOSTILE_DATES = ['2206-03-01', '1900-01-01', '0001-01-01', '9999-12-31', '1899-12-30'];

/** Figures no spreadsheet prints as they are, and the text of figures that are not ones. */
export const HOSTILE_NUMBERS: unknown[] = [1e308, -0, 'NaN', -1e308, 5e-324, 'Infinity', '1e999'];

/** A source's name as long as a pasted paragraph, with the odd characters in it. */
export const LONG_SOURCE_NAME = `City of ${'Oakridge Department of Racial Equity and Inclusion, '.repeat(40)}\u202eend =1+1 <script>window.__ran = 1</script>`;

/** `prefix` and as much of `text` as an ID could ever hold: IDs were refused controls and lone surrogates before other text was. */
const asId = (prefix: string, text: string) => (rowIdProblem(`${prefix} ${text}`) === undefined ? `${prefix} ${text}` : prefix);

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** One field's hostile value by its column's type; choices take hostile text too, as an older add-on's list might. */
function hostileValue(type: string): fc.Arbitrary<unknown> {
  if (type === 'date') return pick(HOSTILE_DATES);
  if (type === 'number' || type === 'percent' || type === 'rating') return pick(HOSTILE_NUMBERS);
  if (type === 'boolean') return pick<unknown>([true, false, 'yes\u0000', null]);
  // The long cell fills one row's every text field already: in the mixtures it would only make the outputs slow.
  return pick(HOSTILE_TEXTS.filter((t) => t !== LONG_CELL));
}

/**
 * `HOSTILE_TEXTS.length + mixed` rows of `table`: the first ones take the hostile texts in turn in every text field
 * (so each text reaches every output), the rest are random mixtures, seeded.
 */
export function hostileRows(table: TableName, mixed: number, seed: number): { rowId: string; values: Record<string, unknown> }[] {
  const columns = TABLES[table].columns;
  const rows = fc.sample(fc.record(Object.fromEntries(columns.map((c) => [c.name, hostileValue(c.type)]))), { numRuns: HOSTILE_TEXTS.length + mixed, seed });
  return rows.map((values, i) => {
    const turn: Record<string, unknown> = { ...values };
    if (i < HOSTILE_TEXTS.length) for (const c of columns) if (!['date', 'number', 'percent', 'rating', 'boolean'].includes(c.type)) turn[c.name] = HOSTILE_TEXTS[i];
    // Each table's ID column stays unique, and held only what IDs were always checked for (`rowIdProblem`).
    const id = columns.find((c) => c.type === 'id');
    if (id) turn[id.name] = asId(`${table.slice(0, 2).toUpperCase()}-${i}`, HOSTILE_TEXTS[i] ?? '');
    return { rowId: `hostile-${i}`, values: turn };
  });
}

export interface HostileStore {
  sourceId: string;
  /** What each table's rows hold, as written. */
  rows: Record<TableName, { rowId: string; values: Record<string, unknown> }[]>;
}

/**
 * A source named `LONG_SOURCE_NAME` with the hostile rows of `hostileRows` in every table, written by `applyBatch` as an older
 * service did (no validation), plus a rejection and a warning whose messages quote the hostile texts.
 */
export async function seedHostileRows(store: RowStore, opts: { mixed: number; seed: number; at: Date }): Promise<HostileStore> {
  const sourceId = (await store.createPrincipal({ kind: 'source', name: LONG_SOURCE_NAME, sourceKind: 'google-sheets' })).principal.id;
  const rows = {} as HostileStore['rows'];
  for (const table of Object.keys(TABLES) as TableName[]) {
    rows[table] = hostileRows(table, opts.mixed, opts.seed);
    const quoted = HOSTILE_TEXTS.map((text, i) => ({ rowId: `refused-${i}`, ownId: asId(`R${i}`, text), sheet: asId('Requests', text).slice(0, 31), sheetRow: i + 2, errors: [{ field: TABLES[table].columns[1].name, column: 'B', header: text, message: `${text} is not valid` }] }));
    await store.applyBatch({
      sourceId,
      table,
      upserts: rows[table].map((r, i) => ({ ...r, hash: `h${i}`, sheetRow: i + 2 })),
      deletes: [],
      full: false,
      rejected: quoted,
      warned: rows[table].slice(0, 3).map((r, i) => ({ rowId: r.rowId, sheetRow: i + 2, errors: [{ field: TABLES[table].columns[1].name, message: `${HOSTILE_TEXTS[i]} read as blank` }] })),
      at: opts.at,
    });
  }
  return { sourceId, rows };
}
