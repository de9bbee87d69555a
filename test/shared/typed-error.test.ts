// One error base and one realm-safe guard: every typed error is recognized by instanceof and, from another
// realm (the sidebar's iframe), by its literal name — which must therefore equal its class name.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isErrorType, TypedError } from '../../shared/typed-error';
import { AddonError } from '../../addon/core/addon-error';
import { HostError } from '../../addon/sidebar/host-bridge';
import { ApiError } from '../../sync/api/api-error';
import { CliError } from '../../sync/cli/command';
import { ConfigError } from '../../sync/config';
import { ImportError } from '../../sync/ingest/import-error';
import { ReportQueryError } from '../../sync/metrics/report-query';
import { PublishError } from '../../sync/publish/publish-error';
import { StoreError } from '../../sync/store/store-error';
import { WorkbookError } from '../../sync/workbook/workbook-error';

const ERRORS: [abstract new (...args: never[]) => TypedError, TypedError][] = [
  [AddonError, new AddonError('invalid_argument', 'x')],
  [HostError, new HostError('x')],
  [ApiError, new ApiError(400, 'invalid_body', 'x')],
  [CliError, new CliError('x')],
  [ConfigError, new ConfigError('PORT', 'x')],
  [ImportError, new ImportError('no-tables', 'x')],
  [ReportQueryError, new ReportQueryError('x')],
  [PublishError, new PublishError('invalid-name', 'x')],
  [StoreError, new StoreError('invalid-batch', 'x')],
  [WorkbookError, new WorkbookError('output-failed', 'x')],
];

describe.each(ERRORS)('%o', (errorClass, error) => {
  it('is a TypedError whose name is its class name', () => {
    expect(error).toBeInstanceOf(TypedError);
    expect(error.name).toBe(errorClass.name);
  });

  it('is recognized here and from another realm, and no other class claims it', () => {
    expect(isErrorType(error, errorClass)).toBe(true);
    const foreign = runInNewContext(`(() => { const e = new Error('x'); e.name = ${JSON.stringify(errorClass.name)}; return e; })()`);
    expect(foreign instanceof errorClass).toBe(false);
    expect(isErrorType(foreign, errorClass)).toBe(true);
    for (const [other] of ERRORS) if (other !== errorClass) expect(isErrorType(error, other)).toBe(false);
  });
});

it('turns down what is not an error of that type', () => {
  for (const value of [null, undefined, 'StoreError', 42, new Error('x'), { name: 'ApiError ' }]) expect(isErrorType(value, StoreError)).toBe(false);
});
