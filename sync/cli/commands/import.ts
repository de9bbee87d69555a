// `import FILE.xlsx --source ID [--json]` (or a CSV file, a Word document's or PowerPoint file's tables, or an OpenDocument spreadsheet's, text's or presentation's): ingests a workbook's tables exactly as a sync would and
// reports every rejected row at its sheet, row and column; exits 0 when every row was read, else 1.
import { counted } from '../../../shared/plural';
import { TABLES } from '../../../shared/tables';
import { isErrorType } from '../../../shared/typed-error';
import { importExitCode, importJson, importWorkbook, type ImportResult, type OwnRowName } from '../../ingest/import-workbook';
import { ImportError } from '../../ingest/import-error';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { terminalText } from '../terminal-text';

/** A problem's line opening with the row's own ID where it has one ("Request TA-2024-031, Requests!E14 …"): its cell moves when rows are sorted. */
const byOwnId = (row: OwnRowName, line: string) => (row.named === undefined ? line : `${row.named}, ${line}`);

/**
 * Problems first (a table not read before any row), then what was read, how headers were read, and the counts.
 * Each problem line says what it is, so a reader who stops at the first ones knows which rows were not stored.
 */
function report(file: string, r: ImportResult): string[] {
  const lines = [
    ...r.unreadable.flatMap((u) => u.errors.map((e) => e.line)),
    ...r.rejected.flatMap((j) => j.errors.map((e) => `rejected: ${byOwnId(j, e.line)}`)),
    ...r.warnings.map((w) => `warning: ${byOwnId(w, w.line)}`),
  ];
  if (lines.length) lines.push('');
  const notRead = new Set(r.unreadable.map((u) => u.sheet));
  // Counted in items once a row holds several, so the table counts add up to accepted + unchanged + rejected.
  const unit = r.tables.some((t) => t.items !== t.rows) ? 'item' : 'row';
  const read = (t: ImportResult['tables'][number]) => (t.items === t.rows ? counted(t.rows, 'row') : `${counted(t.rows, 'row')} holding ${counted(t.items, 'item')}`);
  // A sheet holding several tables stacked names each by its table.
  const named = (t: ImportResult['tables'][number]) => (r.tables.filter((x) => x.sheet === t.sheet).length > 1 ? `${t.sheet} as ${TABLES[t.table].sheet}` : t.sheet);
  const tables = r.tables.map((t) => `${named(t)} (${notRead.has(t.sheet) ? 'not read' : read(t)})`).join(', ');
  lines.push(`Imported ${file}: ${tables}.`);
  for (const m of r.mappings) {
    if (m.columns.length) lines.push(`Headers of ${m.sheet} (row ${m.headerRow}): ${m.columns.map((c) => (c.header === c.reads ? c.header : `${c.header} = ${c.reads}`)).join(', ')}.`);
  }
  if (r.skipped.length) lines.push(`Skipped (not tables): ${r.skipped.join(', ')}.`);
  const unread = r.unreadable.length ? `, ${counted(r.unreadable.length, 'table')} not read` : '';
  const gone = r.removedFrom.filter((x) => !x.inWorkbook);
  if (gone.length) lines.push(`Removed ${gone.map((x) => `${counted(x.rows, 'row')} of ${x.sheet}`).join(', ')}: ${gone.length === 1 ? 'a sheet' : 'sheets'} this workbook does not have (another workbook imported under the same source replaces the one before).`);
  if (r.fromForm.length) lines.push(fromFormLine(r.fromForm));
  lines.push(`${counted(r.accepted, unit)} accepted, ${r.unchanged.toLocaleString('en-US')} unchanged, ${counted(r.rejected.length, unit)} rejected, ${r.deleted.toLocaleString('en-US')} removed, ${counted(r.warnings.length, 'warning')}${unread}.`);
  return lines;
}

/** Named up to a screenful; the rest counted. */
const NAMED_FROM_FORM = 10;

/** The web form's requests the workbook lacks: a file source has no sync to write them in, so the office types them. */
function fromFormLine(waiting: ImportResult['fromForm']): string {
  const named = waiting.slice(0, NAMED_FROM_FORM).map((w) => `${w.requestId} (${w.requesterOrg}${w.receivedOn ? `, received ${w.receivedOn}` : ''})`);
  const more = waiting.length > NAMED_FROM_FORM ? ` and ${waiting.length - NAMED_FROM_FORM} more` : '';
  return `${counted(waiting.length, 'request')} from the web form ${waiting.length === 1 ? 'is' : 'are'} not in this workbook yet: ${named.join(', ')}${more}. They are counted already; type them in under these numbers and the next import updates them, not adds them again.`;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'validate and ingest a workbook\'s (an .xlsx or .ods, or a CSV file\'s, or a Word, PowerPoint or OpenDocument text or presentation file\'s tables\', or a plan written in a Word or OpenDocument text file as headings over lists) rows exactly as a sync would',
  usage: 'import FILE.xlsx|FILE.csv|FILE.docx|FILE.pptx|FILE.ods|FILE.odt|FILE.odp --source ID [--json] [--data DIR]',
  options: {
    ...storageOptions,
    source: { type: 'string', value: 'ID', help: 'the source the rows belong to (`source add NAME --kind file` makes one)' },
    json: { type: 'boolean', default: false, help: 'print one JSON document' },
  },
  async run({ positionals, values }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined) throw new CliError('missing FILE.xlsx, FILE.csv, FILE.docx, FILE.pptx, FILE.ods, FILE.odt or FILE.odp (usage: npx equity-desk import FILE.xlsx --source ID)');
    if (extra.length) throw new CliError(`unexpected argument "${extra[0]}"`);
    if (typeof values.source !== 'string' || values.source.trim() === '') throw new CliError('missing --source ID (the id printed by `npx equity-desk source add`)');
    const config = commandConfig(values, io);
    const result = await withStore(config, (store) => importWorkbook(store, { file, sourceId: values.source as string, at: new Date() })).catch((e: unknown) => {
      // A file whose table could not be read (not a workbook, damaged or cut short, too large, holding no table) is the
      // contract's "table could not be read": exit 1, as a sheet not read is. A file or source not there is a wrong argument.
      if (isErrorType(e, ImportError)) throw new CliError(e.message, e.code === 'file-not-found' || e.code === 'unknown-source' ? 2 : 1);
      throw e;
    });
    io.out(values.json ? JSON.stringify(importJson(result), null, 2) : terminalText(report(file, result).join('\n')));
    return importExitCode(result);
  },
};
