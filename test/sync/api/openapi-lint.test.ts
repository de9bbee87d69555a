// The OpenAPI document through a standard linter, Redocly CLI with its `recommended` rules
// (test/support/redocly.yaml says which two are off and why), run as a client author would run it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../sync/api/openapi';

interface Operation { operationId?: string; summary?: string; security?: unknown[]; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }
type Doc = { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };
interface Problem { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }

const CLI = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const CONFIG = join(import.meta.dirname, '../../support/redocly.yaml');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-openapi-lint-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every problem Redocly finds in `doc`, errors and warnings alike. */
async function lint(doc: unknown): Promise<Problem[]> {
  const file = join(dir, `openapi-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(doc));
  // Exits 1 when it finds an error; the JSON report on stdout is what counts either way.
  const out = await promisify(execFile)(process.execPath, [CLI, 'lint', file, '--config', CONFIG, '--format=json'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return (JSON.parse(out.stdout) as { problems: Problem[] }).problems;
}

const operationsOf = (doc: Doc) => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

describe('the OpenAPI document passes the recommended rules of a standard linter', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('with no error and no warning', async () => {
    expect(operationsOf(doc).length).toBeGreaterThan(20);
    expect((await lint(doc)).map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  }, 60_000);

  it('documents the 4xx answers of every route that takes a token or input', () => {
    const silent = operationsOf(doc).filter(({ op }) => (op.security?.length || op.parameters?.length || op.requestBody) && !Object.keys(op.responses).some((s) => s.startsWith('4')));
    expect(silent.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('names every operation for generated clients and says where the service is', () => {
    expect(doc.paths['/api/v1/sync'].post.operationId).toBe('syncRows');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect((openApiDocument('https://equity.example.gov') as unknown as Doc).servers?.[0].url).toBe('https://equity.example.gov');
  });

  it('catches what the rules forbid (the lint can fail)', async () => {
    const broken = structuredClone(doc);
    delete broken.servers;
    const ops = operationsOf(broken);
    delete ops[0].op.operationId;
    ops[2].op.operationId = ops[1].op.operationId;
    delete ops[3].op.summary;
    const found = new Set((await lint(broken)).map((p) => p.ruleId));
    expect([...found]).toEqual(expect.arrayContaining(['no-empty-servers', 'operation-operationId', 'operation-operationId-unique', 'operation-summary']));
  }, 60_000);
});
