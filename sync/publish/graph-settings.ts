// Settings for publishing through Microsoft Graph: one zod schema, and the mapping from EQUITY_DESK_GRAPH_* variables.
import { z } from 'zod';
import { PublishError } from './publish-error';

const httpsOrigin = () =>
  z
    .url({ protocol: /^https$/, error: 'must be an https URL' })
    .transform((url) => url.replace(/\/+$/, ''));

const id = z.string().trim().min(1);

export const graphSettingsSchema = z
  .object({
    tenantId: id,
    clientId: id,
    clientSecret: id,
    driveId: id.optional(),
    siteId: id.optional(),
    userId: id.optional(),
    /** Folder under the drive root, e.g. `Equity/Reports`; empty for the root itself. */
    folder: z
      .string()
      .default('')
      .transform((f) => f.split('/').map((s) => s.trim()).filter(Boolean).join('/')),
    fileName: z.string().trim().min(1).default('Equity Desk master.xlsx'),
    /** `https://graph.microsoft.us` or `https://dod-graph.microsoft.us` for US government clouds. */
    baseUrl: httpsOrigin().default('https://graph.microsoft.com'),
    /** `https://login.microsoftonline.us` for US government clouds. */
    authorityHost: httpsOrigin().default('https://login.microsoftonline.com'),
  })
  // `when` makes the target rule run even when other fields already failed, so one pass reports everything.
  .refine((v) => countTargets(v) === 1, {
    path: ['driveId'],
    message: 'give exactly one of driveId, siteId or userId',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

const TARGETS = ['driveId', 'siteId', 'userId'] as const;
const countTargets = (v: Partial<Record<(typeof TARGETS)[number], unknown>>) =>
  TARGETS.filter((k) => v[k] !== undefined).length;

export type GraphSettings = z.output<typeof graphSettingsSchema>;

const ENV_NAMES = {
  tenantId: 'EQUITY_DESK_GRAPH_TENANT_ID',
  clientId: 'EQUITY_DESK_GRAPH_CLIENT_ID',
  clientSecret: 'EQUITY_DESK_GRAPH_CLIENT_SECRET',
  driveId: 'EQUITY_DESK_GRAPH_DRIVE_ID',
  siteId: 'EQUITY_DESK_GRAPH_SITE_ID',
  userId: 'EQUITY_DESK_GRAPH_USER_ID',
  folder: 'EQUITY_DESK_GRAPH_FOLDER',
  fileName: 'EQUITY_DESK_GRAPH_FILE_NAME',
  baseUrl: 'EQUITY_DESK_GRAPH_BASE_URL',
  authorityHost: 'EQUITY_DESK_GRAPH_AUTHORITY_HOST',
} as const satisfies Record<keyof GraphSettings, string>;

/**
 * Reads the settings from an environment object (the caller passes `process.env`; nothing here reads it).
 * Empty variables count as unset. Problems name the variable, not the field, since that is what users set.
 */
export function fromEnv(env: Record<string, string | undefined>): GraphSettings {
  const input: Record<string, string> = {};
  for (const [field, name] of Object.entries(ENV_NAMES)) {
    const value = env[name]?.trim();
    if (value) input[field] = value;
  }
  const parsed = graphSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path[0] as keyof GraphSettings;
    if (issue.code === 'custom') return `set exactly one of ${TARGETS.map((t) => ENV_NAMES[t]).join(', ')}`;
    return input[field] === undefined ? `${ENV_NAMES[field]} is required` : `${ENV_NAMES[field]}: ${issue.message}`;
  });
  throw new PublishError('invalid-settings', `Graph publishing is not configured: ${problems.join('; ')}.`);
}

/** The drive's address in Graph: `/drives/{id}`, `/sites/{id}/drive` or `/users/{id}/drive`. */
export function driveRoot(settings: GraphSettings): string {
  const enc = encodeURIComponent;
  if (settings.driveId) return `/drives/${enc(settings.driveId)}`;
  if (settings.siteId) return `/sites/${enc(settings.siteId)}/drive`;
  return `/users/${enc(settings.userId ?? '')}/drive`;
}
