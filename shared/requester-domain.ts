// A service desk's rows that name no requesting organization, named by the domain of the requester's address
// (`ToolExport.byDomain`, decision 033), and what was read so, said once per sheet.
import { isBlankCell, readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import { headerText } from './header-map';
import type { CellIssue } from './issues';
import { columnLetter } from './lists';
import { organizationDomain } from './mail-domain';
import { excerpt } from './quote-value';
import { rowRuns } from './sheet-ref';
import type { InputColumn, TableDef } from './tables';
import type { RawRow } from './validate-row';

export interface DomainReading {
  field: string;
  /** The table's own header for the field, as a sheet without its column is told. */
  label: string;
  email: InputColumn;
  /** The address's column, and the field's own where the export has one. */
  emailAt: number;
  fieldAt?: number;
  /** By domain, the rows named by it, and those whose personal address names no organization. */
  named: Map<string, number[]>;
  personal: Map<string, number[]>;
}

/** How a sheet's rows are named by their addresses (`columnOf`: a field's 0-based column); undefined without an address column. */
export function domainReading(table: TableDef, by: { field: string; email: string }, columnOf: (field: string) => number | undefined): DomainReading | undefined {
  const emailAt = columnOf(by.email);
  if (emailAt === undefined) return undefined;
  const column = (name: string) => table.columns.find((c) => c.name === name)!;
  return { field: by.field, label: column(by.field).header, email: column(by.email), emailAt, fieldAt: columnOf(by.field), named: new Map(), personal: new Map() };
}

/** A row that leaves the field blank named by its address's domain, but for a personal address's. */
export function nameByDomain(by: DomainReading, raw: RawRow, row: number, options: ReadOptions): void {
  if (!isBlankCell(raw[by.field]) || isBlankCell(raw[by.email.name])) return;
  // As the row's address is read: "Maria Lee <mlee@dot.ca.gov>" is mlee@dot.ca.gov.
  const address = readCell(by.email, raw[by.email.name], options).value;
  const found = typeof address === 'string' ? organizationDomain(address) : undefined;
  if (!found) return;
  const rows = found.personal ? by.personal : by.named;
  rows.set(found.domain, [...(rows.get(found.domain) ?? []), row]);
  if (!found.personal) raw[by.field] = found.domain;
}

/** The domains a warning names, the rest counted: a desk's requesters may come from hundreds. */
const MOST_DOMAINS = 5;

const byRow = (a: number, b: number) => a - b;

/** What the rows were named by, said once at the field's column or, without one, the address's; undefined when nothing was. */
export function domainIssue(by: DomainReading, tool: string, header: readonly CellInput[]): Omit<CellIssue, 'sheet' | 'row' | 'severity'> | undefined {
  if (!by.named.size && !by.personal.size) return undefined;
  const named = [...by.named.values()].flat();
  const personal = [...by.personal.values()].flat().sort(byRow);
  const address = excerpt(headerText(header[by.emailAt]));
  const read = by.fieldAt === undefined
    ? `no ${by.label} column: each row's organization read as the domain of its ${address} address, as ${tool}'s export names none`
    : `${excerpt(headerText(header[by.fieldAt]))} is blank on ${rowRuns([...named, ...personal].sort(byRow))}: read as the domain of the ${address} address`;
  const domains = [...by.named].slice(0, MOST_DOMAINS).map(([domain, on]) => `${domain} on ${rowRuns(on)}`).join(', ');
  const more = by.named.size > MOST_DOMAINS ? ` and ${by.named.size - MOST_DOMAINS} more domains` : '';
  const one = personal.length === 1;
  const none = personal.length
    ? `${named.length ? ';' : ':'} ${rowRuns(personal)} ${one ? 'has a personal address' : 'have personal addresses'} (${[...by.personal.keys()].slice(0, MOST_DOMAINS).join(', ')}), which name${one ? 's' : ''} no organization: give ${one ? 'it' : 'them'} one`
    : '';
  const at = by.fieldAt ?? by.emailAt;
  return { code: 'stand_in_column', field: by.field, column: columnLetter(at + 1), header: excerpt(headerText(header[at])), message: `${read}${named.length ? ` (${domains}${more})` : ''}${none}` };
}
