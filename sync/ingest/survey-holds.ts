// A requester's survey answer against the row a sheet sends: kept over a cell the sheet has not changed since the
// answer came (a file cannot take the answer in; an add-on sheet may not have yet), given up to a person's edit.
// Pure, so the ingest worker runs it with the rest of `prepareBatch` (decision 010, 2026-12-06).
import { inputCellValue, inputColumn, TABLES, type FieldIssue, type InputColumn, type TableName, type TypedRow, type TypedValue } from '../../shared/index';
import { quoteValue } from '../../shared/quote-value';
import { sameText } from '../../shared/status/sheet-math';
import type { SurveyHold } from '../store/intake-store';
import type { Batch } from '../store/row-store';

/** Where the rows come from, as a message names it: a workbook imported (the answer must be typed in) or a synced sheet (its next sync writes it). */
export type HoldsFrom = 'workbook' | 'sheet';

export interface HeldAnswers {
  /** The row's values with each answer kept where the sheet still shows what it held before the answer. */
  values: TypedRow;
  /** One per field whose answer is kept, or replaced by a person's edit. */
  warnings: FieldIssue[];
  /** Holds the row lets go: the sheet shows the answer now, or a person typed something else. */
  settled: { rowId: string; field: string; answerJson: string }[];
  /** Holds of fields the sheet has no column for that took it to show something there (`Batch.unshownHolds`). */
  unshown: { rowId: string; field: string; answerJson: string }[];
}

const json = (value: unknown) => JSON.stringify(value ?? null);
/** A value of `column` as a message names it: a text quoted, anything else as the column's cell shows it (a yes/no as Yes or No). */
const shown = (column: InputColumn | undefined, value: unknown) =>
  typeof value === 'string' ? quoteValue(value) : String(column === undefined ? value : inputCellValue(column, value as TypedValue));

/** What a valid row of `table` keeps of its held survey answers (`holds`, all of this row); `hasColumn`: whether the sheet has a column for a field. */
export function keepSurveyAnswers(table: TableName, rowId: string, values: TypedRow, hasColumn: (field: string) => boolean, holds: readonly SurveyHold[], from: HoldsFrom): HeldAnswers {
  const out: HeldAnswers = { values, warnings: [], settled: [], unshown: [] };
  const columns = new Map(TABLES[table].columns.map((c) => [c.name, c]));
  for (const hold of holds) {
    const { field } = hold;
    // No column for the field: the sheet cannot show the answer, nor has a person changed it. The answer stays, unsaid
    // (the add-on's summary asks for the column).
    if (!hasColumn(field)) {
      out.values = { ...out.values, [field]: hold.answer as TypedRow[string] };
      // What it shows there is nothing. An add-on from before `unshown` acknowledged the answer's item as written in,
      // so its hold took the sheet to show the answer, and a column added later, blank, read as a person emptying it.
      if (hold.sheet !== null) out.unshown.push({ rowId, field, answerJson: json(hold.answer) });
      continue;
    }
    const sent = json(values[field]);
    const answerJson = json(hold.answer);
    if (sent === answerJson) {
      out.settled.push({ rowId, field, answerJson });
      continue;
    }
    const column = columns.get(field);
    const header = column?.header ?? field;
    const show = (value: unknown) => shown(column, value);
    const answer = `the requester's survey answer (${show(hold.answer)})`;
    // The sheet as before the answer, or showing an earlier answer the add-on wrote in: no person changed the cell.
    const before = sent === json(hold.sheet);
    if (before || hold.earlier?.some((e) => json(e) === sent)) {
      out.values = { ...out.values, [field]: hold.answer as TypedRow[string] };
      out.warnings.push({ code: 'survey_answer', field, severity: 'warning', message: `${header}: ${answer} is kept; ${keptBecause(values[field], before, from, show)}` });
      continue;
    }
    out.settled.push({ rowId, field, answerJson });
    const edit = values[field] === null ? `${answer} is cleared: the ${from}'s cell was emptied` : `${show(values[field])} replaces ${answer}: the ${from}'s cell was changed`;
    out.warnings.push({ code: 'survey_answer', field, severity: 'warning', message: `${header}: ${edit} since the answer came` });
  }
  return out;
}

