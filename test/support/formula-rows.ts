// The random rows of the formula property test, shared with the tests that hold other evaluators of the
// same rules against them (the Excel custom functions): rows with the messy edges of real sheets, two
// Lists sheets (default and edited), and the native formulas evaluated by HyperFormula.
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import {
  DEFAULT_LISTS_GRID, LISTS_SHEET, addDays, layoutLetters, listPlacement, rowFormulas,
  serialFromIso, templateLayout, type ListKey, type Rules, type TableDef, type TableName, type TypedRow, type TypedValue,
} from '../../shared';
import { URGENT_DEADLINE_WORDS } from '../../shared/cells/deadline-words';
import { TICKED_MARKS, UNTICKED_MARKS } from '../../shared/cells/check-marks';
import { NO_FIGURE_WORDS, NOT_CHOSEN_WORDS } from '../../shared/cells/not-chosen';
import { isErrorValue, readCell } from '../../shared/cells/read-cell';
import { readOptionsOf } from '../../shared/rules';

export const AS_OF = '2025-06-15';
const TODAY = 'DATE(2025,6,15)';

export type Grid = unknown[][];

/** A Lists grid edited the way an office would: other SLA days, impacts, margins, buckets, an extra requester type. */
export function editedGrid(): Grid {
  const grid = DEFAULT_LISTS_GRID.map((r) => [...r]);
  const set = (key: ListKey, values: readonly unknown[], paired?: readonly unknown[]) => {
    const p = listPlacement(key);
    for (let r = 1; r < grid.length; r++) {
      grid[r][p.column - 1] = values[r - 1] ?? '';
      if (p.pairedColumn) grid[r][p.pairedColumn - 1] = paired?.[r - 1] ?? '';
    }
  };
  // A type added with a stray trailing space, and City listed twice (VLOOKUP takes the first).
  set('requesterType', ['State agency', 'Legislative office', 'City', 'County', 'Tribal government', 'Special district', 'Community organization', 'Other', 'Regional body ', 'city'], [2, 3, 1.5, 2.5, 3, 1, 2, 0.5, 2, 3]);
  set('priority', ['Low', 'Medium', 'High', 'Urgent', 'Critical'], [45, 20, 10, 2, 0]);
  set('urgency', [-100000, 0, 4, 15, 60], [5, 4, 3, 2, 1]);
  set('suggestedPriority', [0, 3, 6, 9, 12], ['Low', 'Medium', 'High', 'Urgent', 'Critical']);
  set('ageBucket', [0, 15, 45, 120, 365], ['Under 15 days', '15-44 days', '45-119 days', '120-364 days', 'A year or more']);
  const s = listPlacement('setting');
  // Rows follow SETTINGS' order: dueSoonDays, followUpDays, atRiskMargin, dueThisWeekDays, noDeadlineUrgency, defaultImpact, weeklyCapacityHours.
  [5, 45, 0.25, 10, 2, 1.5, 30].forEach((v, i) => (grid[i + 1][s.pairedColumn! - 1] = v));
  // Made before the label's US spelling, and before Other took unlisted types: formulas and rules read a setting by
  // its cell, whatever its label says.
  grid[2][s.column - 1] = OLD_FOLLOW_UP_LABEL;
  grid[6][s.column - 1] = OLD_UNLISTED_IMPACT_LABEL;
  return grid;
}

/** The label of the impact setting (`defaultImpact`) in workbooks made before Other weighed an unlisted type, December 2026. */
export const OLD_UNLISTED_IMPACT_LABEL = 'Impact of an unlisted requester type';

/**
 * The edited Lists of an office that renamed Other (`Other (specify)`, decision 032): no value of its requester-type
 * list is Other, so a type it does not hold weighs with the impact setting (`defaultImpact`).
 */
export function withoutOtherGrid(): Grid {
  const grid = editedGrid();
  const p = listPlacement('requesterType');
  const row = grid.findIndex((r) => r[p.column - 1] === 'Other');
  grid[row][p.column - 1] = 'Other (specify)';
  return grid;
}

