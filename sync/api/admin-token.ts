// The admin token at start-up: the one configured in EQUITY_DESK_ADMIN_TOKEN, or one generated on the
// first start (tokens are stored hashed, so a token can only be shown when it is made).
import type { Config } from '../config';
import type { Principal, RowStore } from '../store/row-store';

export type AdminToken =
  | { from: 'config'; principal: Principal; token: string }
  | { from: 'generated'; principal: Principal; token: string }
  /** An admin exists and no new token was asked for: the one printed on the first start still works. */
  | { from: 'existing'; principal: Principal };

/** `fresh` issues another token for an existing admin (the demo prints working tokens on every start). */
export async function ensureAdmin(store: RowStore, config: Config, opts: { fresh: boolean }): Promise<AdminToken> {
  if (config.adminToken !== undefined) return { from: 'config', principal: await store.ensureAdminToken(config.adminToken), token: config.adminToken };
  const [admin] = await store.listPrincipals('admin');
  if (admin === undefined) {
    const { principal, token } = await store.createPrincipal({ kind: 'admin', name: 'Administrator' });
    return { from: 'generated', principal, token };
  }
  if (opts.fresh) return { from: 'generated', principal: admin, token: await store.issueToken(admin.id) };
  return { from: 'existing', principal: admin };
}
