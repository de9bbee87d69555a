// The changes report as titled sections of plain lines: what the CLI prints, the workbook lists and the
// dashboard shows, named once here so the three say the same thing in the same order.
import { shortDay, TABLES } from '../../shared/index';
import { importRowId } from '../ingest/import-row-id';
import { dateNotRecordedLine, figureLineText, type FigureLine } from '../metrics/headline-figures';
import type { ChangesReport } from './changes-schema';

export interface ChangeLine {
  /** The day it happened, when there is one. */
  day: string | null;
  /** The row as people know it: "TA-2026-0031 City of Oakland". */
  what: string;
  source: string;
  /** Status moves ("On track → At risk"), last syncs. */
  detail: string;
}

export interface ChangeSection {
  id: string;
  title: string;
  /** Said when the section is empty. */
  none: string;
  lines: ChangeLine[];
  /** Figures said under its lines, as every surface says them beside the same figure (`dateNotRecordedLine`). */
  figures: FigureLine[];
}

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * The days inside titles and details are in words on every surface a person reads (page, terminal, workbook): in the
 * workbook an ISO day in a wrapped title printed broken at its hyphen ("2026-" above "11-01"). Each line's own day
 * stays ISO, a date cell in the workbook to sort and filter by.
 */
export function changeSections(r: ChangesReport): ChangeSection[] {
  const rows = (list: ChangesReport['requests']['received'], detail = () => '') =>
    list.map((x) => ({ day: x.on, what: x.label, source: x.sourceName, detail: detail() }));
  const logged = (list: ChangesReport['dataQuality']['rejected']) =>
    list.map((x) => ({ day: dayOf(x.at), what: importRowId.label(x.rowId, x, TABLES[x.table].noun), source: x.sourceName, detail: '' }));
  const stale = r.sources.filter((s) => !s.syncedInPeriod);
  const sections: (Omit<ChangeSection, 'figures'> & Partial<Pick<ChangeSection, 'figures'>>)[] = [
    { id: 'received', title: 'Requests received', none: 'No requests received.', lines: rows(r.requests.received) },
    { id: 'fulfilled', title: 'Requests fulfilled', none: 'No requests fulfilled.', lines: rows(r.requests.fulfilled), figures: dateNotRecordedLine(r.requests.dateNotRecorded, false) },
    { id: 'closed', title: 'Requests closed', none: 'No requests closed.', lines: rows(r.requests.closed) },
    { id: 'overdue', title: 'Requests that went overdue (day due)', none: 'No request went overdue.', lines: rows(r.requests.wentOverdue) },
    // A first import adds every item of a plan: those are listed apart, so the status moves are not lost among them.
    {
      id: 'added', title: 'Work-plan items added', none: 'No work-plan item added.',
      lines: r.workplan.filter((w) => w.from === null).map((w) => ({ day: w.on, what: w.label, source: w.sourceName, detail: w.to ?? '' })),
    },
    {
      id: 'workplan', title: 'Work-plan items whose status changed', none: 'No work-plan status changed.',
      lines: r.workplan.filter((w) => w.from !== null).map((w) => ({ day: w.on, what: w.label, source: w.sourceName, detail: `${w.from} → ${w.to ?? 'removed'}` })),
    },
    { id: 'done', title: 'Milestones done', none: 'No milestone done.', lines: rows(r.milestones.done) },
    { id: 'missed', title: 'Milestones missed', none: 'No milestone missed.', lines: rows(r.milestones.missed) },
    // Rows the service keeps as tombstones: a request that leaves its log is said to have left, not just gone.
    {
      id: 'removed', title: 'Rows removed from their sheets', none: 'No row removed.',
      lines: r.removed.map((x) => ({ day: x.on, what: x.label, source: x.sourceName, detail: TABLES[x.table].noun })),
    },
    { id: 'rejected', title: 'Rows newly rejected (see Data quality in the master workbook)', none: 'No row newly rejected.', lines: logged(r.dataQuality.rejected) },
    { id: 'fixed', title: 'Rejected rows fixed', none: 'No rejected row fixed.', lines: logged(r.dataQuality.fixed) },
    {
      id: 'stale', title: `Sources that have not synced since ${shortDay(r.since)}`, none: 'Every source has synced since.',
      lines: stale.map((s) => ({ day: s.lastSync ? dayOf(s.lastSync) : null, what: s.name, source: s.name, detail: s.lastSync ? `last sync ${shortDay(dayOf(s.lastSync))}` : 'never synced' })),
    },
  ];
  return sections.map((s) => ({ ...s, figures: s.figures ?? [] }));
}

/** Lines a printed section shows before saying what it left out: the full lists are in the JSON and the workbook. */
export const PRINTED_LINES = 15;

/** Sources named one by one in what a section left out; past that, only the count. */
const NAMED_SOURCES = 4;

/** The lines a printed section shows, and what it left out by source: "and 111 more: 96 from City plan, 15 from SCORE plan". */
export function printedLines(s: ChangeSection): { shown: ChangeLine[]; leftOut: string | null } {
  const rest = s.lines.slice(PRINTED_LINES);
  if (rest.length === 0) return { shown: s.lines, leftOut: null };
  const bySource = new Map<string, number>();
  for (const l of rest) bySource.set(l.source, (bySource.get(l.source) ?? 0) + 1);
  const sources = [...bySource].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // The stale sources are themselves the sources: naming them again would say nothing.
  const from = s.id === 'stale' || sources.length > NAMED_SOURCES ? ''
    : sources.length === 1 ? ` from ${sources[0][0]}`
    : `: ${sources.map(([name, count]) => `${count} from ${name}`).join(', ')}`;
  return { shown: s.lines.slice(0, PRINTED_LINES), leftOut: `and ${rest.length} more${from}` };
}

/** The report's period in words, as every surface titles it: `from Dec 1, 2026 to Dec 31, 2026`. */
export const changesPeriod = (r: Pick<ChangesReport, 'since' | 'until'>) => `from ${shortDay(r.since)} to ${shortDay(r.until)}`;

/** The widest day in words, "Dec 31, 2026": every month's short name is three letters. */
const DAY_WIDTH = 'Dec 31, 2026'.length;

/** The report as text for a terminal or an e-mail: a page a committee member reads in two minutes, its days in words. */
export function changesText(r: ChangesReport): string {
  const out = [`What changed ${changesPeriod(r)}`, ''];
  for (const s of changeSections(r)) {
    out.push(`${s.title}: ${s.lines.length}`);
    if (s.lines.length === 0) out.push(`  ${s.none}`);
    const { shown, leftOut } = printedLines(s);
    // A day column only where a line has a day: undated items (a plan's first import) start at the margin.
    const dated = shown.some((l) => l.day);
    for (const l of shown) {
      const who = s.id === 'stale' ? '' : ` (${l.source})`;
      const day = dated ? `${(l.day ? shortDay(l.day) : '').padEnd(DAY_WIDTH)}  ` : '';
      out.push(`  ${day}${l.what}${who}${l.detail && s.id !== 'stale' ? `: ${l.detail}` : ''}`);
    }
    if (leftOut) out.push(`  … ${leftOut}`);
    for (const f of s.figures) out.push(`  ${figureLineText(f)}`);
    out.push('');
  }
  return out.join('\n');
}