/**
 * The answers a synced sheet's batch keeps over cells of columns it has (`unshown`: the fields it has none for), by
 * row: its next pull is to write them in, as their warning says. Their item was acknowledged when the sheet had no
 * column for them (a column added since, blank), so the caller queues one unless another still waits.
 */
export function heldAnswersToWrite(batch: Pick<Batch, 'upserts' | 'settledHolds'>, holds: readonly SurveyHold[], unshown: readonly string[]): { rowId: string; fields: string[] }[] {
  const sent = new Set(batch.upserts.map((row) => row.rowId));
  const settled = new Set((batch.settledHolds ?? []).map((h) => JSON.stringify([h.rowId, h.field])));
  const fieldsOf = new Map<string, string[]>();
  for (const hold of holds) {
    if (!sent.has(hold.rowId) || unshown.includes(hold.field) || settled.has(JSON.stringify([hold.rowId, hold.field]))) continue;
    fieldsOf.set(hold.rowId, [...(fieldsOf.get(hold.rowId) ?? []), hold.field]);
  }
  return [...fieldsOf].map(([rowId, fields]) => ({ rowId, fields }));
}

/**
 * Why an answer is kept over what the sheet sends (`value`: what it held before the answer, or `before` false, an
 * earlier answer), and what to do. A person who types that value back before the sheet ever showed the answer sends
 * the same cell, which nothing tells apart from a sheet left as it was: said plainly, with how to keep it instead.
 */
function keptBecause(value: unknown, before: boolean, from: HoldsFrom, show: (value: unknown) => string): string {
  const blank = value === null;
  const still = blank ? `the ${from}'s cell is still blank` : `the ${from} still says ${show(value)}`;
  const since = before ? 'as before the answer' : "the requester's earlier answer";
  const next = from === 'workbook' ? 'copy the answer in' : 'its next sync writes the answer in';
  const again = blank ? 'Emptying it again' : `Typing ${show(value)} again`;
  const keep = blank ? 'to keep it blank' : 'to keep it';
  const how = from === 'workbook' ? `import once with the answer, then ${blank ? 'clear it' : 'type it back'}` : `${blank ? 'clear it' : 'type it back'} after that sync`;
  return `${still}, ${since} — ${next}. ${again} reads as no change: ${keep}, ${how}`;
}

/** The office's Outcome that says the opposite of the requester's yes or no on the survey (Plan adopted (requester)). */
const OPPOSITE_OUTCOME = { yes: 'No change yet', no: 'Action plan adopted' } as const;

/**
 * A request whose Outcome and Plan adopted (requester) disagree (the office: "No change yet", the requester: yes; or the
 * other way round): both are kept and it counts as adopted (`planAdopted`), which its row's warning says, for the Data
 * quality sheet. Not a survey hold: it is said whoever wrote either cell, for as long as they disagree.
 */
export function answerDisagreement(table: TableName, values: TypedRow): FieldIssue | undefined {
  if (table !== 'requests' || typeof values.actionPlanAdopted !== 'boolean') return undefined;
  const said = values.actionPlanAdopted ? 'yes' : 'no';
  const outcome = OPPOSITE_OUTCOME[said];
  if (!sameText(typeof values.outcome === 'string' ? values.outcome.trim() : null, outcome)) return undefined;
  const { name: field, header } = inputColumn('requests', 'actionPlanAdopted');
  const message = `${header}: the requester answered ${said}, and the ${inputColumn('requests', 'outcome').header} says ${quoteValue(outcome)}; both are kept, and the request counts as an action plan adopted`;
  return { code: 'answers_disagree', field, severity: 'warning', message };
}
