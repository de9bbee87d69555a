// `GET /api/v1/demand`: how many live requests every source holds for a requester type and category
// received in a date span. Aggregate only (a count, never rows), so a source token may ask: the sheets'
// EQ_DEMAND custom function calls it.
import { Hono } from 'hono';
import { z } from 'zod';
import { ISO_DATE } from '../../../shared/cells/dates';
import { foldText, readCell } from '../../../shared/cells/read-cell';
import { DEFAULT_RULES, listsOverDefaults } from '../../../shared/rules';
import { inputColumn } from '../../../shared/tables';
import { listValues, quoteValue } from '../../../shared/quote-value';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { parseBody } from '../request-body';

const isoDate = z.string().regex(ISO_DATE, 'expected a date as YYYY-MM-DD');

export const demandQuery = z
  .strictObject({
    requesterType: z.string().trim().max(200).optional().describe('Requester type, e.g. "City"; any when left out.'),
    category: z.string().trim().max(200).optional().describe('Request category; any when left out.'),
    from: isoDate.optional().describe('First day received (inclusive).'),
    to: isoDate.optional().describe('Last day received (inclusive).'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['from'] });

export const demandAnswer = z.object({ count: z.number().int().describe('Live requests across all sources that match.') });

/** Text filters match as the sheets' dropdowns do: case, spaces and punctuation aside. */
const matches = (wanted: string | undefined, value: unknown) => !wanted || (typeof value === 'string' && foldText(value) === foldText(wanted));

type Lists = Readonly<Record<string, readonly string[]>>;

/**
 * The question's value read as sync reads the same cell ("Counties" is County, "Training" is Training & workshops),
 * so a count asked in the office's own words finds what sync stored; a value no list entry matches is refused by name.
 */
function listed(field: 'requesterType' | 'category', wanted: string | undefined, lists: Lists): string | undefined {
  if (!wanted) return wanted;
  const column = inputColumn('requests', field);
  const read = readCell(column, wanted, { lists, listedOnly: true });
  if (typeof read.value === 'string') return read.value;
  // A tie names its two candidates; "TBD" and the like are no entry either.
  const tie = read.issues.find((i) => i.severity === 'error')?.message;
  const why = tie ? tie.slice(tie.indexOf(':') + 2) : `${quoteValue(wanted)} is not one of: ${listValues(lists[column.list!] ?? [])}`;
  throw new ApiError(400, 'invalid_query', `${field} ${why}`);
}

export function demandRoutes(deps: RouteDeps): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/', requireRole(deps.auth, 'source', 'reviewer', 'admin'), async (c) => {
    const query = parseBody(demandQuery, c.req.query(), 'invalid_query');
    const principal = c.get('principal');
    const lists = principal.kind === 'source' ? listsOverDefaults(await deps.store.sourceLists(principal.id)) : DEFAULT_RULES.lists;
    const q = { ...query, requesterType: listed('requesterType', query.requesterType, lists), category: listed('category', query.category, lists) };
    let count = 0;
    for await (const row of deps.store.rows('requests')) {
      const v = row.values;
      const received = typeof v.receivedOn === 'string' ? v.receivedOn : '';
      if (!matches(q.requesterType, v.requesterType) || !matches(q.category, v.category)) continue;
      if ((q.from && !(received >= q.from)) || (q.to && !(received <= q.to))) continue;
      count++;
    }
    return c.json({ count });
  });
}