/** The follow-up setting's label in workbooks made before December 2026. */
export const OLD_FOLLOW_UP_LABEL = 'Follow up after fulfilment (days)';

export const GRIDS: { name: string; grid: Grid }[] = [
  { name: 'default Lists', grid: DEFAULT_LISTS_GRID.map((r) => [...r]) },
  { name: 'edited Lists', grid: editedGrid() },
];

// Text cells go in with a leading apostrophe so the engine keeps them as text ("1/2" stays text).
export const cellOf = (v: unknown): string | number | boolean | null =>
  v === '' || v === null || v === undefined ? null : typeof v === 'string' ? `'${v}` : (v as number | boolean);

// --- Arbitraries -------------------------------------------------------------------------------

/** Mostly near asOf (where states change), sometimes years away. */
const dayOffset = fc.oneof(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -60, max: 60 }), fc.integer({ min: -1100, max: 1100 }));
/**
 * Now and then a day no formula reads as a date: on or before serial 1 (1899-12-31, where LibreOffice puts a checkbox's
 * TRUE, and Excel's 1/1/1900), or a year typed wrong into the past, which Sheets holds as a date before its epoch.
 */
const beforeSerialTwo = fc.constantFrom('1899-12-31', '1899-12-30', '1899-01-15', '1025-06-15');
const date = fc.oneof({ weight: 40, arbitrary: dayOffset.map((d) => addDays(AS_OF, d)) }, { weight: 1, arbitrary: fc.constantFrom('1900-01-01', '1900-01-02') }, { weight: 1, arbitrary: beforeSerialTwo });
const maybeDate = fc.option(date, { freq: 4 });

/** A second date relative to a first: equal, just before, just after, or far (either side of two years, a typo's span). */
const after = (first: string | null) =>
  fc.oneof(fc.constant(0), fc.integer({ min: -5, max: -1 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 725, max: 735 }), fc.integer({ min: -8100, max: -700 }))
    .map((d) => (first ? addDays(first, d) : null));

/**
 * A due date typed as urgent words ("ASAP"), in any case, with stray spaces that TRIM takes away, or with more words
 * (no longer urgent words to either reader).
 */
const urgentWords = fc.oneof(
  fc.mixedCase(fc.constantFrom(...URGENT_DEADLINE_WORDS)),
  fc.constantFrom(' asap ', 'as  soon as possible', 'ASAP!', 'Urgent - budget', 'immediately.'),
);

const ASCII = [...'abcdefghiklmnoprstuyABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 -/&.,\'"*?~'];
/** Text compared with `=` (statuses): accents included, since engines compare accent-sensitively. */
const shortText = fc.string({ unit: fc.constantFrom(...ASCII, ...'éÉüñ'), maxLength: 14 });
/**
 * Text used as a VLOOKUP key (requester type, priority): no accents, because HyperFormula's lookups
 * ignore accents where Excel, Sheets and LibreOffice do not — a quirk of the test engine, not ours.
 */
const lookupText = fc.string({ unit: fc.constantFrom(...ASCII), maxLength: 14 });

/** A list value turned into something a wildcard would match: `H*`, `?igh`, `~High`, `*`. */
const wildcardish = (values: readonly string[]) =>
  fc.tuple(fc.constantFrom(...values), fc.nat(), fc.constantFrom('*', '?', '~', '~*')).map(([v, n, w]) => {
    const at = n % (v.length + 1);
    return w === '?' ? v.slice(0, at) + '?' + v.slice(at + 1) : w === '*' ? v.slice(0, at) + '*' : w === '~' ? `~${v}` : `${v.slice(0, at)}~*`;
  });

