// Several `serve` instances on one database, each with the same publishing schedule: before a run, an
// instance claims the turn in the database. It publishes only if no other instance is publishing and no
// run completed within the last interval (less a little for clock skew); otherwise it skips, saying who
// did. So the workbook is published once per interval, by one instance at a time, whichever is due first.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { RowStore } from '../store/row-store';
import type { PublishedMaster } from './publish-master';

export const PUBLISH_JOB = 'publish-master';

/** A run is skipped when another completed this recently before it; the slack absorbs clocks that disagree. */
const skipWindow = (everyMs: number) => everyMs - Math.min(everyMs / 10, 60_000);
/** A crashed instance's turn ends after this; a living one renews it every third of it. */
const LEASE_MS = 5 * 60_000;

export interface Skipped {
  skipped: string;
}

export const isSkipped = (r: PublishedMaster | Skipped): r is Skipped => 'skipped' in r;

/** This process, as other instances' logs name it. */
export const instanceName = () => `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;

type Turns = Pick<RowStore, 'claimJob' | 'renewJob' | 'finishJob' | 'jobState'>;

export function takingTurns(store: Turns, opts: { everyMs: number; owner: string; now?: () => Date; leaseMs?: number }) {
  const now = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  return (publish: () => Promise<PublishedMaster>) => async (): Promise<PublishedMaster | Skipped> => {
    const started = now();
    const claimed = await store.claimJob(PUBLISH_JOB, opts.owner, { now: started, leaseMs, completedBefore: new Date(started.getTime() - skipWindow(opts.everyMs)) });
    if (!claimed) {
      const state = await store.jobState(PUBLISH_JOB);
      const why = state.heldBy !== null && state.heldBy !== opts.owner
        ? `instance ${state.heldBy} is publishing`
        : `instance ${state.completedBy ?? 'another'} published at ${state.completedAt?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? 'a moment ago'}`;
      return { skipped: why };
    }
    const renewal = setInterval(() => void store.renewJob(PUBLISH_JOB, opts.owner, new Date(now().getTime() + leaseMs)).catch(() => undefined), leaseMs / 3);
    let completed = false;
    try {
      const published = await publish();
      completed = true;
      return published;
    } finally {
      clearInterval(renewal);
      await store.finishJob(PUBLISH_JOB, opts.owner, { at: now(), completed });
    }
  };
}
