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
import { customField } from './tool-exports';
import type { RawRow } from './validate-row';
import { foldText } from './word-match';

type Found = NonNullable<ReturnType<typeof organizationDomain>> & { at: number };

export interface DomainReading {
  field: string;
  /** The table's own header for the field, as a sheet without its column is told. */
  label: string;
  email: InputColumn;
  /** The address's column, and the field's own, where the export has them. */
  emailAt?: number;
  fieldAt?: number;
  /** The columns naming whom staff raised a ticket for, read before the address's; the columns an address was taken from. */
  customers: number[];
  used: Set<number>;
  /** The fields that tell the office's staff: a ticket's reporter, and whom it is assigned to. */
  name?: string;
  staff?: string;
  /** Each row's domains, the customer's first: named once the whole sheet tells the office's own domain. */
  seen: Map<number, { blank: boolean; found: Found[]; name?: string; assignee?: string }>;
  /** By domain, the rows named by it, those whose personal address names no organization, and those the office's. */
  named: Map<string, number[]>;
  personal: Map<string, number[]>;
  office: Map<string, number[]>;
  /** The office's domains, each with how it was told. */
  offices: Map<string, string>;
}

/** How a sheet's rows are named by their addresses (`columnOf`: a field's 0-based column); undefined without an address's column. */
export function domainReading(
  table: TableDef, by: { field: string; email: string; name?: string; staff?: string; customer?: readonly string[] }, columnOf: (field: string) => number | undefined, header: readonly CellInput[],
): DomainReading | undefined {
  const emailAt = columnOf(by.email);
  const column = (name: string) => table.columns.find((c) => c.name === name)!;
  const customer = new Set(by.customer?.map(foldText));
  const customers = header.flatMap((h, i) => (typeof h === 'string' && customer.has(customField(h)) ? [i] : []));
  if (emailAt === undefined && !customers.length) return undefined;
  return {
    field: by.field, label: column(by.field).header, email: column(by.email), emailAt, fieldAt: columnOf(by.field), customers, used: new Set(), name: by.name, staff: by.staff,
    seen: new Map(), named: new Map(), personal: new Map(), office: new Map(), offices: new Map(),
  };
}

/** Addresses as a person field writes them: bare, or "Maria Lee <mlee@dot.ca.gov>", several to a cell. */
const ADDRESS = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const addressesIn = (value: unknown): string[] => (typeof value === 'string' ? value.match(ADDRESS) ?? [] : []);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A row's addresses, the customer's before the reporter's, kept until the whole sheet is read (`settleDomains`). */
export function nameByDomain(by: DomainReading, raw: RawRow, line: readonly CellInput[], row: number, options: ReadOptions): void {
  const addresses = by.customers.flatMap((at) => addressesIn(line[at]).map((a) => [a, at] as const));
  // As the row's address is read: "Maria Lee <mlee@dot.ca.gov>" is mlee@dot.ca.gov.
  const own = isBlankCell(raw[by.email.name]) ? undefined : readCell(by.email, raw[by.email.name], options).value;
  if (typeof own === 'string') addresses.push([own, by.emailAt!]);
  const found = addresses.flatMap(([a, at]) => {
    const d = organizationDomain(a);
    return d ? [{ ...d, at }] : [];
  });
  by.seen.set(row, { blank: isBlankCell(raw[by.field]), found, name: by.name && text(raw[by.name]), assignee: by.staff && text(raw[by.staff]) });
}

/**
 * The office's own domains, which name no requester: the one most assignees' addresses share, and a reporter's who is
 * also assigned tickets (staff raising a ticket for a caller). Then each blank row takes its first other domain.
 */