/** List values as typed, in odd case, near-misses with wildcards, or text not in the list at all. */
const choice = (values: readonly string[], other: fc.Arbitrary<string> = shortText) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...values) },
    { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom(...values)) },
    { weight: 1, arbitrary: wildcardish(values) },
    { weight: 1, arbitrary: other },
    { weight: 2, arbitrary: fc.constant(null) },
  );

/**
 * With TRUE and FALSE, as a checkbox pasted into the % column leaves them, a share in words ("half", "Three-quarters",
 * "done"), padded or in odd case, beside words that name none ("halfway"), and check marks: every engine and the rules
 * read them alike.
 */
const percent = fc.oneof(
  fc.constant(null), fc.constant(0), fc.constant(1), fc.constant(true), fc.constant(false),
  fc.constantFrom('half', 'Half', ' a  quarter ', 'one-half', 'Three-quarters', 'three quarters', 'none', 'Not started', 'done', 'COMPLETE', 'completed', 'all', 'halfway', 'half done', 'quarters', '-half'),
  // A check mark typed in the %, ticked or not, padded or closed by a full stop, and marks with more after them (no mark).
  fc.mixedCase(fc.constantFrom(...TICKED_MARKS, ...UNTICKED_MARKS)),
  fc.constantFrom(' ✓ ', 'x.', 'Yes!', '☐\t', '\u00a0N', 'x - see memo', '☑☑', 'x!yes', 'y!'),
  fc.constantFrom(0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.9, 0.95, 0.99, 0.9999999999999999, 1e-15),
  fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

/** A year typed wrong into the future (2206 for 2026): a received date no request can have yet. */
const typoYearAhead = fc.constantFrom('2206-09-03', '2125-06-14', '2052-01-31');

function requestRow(rules: Rules): fc.Arbitrary<TypedRow> {
  const receivedOn = fc.oneof({ weight: 20, arbitrary: maybeDate }, { weight: 1, arbitrary: typoYearAhead });
  return fc.record({ receivedOn, fulfilledGap: fc.option(fc.integer({ min: -3, max: 120 }), { freq: 2 }) }).chain(({ receivedOn, fulfilledGap }) =>
    fc.record({
      receivedOn: fc.constant(receivedOn),
      // With a city and a county named in one type, which every reader weighs as the one named first.
      requesterType: fc.oneof(
        { weight: 8, arbitrary: choice(rules.lists.requesterType, lookupText) },
        { weight: 1, arbitrary: fc.constantFrom('County/City', 'City/County', 'City-County', 'city and county', ' County & City ', 'County - City', 'CITY/COUNTY', 'City or County', 'County/City/Town') },
      ),
      // With a service desk's numbered priorities and words, and SharePoint's numbered choices, which the SLA formula reads as the listed ones they name.
      priority: choice([...rules.lists.priority, 'P1', 'P 2', 'Sev3', 'Severity 4', 'Priority 1', 'P5', 'P-1', 'Sev.2', 'sev-3', 'P.4', 'Sev - 1', 'P-5', '(1) High', '(2) Normal', '(3) Low', '(2)Normal', '(9) High', 'Normal', 'critical', '(1) P1', 'sevriority1', 'Severity P1', '(2) -Normal', 'A.S.A.P.', 'SEVERITY-2'], lookupText),
      status: choice(rules.lists.requestStatus),
      dueOn: fc.oneof({ weight: 6, arbitrary: maybeDate }, { weight: 6, arbitrary: after(receivedOn) }, { weight: 1, arbitrary: urgentWords }),
      followUpOn: fc.option(date, { freq: 3 }),
      // Fulfilled on the day, before receipt (a typo), later, or not at all ("fulfilled without date").
      fulfilledOn: fc.constant(receivedOn && fulfilledGap !== null ? addDays(receivedOn, fulfilledGap) : null),
    }),
  );
}

function workplanRow(rules: Rules): fc.Arbitrary<TypedRow> {
  const margin = rules.settings.atRiskMargin;
  const free = fc.record({ startOn: maybeDate }).chain(({ startOn }) =>
    fc.record({
      startOn: fc.constant(startOn),
      endOn: fc.oneof(maybeDate, after(startOn)),
      percentComplete: percent,
      // With the statuses offices add that the rules name: done in their own words, stopped, or on hold.
      status: fc.oneof(
        { weight: 6, arbitrary: choice([...rules.lists.workplanStatus, 'Done', 'Achieved', 'Cancelled', 'Canceled', 'Dropped', 'Not pursued', 'Ongoing', 'On track', 'Behind', 'Planned', 'To do', 'Paused', 'postponed', 'Deferred', 'On pause', 'Waiting on someone else']) },
        { weight: 1, arbitrary: checkMarks },
        { weight: 1, arbitrary: notChosen },
      ),
    }),
  );
  // Started k days ago, n days long, exactly on (or a hair either side of) the at-risk line.
  const boundary = fc.record({
    k: fc.integer({ min: 0, max: 200 }),
    n: fc.integer({ min: 1, max: 300 }),
    nudge: fc.constantFrom(0, 1e-15, -1e-15, 1e-12, -1e-12, 0.01, -0.01),
    status: choice(['In progress', 'Not started', 'On hold', 'Ongoing', 'Planned']),
  }).map(({ k, n, nudge, status }) => ({
    startOn: addDays(AS_OF, -k),
    endOn: addDays(AS_OF, n - k),
    percentComplete: Math.min(1, Math.max(0, k / n - margin + nudge)),
    status,
  }));
  // In progress inside its span with no % recorded: a status the free rows reach only by the chance of three draws together.
  const unmeasured = fc.record({ k: fc.integer({ min: 0, max: 200 }), n: fc.integer({ min: 1, max: 300 }) }).map(({ k, n }) => ({
    startOn: addDays(AS_OF, -Math.min(k, n)), endOn: addDays(AS_OF, n - Math.min(k, n)), percentComplete: null, status: 'In progress',
  }));
  return fc.oneof({ weight: 3, arbitrary: free }, { weight: 2, arbitrary: boundary }, { weight: 1, arbitrary: unmeasured });
}

/**
 * A Status answered with a check mark, as a "Done?" column is: ticked or not, typed (in any case, closed by a full stop,
 * with stray spaces, tabs, line breaks and no-break spaces) or a checkbox's TRUE and FALSE, and a mark with more after it
 * (no mark to any reader).
 */
const checkMarks = fc.oneof(
  fc.mixedCase(fc.constantFrom(...TICKED_MARKS, ...UNTICKED_MARKS)),
  fc.constantFrom<TypedValue>(true, false, 1, 0, ' x ', 'Yes.', 'x!', '☑ ', 'No.', 'x - with Parks', '☑☑', '☑\t', '\u00a0x', 'x\n', '\t☐\u00a0', 'x\u00a0x', 'un\tchecked'),
);

/** What a pasted cell carries around its text: spaces, tabs, line breaks, no-break spaces. */
const padding = fc.constantFrom('', ' ', '\t', '\n', '\u00a0', '\u00a0\t', ' \n');

/**
 * A Status not chosen yet, as the service reads it (left blank): its words in any case, with stray spaces, tabs, line
 * breaks and no-break spaces, and with more after them (a status to no reader).
 */
const notChosen = fc.oneof(
  fc.mixedCase(fc.constantFrom(...NOT_CHOSEN_WORDS, ...NO_FIGURE_WORDS)),
  fc.tuple(padding, fc.mixedCase(fc.constantFrom(...NOT_CHOSEN_WORDS, ...NO_FIGURE_WORDS, '-', '--')), fc.constantFrom(' ', '\u00a0', '  '), padding)
    .map(([before, word, between, after]) => before + word.replaceAll(' ', between) + after),
  fc.constantFrom<TypedValue>('-', '--', '---', '—', '–', ' TBD ', 'to  be determined', ' - ', '- -', 'TBD?', 'TBD - Parks', 'n/a.', '  ', '\t', 'TB\tD', 'n/\na'),
);

/** A milestone's or roadmap item's statuses, with those offices add that the rules name: done, stopped and on-hold words, and check marks. */
const progressStatus = (rules: Rules) => fc.oneof(
  { weight: 6, arbitrary: choice(rules.lists.progressStatus.concat('Done', 'Finished', 'Achieved', 'Met', 'Complete', 'Cancelled', 'canceled', 'Dropped', 'Withdrawn', 'Not pursued', 'on hold', 'Paused', 'Postponed', 'Deferred')) },
  { weight: 1, arbitrary: checkMarks },
  { weight: 1, arbitrary: notChosen },
);

function milestoneRow(rules: Rules): fc.Arbitrary<TypedRow> {
  return fc.record({ date: maybeDate }).chain(({ date: d }) =>
    fc.record({ date: fc.constant(d), endOn: fc.oneof(fc.constant(null), after(d), maybeDate), status: progressStatus(rules) }),
  );
}

const roadmapRow = (rules: Rules): fc.Arbitrary<TypedRow> =>
  fc.record({ targetOn: maybeDate, status: progressStatus(rules) });

export const ROWS: Record<TableName, (rules: Rules) => fc.Arbitrary<TypedRow>> = {
  requests: requestRow, workplan: workplanRow, milestones: milestoneRow, roadmap: roadmapRow,
};

/**
 * A row with each choice (requester type, priority, status) as the sheet reader reads it, "State agencies" as State
 * agency, one no list names kept as typed: what the custom functions read, so what they answer is the native formula's
 * answer on the row so read. On the dropdowns' own values the two rows are one.
 */
export function choicesRead(table: TableDef, row: TypedRow, rules: Rules): TypedRow {
  // As the functions read: a choice no list value names stays as typed, not Other (`ReadOptions.listedOnly`).
  const options = { ...readOptionsOf(rules), listedOnly: true };
  const read: TypedRow = { ...row };
  for (const c of table.columns) {
    const v = row[c.name];
    // A cell showing an error is no choice: the function and the formula both show the error.
    if (c.type !== 'choice' || typeof v !== 'string' || v.trim() === '' || isErrorValue(v)) continue;
    const cell = readCell(c, v, options);
    if (cell.issues.every((i) => i.severity !== 'error')) read[c.name] = cell.value;
  }
  return read;
}

/** Lays the rows out as the template does and evaluates every formula: per row, each derived column's formula and value. */
export function nativeValues(table: TableDef, grid: Grid, rows: readonly TypedRow[]): { formulas: Record<string, string>[]; values: Record<string, unknown>[] } {
  const layout = templateLayout(table);
  const letters = layoutLetters(layout);
  const dateFields = new Set(table.columns.filter((c) => c.type === 'date').map((c) => c.name));
  const formulas = rows.map((_, i) => rowFormulas(table, i + 2, letters, TODAY));
  const data = [
    layout.map((p) => cellOf(p.column.header)),
    ...rows.map((row, i) => layout.map((p) => {
      if (p.derived) return `=${formulas[i][p.column.name]}`;
      const v = row[p.column.name] ?? null;
      return dateFields.has(p.column.name) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? serialFromIso(v) : cellOf(v);
    })),
  ];
  const hf = HyperFormula.buildFromSheets(
    { [table.sheet]: data, [LISTS_SHEET]: grid.map((r) => r.map(cellOf)) },
    // Excel, Sheets and LibreOffice compare text case-insensitively but accent-sensitively.
    { licenseKey: 'gpl-v3', accentSensitive: true, caseSensitive: false },
  );
  const sheet = hf.getSheetId(table.sheet)!;
  const derived = layout.filter((c) => c.derived);
  const values = rows.map((_, i) => Object.fromEntries(derived.map((p) => [p.column.name, hf.getCellValue({ sheet, row: i + 1, col: p.index - 1 })])));
  hf.destroy();
  return { formulas, values };
}
