// What `source` and `reviewer` share beyond `add`: `list`, `revoke ID` and `rotate ID`, straight on the
// store (an administrator on the server needs no token). The command files stay thin.
import type { Config } from '../config';
import { dashboardLink, serviceUrl } from '../api/service-url';
import type { PrincipalInfo, RowStore } from '../store/row-store';
import { isErrorType } from '../../shared/typed-error';
import { StoreError } from '../store/store-error';
import { CliError, type CommandIo } from './command';
import { withStore } from './command-store';
import { terminalText } from './terminal-text';

type Kind = 'source' | 'reviewer';

function listing(kind: Kind, all: PrincipalInfo[]): string {
  if (all.length === 0) return `No ${kind}s yet; add one with \`npx equity-desk ${kind} add NAME\`.`;
  const rows = all.map((p) => [p.id, p.revokedAt === null ? 'active' : `revoked ${p.revokedAt.slice(0, 10)}`, ...(kind === 'source' ? [p.sourceKind ?? ''] : []), p.createdAt.slice(0, 10), p.name]);
  const header = ['ID', 'STATE', ...(kind === 'source' ? ['KIND'] : []), 'CREATED', 'NAME'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

/** The principal `id` of `kind`, or a one-line failure naming what to do. */
async function known(store: RowStore, kind: Kind, id: string | undefined): Promise<string> {
  if (id === undefined || id.trim() === '') throw new CliError(`missing the ${kind} ID (see \`npx equity-desk ${kind} list\`)`);
  const found = await store.getPrincipal(id);
  if (found === null || found.kind !== kind) throw new CliError(`no ${kind} ${id}; see \`npx equity-desk ${kind} list\``, 1);
  return id;
}

/** Runs `list`, `revoke ID` or `rotate ID`; returns undefined for any other action. */
export async function runTokenAction(kind: Kind, action: string, args: string[], config: Config, io: CommandIo): Promise<number | undefined> {
  if (action !== 'list' && action !== 'revoke' && action !== 'rotate') return undefined;
  if (args.length > (action === 'list' ? 0 : 1)) throw new CliError(`unexpected argument "${args[action === 'list' ? 0 : 1]}"`);
  return withStore(config, async (store) => {
    if (action === 'list') {
      io.out(terminalText(listing(kind, await store.describePrincipals(kind))));
      return 0;
    }
    const id = await known(store, kind, args[0]);
    try {
      if (action === 'revoke') {
        await store.revokePrincipal(id);
        io.out(`Revoked ${kind} ${id}: its tokens stopped working${kind === 'source' ? '; its rows stay in the master workbook' : ''}.`);
      } else {
        const token = await store.rotateToken(id);
        const link = kind === 'reviewer' ? [`  dashboard: ${dashboardLink(serviceUrl(config), token)}`] : [];
        io.out([`New token for ${kind} ${id}; every earlier one stopped working.`, `  token: ${token}`, ...link, 'It is shown only this once.'].join('\n'));
      }
    } catch (e) {
      // Deleted between the check and the change by another administrator.
      if (isErrorType(e, StoreError) && e.code === 'unknown-principal') throw new CliError(e.message, 1);
      throw e;
    }
    return 0;
  });
}
