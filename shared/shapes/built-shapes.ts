// The shapes the add-ons check values with, generated from the zod schemas: each column type's field (`FIELD_SCHEMAS`)
// and each answer of the service the add-ons read. Computed here where zod loads (the service, the tests); the Apps
// Script build evaluates this module and writes its values into Code.js as plain data (scripts/build.mjs), so the
// bundle checks with the same shapes and carries no zod.
import { FIELD_SCHEMAS } from '../row-schema';
import type { ColumnType } from '../tables/column';
import { linksTurnedOffAnswer, outboxAnswer, requesterLinkAnswer, syncAnswer, syncStateAnswer } from '../wire/sync-answers';
import type { Shape } from './shape';
import { shapeOf } from './shape-of';

/** What a cell of each column type holds once read, as the row schema checks it. */
export const FIELD_SHAPES = Object.fromEntries(Object.entries(FIELD_SCHEMAS).map(([type, schema]) => [type, shapeOf(schema)])) as Readonly<Record<ColumnType, Shape>>;

/** The service's answers, by route: `POST /api/v1/sync`, `GET /api/v1/sync/state`, `GET /api/v1/outbox` and the requester links'. */
export const ANSWER_SHAPES = {
  sync: shapeOf(syncAnswer),
  state: shapeOf(syncStateAnswer),
  outbox: shapeOf(outboxAnswer),
  requesterLink: shapeOf(requesterLinkAnswer),
  linksTurnedOff: shapeOf(linksTurnedOffAnswer),
};
