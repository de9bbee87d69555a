// A requester's survey answer against the row a sheet sends: kept over a cell the sheet has not changed since the
// answer came (a file cannot take the answer in; an add-on sheet may not have yet), given up to a person's edit.
// Pure, so the ingest worker runs it with the rest of `prepareBatch` (decision 010, 2026-12-06).
import { TABLES, type FieldIssue, type TableName, type TypedRow } from '../../shared/index';
import { quoteValue } from '../../shared/quote-value';
import type { SurveyHold } from '../store/intake-store';

/** Where the rows come from, as a message names it: a workbook imported (the answer must be typed in) or a synced sheet (its next sync writes it). */
export type HoldsFrom = 'workbook' | 'sheet';

export interface HeldAnswers {
  /** The row's values with each answer kept where the sheet still shows what it held before the answer. */
  values: TypedRow;
  /** One per field whose answer is kept, or replaced by a person's edit. */
  warnings: FieldIssue[];
  /** Holds the row lets go: the sheet shows the answer now, or a person typed something else. */
  settled: { rowId: string; field: string; answerJson: string }[];
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const shown = (value: unknown) => (typeof value === 'string' ? quoteValue(value) : String(value));

/** What a valid row of `table` keeps of its held survey answers (`holds`, all of this row); `hasColumn`: whether the sheet has a column for a field. */
export function keepSurveyAnswers(table: TableName, rowId: string, values: TypedRow, hasColumn: (field: string) => boolean, holds: readonly SurveyHold[], from: HoldsFrom): HeldAnswers {
  const out: HeldAnswers = { values, warnings: [], settled: [] };
  const headers = new Map(TABLES[table].columns.map((c) => [c.name, c.header]));
  for (const hold of holds) {
    const { field } = hold;
    // No column for the field: the sheet cannot show the answer, nor has a person changed it. The answer stays, unsaid
    // (the add-on's summary asks for the column).
    if (!hasColumn(field)) {
      out.values = { ...out.values, [field]: hold.answer as TypedRow[string] };
      continue;
    }
    const sent = json(values[field]);
    const answerJson = json(hold.answer);
    if (sent === answerJson) {
      out.settled.push({ rowId, field, answerJson });
      continue;
    }
    const header = headers.get(field) ?? field;
    const answer = `the requester's survey answer (${shown(hold.answer)})`;
    // The sheet as before the answer, or showing an earlier answer the add-on wrote in: no person changed the cell.
    const before = sent === json(hold.sheet);
    if (before || hold.earlier?.some((e) => json(e) === sent)) {
      out.values = { ...out.values, [field]: hold.answer as TypedRow[string] };
      out.warnings.push({ code: 'survey_answer', field, severity: 'warning', message: `${header}: ${answer} is kept; ${keptBecause(values[field], before, from)}` });
      continue;
    }
    out.settled.push({ rowId, field, answerJson });
    const edit = values[field] === null ? `${answer} is cleared: the ${from}'s cell was emptied` : `${shown(values[field])} replaces ${answer}: the ${from}'s cell was changed`;
    out.warnings.push({ code: 'survey_answer', field, severity: 'warning', message: `${header}: ${edit} since the answer came` });
  }
  return out;
}

/**
 * Why an answer is kept over what the sheet sends (`value`: what it held before the answer, or `before` false, an
 * earlier answer), and what to do. A person who types that value back before the sheet ever showed the answer sends
 * the same cell, which nothing tells apart from a sheet left as it was: said plainly, with how to keep it instead.
 */
function keptBecause(value: unknown, before: boolean, from: HoldsFrom): string {
  const blank = value === null;
  const still = blank ? `the ${from}'s cell is still blank` : `the ${from} still says ${shown(value)}`;
  const since = before ? 'as before the answer' : "the requester's earlier answer";
  const next = from === 'workbook' ? 'copy the answer in' : 'its next sync writes the answer in';
  const again = blank ? 'Emptying it again' : `Typing ${shown(value)} again`;
  const keep = blank ? 'to keep it blank' : 'to keep it';
  const how = from === 'workbook' ? `import once with the answer, then ${blank ? 'clear it' : 'type it back'}` : `${blank ? 'clear it' : 'type it back'} after that sync`;
  return `${still}, ${since} — ${next}. ${again} reads as no change: ${keep}, ${how}`;
}
