// Principals (admins, sources, reviewers) and their tokens, over kysely so both databases share it.
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Principal, PrincipalKind, RowStore } from './row-store';
import type { PrincipalsTable, StoreDatabase } from './schema';
import { StoreError } from './store-error';
import { digestToken, newToken, sameDigest } from './tokens';

export type PrincipalOps = Pick<
  RowStore,
  'createPrincipal' | 'issueToken' | 'ensureAdminToken' | 'authenticate' | 'getPrincipal' | 'listSources' | 'listPrincipals' | 'isEmpty'
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
    const row = { id: newPrincipalId(p.kind), kind: p.kind, name: p.name, source_kind: p.sourceKind ?? null, created_at: now() };
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

  return {
    async createPrincipal(p) {
      const token = newToken();
      const principal = await db.transaction().execute((trx) => insertPrincipal(trx, p, digestToken(token)));
      return { principal, token };
    },

    async issueToken(principalId) {
      if ((await getPrincipal(principalId)) === null) throw new StoreError('unknown-principal', `no principal ${principalId}`);
      const token = newToken();
      await db.insertInto('tokens').values({ token_hash: digestToken(token), principal_id: principalId, created_at: now() }).execute();
      return token;
    },

    async ensureAdminToken(token) {
      if (token.trim() === '') throw new StoreError('invalid-token', 'the admin token is empty');
      const tokenHash = digestToken(token);
      const known = await existingAdmin(tokenHash);
      if (known !== null) return known;
      try {
        return await db.transaction().execute((trx) => insertPrincipal(trx, { kind: 'admin', name: ADMIN_NAME }, tokenHash));
      } catch (error) {
        // Another process registered the same token between our lookup and insert: theirs stands.
        const raced = await existingAdmin(tokenHash);
        if (raced !== null) return raced;
        throw error;
      }
    },

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
