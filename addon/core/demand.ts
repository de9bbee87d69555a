// EQ_DEMAND: how many requests every source holds for a requester type and category between two dates,
// asked of the service once per distinct question, all misses in one host call, answers cached so a
// recalculation storm costs no fetches.
import type { HostWords } from '../port/host-words';
import { isBlankCell, readCell, type CellInput } from '../../shared/cells/read-cell';
import { shortDay } from '../../shared/cells/dates';
import { portableSha256Hex } from '../../shared/content-hash';
import { DEFAULT_RULES } from '../../shared/rules';
import { TABLES, type InputColumn } from '../../shared/tables';
import { mapHeaders } from '../../shared/header-map';
import { AddonError, describeError } from './addon-error';
import { broadcastHeight, cellReader, emptyCellOf, rowRanges, underFirstHeader, type CellContext, type Column } from './custom-functions';
import { reasonOf, request, serviceProblem } from './service-client';
import { connection } from './settings';
import type { CachePort, HttpPort, SettingsPort } from '../port/host-ports';
import { io, type Task } from './task';

export const DEMAND_CACHE_SECONDS = 3600;
/** Distinct questions one call may ask: each is a fetch against the daily UrlFetch quota. */
export const MAX_DEMAND_QUERIES = 200;
const ARGS = ['requesterType', 'category', 'fromDate', 'toDate'] as const;
const FROM: InputColumn = { name: 'fromDate', header: 'fromDate', type: 'date', width: 0 };
/** As a deadline reads it: a period ("Dec 2026", "FY27") counts to its last day. */
const TO: InputColumn = { name: 'toDate', header: 'toDate', type: 'date', width: 0, deadline: true };

export interface DemandDeps {
  http: HttpPort;
  settings: SettingsPort;
  cache: CachePort;
  ctx: CellContext;
  words: HostWords;
}

function dateParam(column: InputColumn, raw: CellInput, ctx: CellContext): string {
  if (isBlankCell(raw)) return '';
  const read = readCell(column, raw, { lists: DEFAULT_RULES.lists, isoFromDate: ctx.isoFromDate });
  if (typeof read.value !== 'string') throw new AddonError('invalid_argument', `${column.name}: ${String(raw)} is not a date`);
  return read.value;
}

