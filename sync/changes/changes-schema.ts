// What changed in a period, as the JSON document the API and `changes --json` give: one schema for the
// route, the OpenAPI document and the tests.
import { z } from 'zod';
import { TABLE_NAMES } from '../../shared/index';

const day = z.iso.date();
const tableName = z.enum(TABLE_NAMES);

/** One row, named as people know it: its id and its first required text (organization, task, milestone). */
export const changedRow = z.object({
  sourceId: z.string(),
  sourceName: z.string(),
  table: tableName,
  rowId: z.string(),
  label: z.string(),
  /** The day it happened (received, fulfilled, due, dated; a work-plan item added, removed or moved), when there is one. */
  on: day.nullable(),
});

export const statusChange = changedRow.extend({
  /** The derived status on the first day of the period; null for an item added since. */
  from: z.string().nullable(),
  /** On the last day; null for an item removed since. */
  to: z.string().nullable(),
});

/**
 * A row rejected or fixed, with its own ID as its sheet showed it and where it was in its sheet then (a fix, where it
 * was rejected): no ID for a row whose ID cell was blank, no place for a row the API sent without one, nor for one
 * logged before the log kept places.
 */
const loggedRow = changedRow.omit({ label: true, on: true }).extend({
  at: z.string(),
  ownId: z.string().optional(),
  sheet: z.string().optional(),
  sheetRow: z.number().int().optional(),
});

export const changesReportSchema = z.object({
  since: day,
  until: day,
  requests: z.object({
    received: z.array(changedRow),
    fulfilled: z.array(changedRow),
    closed: z.array(changedRow),
    wentOverdue: z.array(changedRow).describe('Open requests whose SLA due date passed in the period.'),
    dateNotRecorded: z.number().int().nonnegative().describe('Requests first seen in the period already marked Fulfilled with no Fulfilled date (decision 025), and still so or Closed since: in no list above, as the metrics\' `fulfillment.dateNotRecorded`. Always given, 0 included.'),
  }),
  workplan: z.array(statusChange).describe('Work-plan items whose derived status differs between the first and the last day.'),
  milestones: z.object({
    done: z.array(changedRow).describe('Milestones and roadmap items done in the period.'),
    missed: z.array(changedRow).describe('Milestones and roadmap items that became missed in the period.'),
  }),
  removed: z.array(changedRow).describe('Rows removed from their sheets in the period and not put back (the service keeps them as tombstones, out of every figure): named as last stored, `on` the day removed.'),
  dataQuality: z.object({
    rejected: z.array(loggedRow),
    fixed: z.array(loggedRow),
  }),
  sources: z.array(z.object({
    id: z.string(),
    name: z.string(),
    lastSync: z.string().nullable(),
    syncedInPeriod: z.boolean(),
  })).describe('Every source, those that have not synced since the first day first.'),
});

export type ChangedRow = z.infer<typeof changedRow>;
export type StatusChange = z.infer<typeof statusChange>;
export type ChangesReport = z.infer<typeof changesReportSchema>;