export function settleDomains(by: DomainReading, rows: readonly { row: number; raw: RawRow }[]): void {
  const assigned = new Map<string, number>();
  let addressed = 0;
  for (const s of by.seen.values()) {
    for (const a of addressesIn(s.assignee)) {
      const d = organizationDomain(a);
      if (!d || d.personal) continue;
      addressed++;
      assigned.set(d.domain, (assigned.get(d.domain) ?? 0) + 1);
    }
  }
  const most = [...assigned].sort((a, b) => b[1] - a[1])[0];
  if (most && most[1] * 2 > addressed) by.offices.set(most[0], "the domain most assignees' addresses share");
  const staff = new Set([...by.seen.values()].flatMap((s) => (s.assignee ? [foldText(s.assignee)] : [])));
  for (const s of by.seen.values()) {
    const reporter = s.found.find((f) => f.at === by.emailAt && !f.personal);
    if (reporter && s.name && staff.has(foldText(s.name)) && !by.offices.has(reporter.domain)) by.offices.set(reporter.domain, 'the domain of staff who are also assigned tickets');
  }
  const add = (into: Map<string, number[]>, domain: string, row: number) => into.set(domain, [...(into.get(domain) ?? []), row]);
  const raws = new Map<number, RawRow[]>();
  for (const r of rows) raws.set(r.row, [...(raws.get(r.row) ?? []), r.raw]);
  for (const [row, s] of by.seen) {
    if (!s.blank) continue;
    const chosen = s.found.find((f) => !f.personal && !by.offices.has(f.domain)) ?? s.found.find((f) => f.personal);
    if (!chosen) {
      if (s.found.length) add(by.office, s.found[0].domain, row);
      continue;
    }
    by.used.add(chosen.at);
    add(chosen.personal ? by.personal : by.named, chosen.domain, row);
    if (!chosen.personal) for (const raw of raws.get(row) ?? []) raw[by.field] = chosen.domain;
  }
}

/** The domains a warning names, the rest counted: a desk's requesters may come from hundreds. */
const MOST_DOMAINS = 5;

const byRow = (a: number, b: number) => a - b;

/**
 * What the rows were named by, and those left blank as the office's own, each said once at the field's column or,
 * without one, the address's.
 */
export function domainIssues(by: DomainReading, tool: string, header: readonly CellInput[]): Omit<CellIssue, 'sheet' | 'row' | 'severity'>[] {
  const at = by.fieldAt ?? by.emailAt ?? by.customers[0];
  const where = { field: by.field, column: columnLetter(at + 1), header: excerpt(headerText(header[at])) };
  const issues: Omit<CellIssue, 'sheet' | 'row' | 'severity'>[] = [];
  const office = [...by.office.values()].flat().sort(byRow);
  if (by.named.size || by.personal.size) {
    const named = [...by.named.values()].flat();
    const personal = [...by.personal.values()].flat().sort(byRow);
    const address = [...by.customers, by.emailAt ?? -1].filter((i) => by.used.has(i)).map((i) => excerpt(headerText(header[i]))).join(' or ');
    const read = by.fieldAt === undefined
      ? `no ${by.label} column: each row's organization read as the domain of its ${address} address, as ${tool}'s export names none`
      : `${excerpt(headerText(header[by.fieldAt]))} is blank on ${rowRuns([...named, ...personal, ...office].sort(byRow))}: read as the domain of the ${address} address`;
    const domains = [...by.named].slice(0, MOST_DOMAINS).map(([domain, on]) => `${domain} on ${rowRuns(on)}`).join(', ');
    const more = by.named.size > MOST_DOMAINS ? ` and ${by.named.size - MOST_DOMAINS} more domains` : '';
    const one = personal.length === 1;
    const none = personal.length
      ? `${named.length ? ';' : ':'} ${rowRuns(personal)} ${one ? 'has a personal address' : 'have personal addresses'} (${[...by.personal.keys()].slice(0, MOST_DOMAINS).join(', ')}), which name${one ? 's' : ''} no organization: give ${one ? 'it' : 'them'} one`
      : '';
    issues.push({ ...where, code: 'stand_in_column', message: `${read}${named.length ? ` (${domains}${more})` : ''}${none}` });
  }
  if (office.length) {
    const whose = [...by.office.keys()].map((domain) => `${domain}, ${by.offices.get(domain)}`).join('; ');
    const have = office.length === 1 ? 'has' : 'have';
    issues.push({ ...where, code: 'blank_kept', message: `${rowRuns(office)} ${have} only your own office's address (${whose}), which names no requester's organization: left blank; give ${office.length === 1 ? 'it' : 'them'} one` });
  }
  return issues;
}