/** The query string of one row's question; blank arguments mean "any". */
export function demandQuery(cells: readonly CellInput[], ctx: CellContext): string {
  const from = dateParam(FROM, cells[2], ctx);
  const to = dateParam(TO, cells[3], ctx);
  if (from && to && from > to) throw new AddonError('invalid_argument', `fromDate (${shortDay(from)}) is after toDate (${shortDay(to)})`);
  const params: [string, string][] = [
    ['requesterType', isBlankCell(cells[0]) ? '' : String(cells[0]).trim()],
    ['category', isBlankCell(cells[1]) ? '' : String(cells[1]).trim()],
    ['from', from],
    ['to', to],
  ];
  return params.filter(([, v]) => v !== '').map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/** Bumped by "Refresh custom functions": cached answers from before are never read again. */
const GENERATION_KEY = 'equityDesk.demandGeneration';

/**
 * One key per question, service and refresh generation: hashed, since cache keys stop at 250 characters
 * and two long questions cut there would share one answer.
 */
const cacheKey = (serviceUrl: string, generation: string, query: string) => `eq-demand:${portableSha256Hex(`${generation}\n${serviceUrl}?${query}`)}`;

/** Makes every EQ_DEMAND answer cached so far stale: the next recalculation asks the service again. */
export function* forgetDemandAnswers(settings: SettingsPort, now: number): Task<void> {
  yield* io(settings.set(GENERATION_KEY, String(now)));
}

/** The requests table's field each argument's header names; a date argument's header names any date. */
const headerFits = [(f: string) => f === 'requesterType', (f: string) => f === 'category', isDateField, isDateField];
function isDateField(field: string): boolean {
  return TABLES.requests.columns.some((c) => c.name === field && c.type === 'date');
}

/**
 * Whole columns (`A:A`) read by the status functions' rule (`underFirstHeader`): a row whose ranges hold their columns'
 * headers answers the function's own header, rows above the first such row (an office's title) answer blank, and only
 * the rest are questions. `rows` are the arguments with those rows blank, `answer` puts the answers in place.
 */
export function demandRows(args: readonly unknown[]): { rows: unknown[]; answer(counts: Column): Column } {
  const ranges = rowRanges(args).flatMap((range, i) => (range ? [i] : []));
  const asked = { rows: [...args], answer: (counts: Column) => counts };
  if (ranges.length === 0) return asked;
  const height = broadcastHeight(args, ARGS);
  const readers = args.map(cellReader);
  const isHead = (r: number) => {
    const cells = ranges.map((i) => readers[i](r));
    if (!cells.every((cell) => typeof cell === 'string' && cell.trim() !== '')) return false;
    const map = mapHeaders(TABLES.requests, cells);
    return ranges.every((i, k) => headerFits[i]?.(map.fields.get(k) ?? ''));
  };
  const { top, heads } = underFirstHeader(Array.from({ length: height }, (_, r) => r), isHead);
  if (!heads.includes(true)) return asked;
  const unasked = (r: number) => r < top || heads[r - top];
  return {
    rows: readers.map((read) => Array.from({ length: height }, (_, r) => [unasked(r) ? null : read(r)])),
    answer: (counts) => counts.map((line, r) => (r < top ? [''] : heads[r - top] ? ['Requests'] : line)),
  };
}

/** Sheets' EQ_DEMAND: one call's rows, its title and header rows answered in place. */
export function* evaluateDemand(deps: DemandDeps, args: readonly unknown[]): Task<Column> {
  const { rows, answer } = demandRows(args);
  return answer(yield* evaluateDemandRows(deps, rows));
}

/** The counts of every row of the arguments (Excel stacks many calls' rows, their header rows split off each). */
export function* evaluateDemandRows(deps: DemandDeps, args: readonly unknown[]): Task<Column> {
  const height = broadcastHeight(args, ARGS);
  const conn = yield* connection(deps.settings, deps.words);
  const generation = (yield* io(deps.settings.get(GENERATION_KEY))) ?? '';
  const readers = args.map(cellReader);
  const queries: (string | Error)[] = [];
  // No argument is a number but a date's serial, so a 0 where an empty cell may arrive as 0 is that empty cell.
  const empty = emptyCellOf(deps.ctx);
  for (let r = 0; r < height; r++) {
    const cells = readers.map((read) => read(r)).map((cell) => (empty(cell) ? '' : cell));
    try {
      queries.push(cells.every(isBlankCell) ? '' : demandQuery(cells, deps.ctx));
    } catch (e) {
      queries.push(e as Error);
    }
  }
  const distinct = [...new Set(queries.filter((q): q is string => typeof q === 'string' && q !== ''))];
  const keys = distinct.map((q) => cacheKey(conn.serviceUrl, generation, q));
  const cached = yield* io(deps.cache.getAll(keys));
  const answers = new Map<string, number | string>();
  const misses: string[] = [];
  distinct.forEach((q, i) => {
    const hit = cached[keys[i]];
    if (hit !== undefined) answers.set(q, Number(hit));
    else misses.push(q);
  });
  const asked = misses.slice(0, MAX_DEMAND_QUERIES);
  for (const q of misses.slice(MAX_DEMAND_QUERIES)) answers.set(q, `too many different questions in one call (at most ${MAX_DEMAND_QUERIES})`);
  const fresh: Record<string, string> = {};
  const responses = asked.length ? yield* io(deps.http.fetchAll(asked.map((q) => request(conn, 'GET', `/api/v1/demand?${q}`)))) : [];
  responses.forEach((res, i) => {
    const q = asked[i];
    let count: unknown;
    try {
      count = res.status === 200 ? (JSON.parse(res.body) as { count?: unknown }).count : undefined;
    } catch {
      count = undefined;
    }
    if (typeof count === 'number') {
      answers.set(q, count);
      fresh[cacheKey(conn.serviceUrl, generation, q)] = String(count);
    } else {
      // The service's reading of the question itself ("requesterType "Martians" is not one of: …") is the answer to show.
      const reason = reasonOf(res.body);
      answers.set(q, res.status === 400 && reason?.code === 'invalid_query' ? reason.message : serviceProblem(conn.serviceUrl, res));
    }
  });
  if (Object.keys(fresh).length) yield* io(deps.cache.putAll(fresh, DEMAND_CACHE_SECONDS));
  // Named as the person's formula calls it, as the error edge names a failed call.
  const name = deps.words.functionName('EQ_DEMAND');
  return queries.map((q) => {
    if (q instanceof Error) return [`${name}: ${describeError(q)}`];
    if (q === '') return [''];
    const a = answers.get(q)!;
    return [typeof a === 'number' ? a : `${name}: ${a}`];
  });
}
