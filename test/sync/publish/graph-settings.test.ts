// Graph settings: defaults, the one-drive-target rule, and EQUITY_DESK_GRAPH_* mapping with messages naming variables.
import { isErrorType } from '../../../shared/typed-error';
import { describe, expect, test } from 'vitest';
import { driveRoot, fromEnv, graphSettingsSchema } from '../../../sync/publish/graph-settings';
import { PublishError } from '../../../sync/publish/publish-error';

const credentials = { tenantId: 't-1', clientId: 'c-1', clientSecret: 's-1' };

describe('graphSettingsSchema', () => {
  test('fills the public-cloud defaults and the default file name', () => {
    expect(graphSettingsSchema.parse({ ...credentials, driveId: 'd-1' })).toEqual({
      ...credentials,
      driveId: 'd-1',
      folder: '',
      fileName: 'Equity Desk master.xlsx',
      baseUrl: 'https://graph.microsoft.com',
      authorityHost: 'https://login.microsoftonline.com',
    });
  });

  test('normalises the folder and strips trailing slashes from URLs', () => {
    const parsed = graphSettingsSchema.parse({
      ...credentials, siteId: 's', folder: '/Equity / Reports/', baseUrl: 'https://dod-graph.microsoft.us/', authorityHost: 'https://login.microsoftonline.us/',
    });
    expect(parsed).toMatchObject({ folder: 'Equity/Reports', baseUrl: 'https://dod-graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us' });
  });

  test.each([[{}], [{ driveId: 'd', userId: 'u' }], [{ driveId: 'd', siteId: 's', userId: 'u' }]])(
    'needs exactly one drive target, not %j',
    (targets) => {
      const result = graphSettingsSchema.safeParse({ ...credentials, ...targets });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(['give exactly one of driveId, siteId or userId']);
    },
  );

  test('refuses a plain-http base URL: the Graph client would not send the token to it', () => {
    const result = graphSettingsSchema.safeParse({ ...credentials, driveId: 'd', baseUrl: 'http://graph.microsoft.com' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['baseUrl'], message: 'must be an https URL' });
  });

  test.each([
    [{ driveId: 'b!x/y' }, '/drives/b!x%2Fy'],
    [{ siteId: 'contoso.sharepoint.com,1,2' }, '/sites/contoso.sharepoint.com%2C1%2C2/drive'],
    [{ userId: 'ops@contoso.gov' }, '/users/ops%40contoso.gov/drive'],
  ])('addresses the drive %j as %s', (target, root) => {
    expect(driveRoot(graphSettingsSchema.parse({ ...credentials, ...target }))).toBe(root);
  });
});

describe('fromEnv', () => {
  test('maps every EQUITY_DESK_GRAPH_* variable and ignores empty ones', () => {
    const settings = fromEnv({
      EQUITY_DESK_GRAPH_TENANT_ID: 'tenant',
      EQUITY_DESK_GRAPH_CLIENT_ID: 'client',
      EQUITY_DESK_GRAPH_CLIENT_SECRET: 'secret',
      EQUITY_DESK_GRAPH_DRIVE_ID: '',
      EQUITY_DESK_GRAPH_USER_ID: 'ops@contoso.gov',
      EQUITY_DESK_GRAPH_FOLDER: 'Equity/Reports',
      EQUITY_DESK_GRAPH_FILE_NAME: 'Committee workbook.xlsx',
      EQUITY_DESK_GRAPH_BASE_URL: 'https://graph.microsoft.us',
      EQUITY_DESK_GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      UNRELATED: 'x',
    });
    expect(settings).toEqual({
      tenantId: 'tenant', clientId: 'client', clientSecret: 'secret', userId: 'ops@contoso.gov', folder: 'Equity/Reports',
      fileName: 'Committee workbook.xlsx', baseUrl: 'https://graph.microsoft.us', authorityHost: 'https://login.microsoftonline.us',
    });
  });

  test('maps the site variable', () => {
    const settings = fromEnv({ EQUITY_DESK_GRAPH_TENANT_ID: 't', EQUITY_DESK_GRAPH_CLIENT_ID: 'c', EQUITY_DESK_GRAPH_CLIENT_SECRET: 's', EQUITY_DESK_GRAPH_SITE_ID: 'site' });
    expect(settings.siteId).toBe('site');
  });

  test('names the missing and malformed variables in one invalid-settings error', () => {
    let error: unknown;
    try {
      fromEnv({ EQUITY_DESK_GRAPH_TENANT_ID: 't', EQUITY_DESK_GRAPH_BASE_URL: 'http://graph.local' });
    } catch (e) {
      error = e;
    }
    expect(isErrorType(error, PublishError) && error.code).toBe('invalid-settings');
    expect((error as Error).message).toBe(
      'Graph publishing is not configured: EQUITY_DESK_GRAPH_CLIENT_ID is required; EQUITY_DESK_GRAPH_CLIENT_SECRET is required; ' +
        'EQUITY_DESK_GRAPH_BASE_URL: must be an https URL; ' +
        'set exactly one of EQUITY_DESK_GRAPH_DRIVE_ID, EQUITY_DESK_GRAPH_SITE_ID, EQUITY_DESK_GRAPH_USER_ID.',
    );
  });
});
