// Principals (admins, sources, reviewers) and their tokens, over kysely so both databases share it.
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Principal, PrincipalInfo, PrincipalKind, RowStore } from './row-store';
import type { PrincipalsTable, StoreDatabase } from './schema';
import { StoreError } from './store-error';
import { digestToken, newToken, sameDigest } from './tokens';
import { namesNothingStored } from './unstorable-id';

export type PrincipalOps = Pick<
  RowStore,
  | 'createPrincipal' | 'issueToken' | 'ensureAdminToken' | 'authenticate' | 'getPrincipal' | 'listSources' | 'listPrincipals' | 'isEmpty'
  | 'describePrincipals' | 'revokePrincipal' | 'rotateToken'
>;

const ADMIN_NAME = 'Administrator';
const ID_PREFIX: Record<PrincipalKind, string> = { admin: 'adm', source: 'src', reviewer: 'rev' };

/** Short enough to type after `--source` and to repeat in every row key; 64 random bits. */
const newPrincipalId = (kind: PrincipalKind) => `${ID_PREFIX[kind]}_${randomBytes(8).toString('hex')}`;

export function principalOps(db: Kysely<StoreDatabase>): PrincipalOps {
  const now = () => new Date().toISOString();

  async function insertPrincipal(
    trx: Kysely<StoreDatabase>,
    p: { kind: PrincipalKind; name: string; sourceKind?: Principal['sourceKind'] },
    tokenHash: string,
  ): Promise<Principal> {
    const row = { id: newPrincipalId(p.kind), kind: p.kind, name: p.name, source_kind: p.sourceKind ?? null, created_at: now(), revoked_at: null };
    await trx.insertInto('principals').values(row).execute();
    await trx.insertInto('tokens').values({ token_hash: tokenHash, principal_id: row.id, created_at: row.created_at }).execute();
    return toPrincipal(row);
  }

  async function byToken(tokenHash: string): Promise<{ principal: Principal; tokenHash: string } | null> {
    const row = await db
      .selectFrom('tokens')
      .innerJoin('principals', 'principals.id', 'tokens.principal_id')
      .selectAll('principals')
      .select('tokens.token_hash')
      .where('tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row === undefined ? null : { principal: toPrincipal(row), tokenHash: row.token_hash };
  }

  async function getPrincipal(id: string): Promise<Principal | null> {
    if (namesNothingStored(id)) return null;
    const row = await db.selectFrom('principals').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toPrincipal(row);
  }

  async function listPrincipals(kind: PrincipalKind): Promise<Principal[]> {
    const rows = await db.selectFrom('principals').selectAll().where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
    return rows.map(toPrincipal);
  }

  async function existingAdmin(tokenHash: string): Promise<Principal | null> {
    const found = await byToken(tokenHash);
    if (found === null) return null;
    if (found.principal.kind !== 'admin') throw new StoreError('invalid-token', 'the admin token is already held by a non-admin principal');
    return found.principal;
  }

  /**
   * Gives `principalId` one new token and clears a revocation, keeping its other tokens (`issueToken`) or
   * ending them (`rotateToken`): one transaction.
   */
  async function newTokenFor(principalId: string, others: 'kept' | 'ended'): Promise<string> {
    if (namesNothingStored(principalId)) throw new StoreError('unknown-principal', `no principal ${principalId}`);
    const token = newToken();
    await db.transaction().execute(async (trx) => {
      const found = await trx.updateTable('principals').set({ revoked_at: null }).where('id', '=', principalId).executeTakeFirst();
      if (Number(found.numUpdatedRows) === 0) throw new StoreError('unknown-principal', `no principal ${principalId}`);
      if (others === 'ended') await trx.deleteFrom('tokens').where('principal_id', '=', principalId).execute();
      await trx.insertInto('tokens').values({ token_hash: digestToken(token), principal_id: principalId, created_at: now() }).execute();
    });
    return token;
  }

  /** Makes `tokenHash` the one admin token: every other admin token (an earlier EQUITY_DESK_ADMIN_TOKEN) stops working. */
  async function soleAdminToken(tokenHash: string): Promise<Principal> {
    return db.transaction().execute(async (trx) => {
      const admins = await trx.selectFrom('principals').selectAll().where('kind', '=', 'admin').orderBy('created_at').orderBy('id').execute();
      const held = await trx.selectFrom('tokens').select('principal_id').where('token_hash', '=', tokenHash).executeTakeFirst();
      const admin = admins.find((a) => a.id === held?.principal_id) ?? admins[0];
      if (admin === undefined) return insertPrincipal(trx, { kind: 'admin', name: ADMIN_NAME }, tokenHash);
      await trx.deleteFrom('tokens').where('principal_id', 'in', admins.map((a) => a.id)).where('token_hash', '!=', tokenHash).execute();
      if (held === undefined) await trx.insertInto('tokens').values({ token_hash: tokenHash, principal_id: admin.id, created_at: now() }).execute();
      return toPrincipal(admin);
    });
  }

  return {
    async createPrincipal(p) {
      const token = newToken();
      const principal = await db.transaction().execute((trx) => insertPrincipal(trx, p, digestToken(token)));
      return { principal, token };
    },

    issueToken: (principalId) => newTokenFor(principalId, 'kept'),

    async ensureAdminToken(token) {
      if (token.trim() === '') throw new StoreError('invalid-token', 'the admin token is empty');
      const tokenHash = digestToken(token);
      await existingAdmin(tokenHash);
      try {
        return await soleAdminToken(tokenHash);
      } catch (error) {
        // Another instance starting with the same token inserted it between our read and insert: theirs stands.
        const raced = await existingAdmin(tokenHash);
        if (raced !== null) return soleAdminToken(tokenHash);
        throw error;
      }
    },

    async describePrincipals(kind) {
      const rows = await db.selectFrom('principals').selectAll().where('kind', '=', kind).orderBy('created_at').orderBy('id').execute();
      return rows.map((row): PrincipalInfo => ({ ...toPrincipal(row), createdAt: row.created_at, revokedAt: row.revoked_at }));
    },

    async revokePrincipal(id) {
      if (namesNothingStored(id)) throw new StoreError('unknown-principal', `no principal ${id}`);
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('principals').selectAll().where('id', '=', id).executeTakeFirst();
        if (row === undefined) throw new StoreError('unknown-principal', `no principal ${id}`);
        await trx.deleteFrom('tokens').where('principal_id', '=', id).execute();
        const revokedAt = row.revoked_at ?? now();
        await trx.updateTable('principals').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
        return { ...toPrincipal(row), createdAt: row.created_at, revokedAt };
      });
    },

    rotateToken: (principalId) => newTokenFor(principalId, 'ended'),

    async authenticate(token) {
      if (typeof token !== 'string' || token === '') return null;
      const presented = digestToken(token);
      const found = await byToken(presented);
      return found !== null && sameDigest(found.tokenHash, presented) ? found.principal : null;
    },

    getPrincipal,

    async listSources() {
      return listPrincipals('source');
    },

    listPrincipals,

    async isEmpty() {
      const row = await db.selectFrom('principals').select('id').where('kind', '=', 'source').limit(1).executeTakeFirst();
      return row === undefined;
    },
  };
}

function toPrincipal(row: Selectable<PrincipalsTable>): Principal {
  const principal: Principal = { id: row.id, kind: row.kind as PrincipalKind, name: row.name };
  if (row.source_kind !== null) principal.sourceKind = row.source_kind as Principal['sourceKind'];
  return principal;
}
