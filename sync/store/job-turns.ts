// Work that one instance at a time should do when several services share one database (the publishing
// schedule): each attempt claims the job in one conditional UPDATE, so of two instances asking at once
// exactly one gets it, on SQLite and PostgreSQL alike. A claim is a lease: a crashed holder's turn ends
// when its lease runs out, and a living holder renews it.
import type { Kysely } from 'kysely';
import type { RowStore } from './row-store';
import type { StoreDatabase } from './schema';

export type JobTurns = Pick<RowStore, 'claimJob' | 'renewJob' | 'finishJob' | 'jobState'>;

export function jobTurns(db: Kysely<StoreDatabase>): JobTurns {
  return {
    async claimJob(name, owner, { now, leaseMs, completedBefore }) {
      const at = now.toISOString();
      await db.insertInto('job_turns').values({ name, owner: null, lease_until: null, completed_at: null, completed_by: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const claimed = await db
        .updateTable('job_turns')
        .set({ owner, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('name', '=', name)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        .$if(completedBefore !== undefined, (q) => q.where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '<=', completedBefore!.toISOString())])))
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    },

    async renewJob(name, owner, leaseUntil) {
      const renewed = await db.updateTable('job_turns').set({ lease_until: leaseUntil.toISOString() }).where('name', '=', name).where('owner', '=', owner).executeTakeFirst();
      return Number(renewed.numUpdatedRows) === 1;
    },

    async finishJob(name, owner, { at, completed }) {
      await db
        .updateTable('job_turns')
        .set({ owner: null, lease_until: null, ...(completed ? { completed_at: at.toISOString(), completed_by: owner } : {}) })
        .where('name', '=', name)
        .where('owner', '=', owner)
        .execute();
    },

    async jobState(name) {
      const row = await db.selectFrom('job_turns').select(['owner', 'lease_until', 'completed_at', 'completed_by']).where('name', '=', name).executeTakeFirst();
      return { heldBy: row?.lease_until ? row.owner : null, completedAt: row?.completed_at ? new Date(row.completed_at) : null, completedBy: row?.completed_by ?? null };
    },
  };
}
