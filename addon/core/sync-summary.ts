// A sync's report in words, a line per table: what was pulled, sent, saved and removed, what needs fixing and
// where, and what a protected sheet kept the sync from doing.
import { MAX_FIELD_TEXT } from '../../shared/clip-text';
import { counted } from '../../shared/plural';
import { idColumn, TABLES, type TableName } from '../../shared/tables';
import type { IntoWhy } from './pull-rows';
import { joinedNames } from './not-set-up';
import type { TableSyncReport } from './sync-report';

const n = (x: number) => x.toLocaleString('en-US');

/** Rows a person must find, named: a few, then how many more. */
const NAMED_ROWS = 3;
function named(names: readonly string[]): string {
  const distinct = [...new Set(names)];
  const more = distinct.length - NAMED_ROWS;
  return more > 0 ? `${distinct.slice(0, NAMED_ROWS).join(', ')} and ${n(more)} more` : distinct.join(', ');
}

/** Where the warnings are noted: at every cell warned, at those of saved rows, or (none in a saved row) nowhere. */
const notesSay = (t: TableSyncReport) =>
  !t.unnoted ? '; a note on each cell warned says why' : t.unnoted < t.warned.length ? '; a note on each cell warned in a saved row says why' : '';

/** Messages a person must find, named: a few, then how many more. */
function listed(messages: readonly string[]): string {
  const more = messages.length - NAMED_ROWS;
  return more > 0 ? `${messages.slice(0, NAMED_ROWS).join('; ')}; and ${n(more)} more` : messages.join('; ');
}

/** A table's own ID column as a summary names it ("Request ID"), or "ID" for a table without one. */
const ownIdHeader = (table: string) => (table in TABLES ? idColumn(TABLES[table as TableName])?.header : undefined) ?? 'ID';

/** Cells the host would not mark or write as protected, and what lets the sync do it. */
function protectedSaid(cells: readonly string[], not: string): string {
  const one = cells.length === 1;
  return `${counted(cells.length, 'cell')} not ${not} (${listed(cells)}): ${one ? 'the cell is' : 'the cells are'} protected from you; ask the sheet's owner to let you edit ${one ? 'it' : 'them'}, or sync as someone who may`;
}

/** Why new rows went where they did, as the summary says it. */
const INTO_WHY: Record<IntoWhy, string> = {
  'last web-form requests': 'the sheet the last web-form requests went to',
  'latest received': 'the sheet holding the latest received request',
  rows: "the sheet holding the table's rows",
};

export function summarize(tables: readonly TableSyncReport[]): string {
  return tables
    .map((t) => {
      const parts: string[] = [];
      const { into } = t.pulled;
      if (t.pulled.added) parts.push(`${n(t.pulled.added)} new from the web form${into ? `, into ${into.sheet}, ${INTO_WHY[into.why]}` : ''}`);
      if (t.pulled.unmoved) parts.push(`the new ${t.pulled.added > 1 ? 'requests' : 'request'} went in above ${t.pulled.unmoved}, the table's last row, not under it: that row is protected from you, so it could not move down; ask the sheet's owner to let you edit it, or sync as someone who may`);
      const { unwritten } = t.pulled;
      if (unwritten.length) parts.push(`${counted(unwritten.length, 'web-form request')} not written in (${named(unwritten)}): ${unwritten.length > 1 ? 'their rows are' : 'its row is'} protected from you; ask the sheet's owner to let you edit the table's rows, or sync as someone who may; the service keeps ${unwritten.length > 1 ? 'them' : 'it'} and the next sync tries again`);
      const { blocked } = t.pulled;
      if (blocked) parts.push(`${n(blocked.rows)} new from the web form waiting: ${blocked.sheet} has another table below the ${blocked.table} table; move one of them to a sheet of its own and sync again`);
      if (t.pulled.updated) parts.push(`${counted(t.pulled.updated, 'survey answer')} filled in`);
      const { waiting } = t.pulled;
      if (waiting.length) parts.push(`${counted(waiting.length, 'survey answer')} waiting (${named(waiting)}): ${waiting.length > 1 ? 'their rows are' : 'its row is'} not in the table by Sync ID (deleted, or moved above the header row); the next sync tries again`);
      if (t.refilled) parts.push(`${counted(t.refilled.rows, 'row')} filled in from what the service held for the new ${t.refilled.headers.length > 1 ? 'columns' : 'column'} ${t.refilled.headers.map((h) => `"${h}"`).join(', ')}`);
      const clipped = [...(t.pulled.clipped ?? []), ...(t.refilled?.clipped ?? [])];
      if (clipped.length) parts.push(`${counted(clipped.length, 'row')} with texts clipped to the ${MAX_FIELD_TEXT} characters a field keeps (${listed(clipped)})`);
      if (t.restored) parts.push(`${counted(t.restored, 'Sync ID')} restored (${t.restored > 1 ? 'rows' : 'a row'} without one, or with another row's after a paste, matched to the service's by content or by their ${ownIdHeader(t.table)}, or by place where the Sync ID cell is protected)`);
      parts.push(`${n(t.sent)} sent`, `${n(t.accepted)} saved`, `${n(t.rows - t.sent + t.unchanged)} unchanged`);
      if (t.deleted) parts.push(`${n(t.deleted)} removed`);
      if (t.rejected) parts.push(`${n(t.rejected)} need fixing (see the highlighted cells${t.toFix.length ? `: ${listed(t.toFix)}` : ''})`);
      if (t.unmarked.length) parts.push(`${n(t.unmarked.length)} of them not marked (${named(t.unmarked)}): ${t.unmarked.length > 1 ? 'their rows were' : 'its row was'} not in the table by Sync ID when the marks were written (deleted, or moved above the header row, during the sync); sync again`);
      if (t.protectedMarks) parts.push(protectedSaid(t.protectedMarks, 'marked'));
      // A new row's cell refused its formula is refused it again when the rows are readied: named once.
      const notWritten = [...new Set([...(t.pulled.refused ?? []), ...(t.protectedWrites ?? [])])];
      if (notWritten.length) parts.push(protectedSaid(notWritten, 'written'));
      if (t.protectedDropdowns) parts.push(protectedSaid(t.protectedDropdowns, 'given their dropdowns'));
      if (t.protectedColors) parts.push(protectedSaid(t.protectedColors, 'given their status colors'));
      for (const p of t.printAreasKept ?? []) parts.push(`the print area of ${p.sheet} not moved to end at row ${n(p.toRow)}: the sheet's page setup is protected from you, so it prints as before; ask the sheet's owner to let you change it, or sync as someone who may`);
      if (t.noteOnly) parts.push(`${counted(t.noteOnly, 'cell', 'cells')} to fix marked by ${t.noteOnly > 1 ? 'their notes' : 'its note'} alone, keeping ${t.noteOnly > 1 ? 'their' : 'its'} own fill: too many filled cells for the add-on to remember their colors`);
      for (const r of t.readied) parts.push(`status formulas and dropdowns ${t.readied.length > 1 ? `on ${r.sheet} ` : ''}ready down to row ${n(r.toRow)}`);
      for (const { header, kind, count, notWritten, later, columnsChanged } of t.periodEnds) {
        const cells = `${n(count)} ${header} ${count > 1 ? 'cells' : 'cell'} typed as a ${kind}`;
        const it = count > 1 ? 'them' : 'it';
        parts.push(columnsChanged
          ? `${cells} not set to the ${kind}'s last day: the sheet's columns changed during the sync; the next sync sets ${it}`
          : notWritten === undefined
            ? `${cells} now ${count > 1 ? 'hold' : 'holds'} the ${kind}'s last day (still shown as the ${kind})`
            : `${cells} not set to the ${kind}'s last day (${notWritten.replace(/\.?$/, '.')}): the sheet's own statuses judge ${it} by the ${kind}'s first day; ${
              later === 'left' ? `later syncs leave ${it} as ${count > 1 ? 'they are' : 'it is'}` : `${later === 'full' ? 'more than the add-on can remember: ' : ''}the next sync tries ${it} again`}`);
      }
      if (t.warned.length) parts.push(`${counted(t.warned.length, 'warning')}, rows saved as read (${listed(t.warned)}${notesSay(t)})`);
      if (t.typedOver.length) parts.push(`${counted(t.typedOver.length, 'status cell holds a typed value', 'status cells hold typed values')} instead of the formula (${named(t.typedOver)}; kept; clear a cell to get its formula back)`);
      const lacking = t.pulled.missingColumns;
      const missing = lacking.length ? `. Add ${lacking.length > 1 ? 'columns' : 'a column'} ${joinedNames(lacking.map((h) => `"${h}"`))} to see all the service holds` : '';
      return `${t.sheet}: ${parts.join(', ')}${t.problems.length ? `. ${t.problems.join('; ')}` : ''}${missing}`;
    })
    .join('\n');
}
