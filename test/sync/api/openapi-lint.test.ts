// The OpenAPI document against the recommended rules of the standard linters (Spectral's `oas` ruleset and
// Redocly's `recommended`), written out here because neither linter is installed: each check names its rule.
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../sync/api/openapi';

interface Operation {
  operationId?: string; summary?: string; description?: string; tags?: string[];
  security?: Record<string, string[]>[]; parameters?: { name: string; in: string }[];
  responses: Record<string, { description?: string }>;
}
type Doc = {
  openapi: string; info: { title?: string; description?: string; version?: string };
  servers?: { url: string }[]; tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const operationsOf = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).filter(([m]) => METHODS.has(m)).map(([method, op]) => ({ path, method, op })));

/** Every problem the rules find, as `rule: where`. */
export function lint(doc: Doc): string[] {
  const problems: string[] = [];
  const fail = (rule: string, where: string) => problems.push(`${rule}: ${where}`);
  if (!doc.info.description) fail('info-description', 'info');
  if (!doc.servers?.length) fail('oas3-api-servers / no-empty-servers', 'servers');
  for (const s of doc.servers ?? []) {
    if (s.url.endsWith('/') && s.url !== '/') fail('oas3-server-trailing-slash', s.url);
    if (/example\.com/.test(s.url)) fail('no-server-example.com', s.url);
  }
  const tagNames = (doc.tags ?? []).map((t) => t.name);
  if (!tagNames.length) fail('openapi-tags', 'tags');
  if (new Set(tagNames).size !== tagNames.length) fail('openapi-tags-uniqueness', 'tags');
  for (const t of doc.tags ?? []) if (!t.description) fail('tag-description', t.name);
  const ids = new Map<string, string>();
  for (const { path, method, op } of operationsOf(doc)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (path.endsWith('/') && path !== '/') fail('path-keys-no-trailing-slash', where);
    if (path.includes('?')) fail('path-not-include-query', where);
    if (!op.operationId) fail('operation-operationId', where);
    else {
      if (ids.has(op.operationId)) fail('operation-operationId-unique', `${where} and ${ids.get(op.operationId)}`);
      ids.set(op.operationId, where);
      if (!/^[A-Za-z0-9\-._~]+$/.test(op.operationId)) fail('operation-operationId-valid-in-url', where);
    }
    if (!op.summary) fail('operation-summary', where);
    if (!op.description) fail('operation-description', where);
    if (!op.tags?.length) fail('operation-tags', where);
    for (const t of op.tags ?? []) if (!tagNames.includes(t)) fail('operation-tag-defined', `${where} (${t})`);
    const statuses = Object.keys(op.responses);
    if (!statuses.some((s) => /^2/.test(s))) fail('operation-success-response / operation-2xx-response', where);
    for (const [status, r] of Object.entries(op.responses)) if (!r.description) fail('response description (oas3-schema)', `${where} ${status}`);
    for (const req of op.security ?? []) for (const scheme of Object.keys(req)) if (!(scheme in doc.components.securitySchemes)) fail('oas3-operation-security-defined / security-defined', where);
    if (op.security === undefined) fail('security-defined', where);
    // Protected routes answer 401/403; every route with input answers 400 (Redocly's operation-4xx-response).
    if ((op.security?.length || op.parameters?.length) && !statuses.some((s) => /^4/.test(s))) fail('operation-4xx-response', where);
    const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort();
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    if (JSON.stringify(declared) !== JSON.stringify(inPath)) fail('path-params / path-parameters-defined', where);
    const keys = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
    if (new Set(keys).size !== keys.length) fail('operation-parameters', where);
  }
  return problems;
}

describe('the OpenAPI document passes the recommended lint rules', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('with no problem found', () => {
    expect(operationsOf(doc).length).toBeGreaterThan(20);
    expect(lint(doc)).toEqual([]);
  });

  it('names every operation for generated clients and says where the service is', () => {
    expect(doc.paths['/api/v1/sync'].post.operationId).toBe('syncRows');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect((openApiDocument('https://equity.example.gov') as unknown as Doc).servers?.[0].url).toBe('https://equity.example.gov');
  });

  it('catches what the rules forbid (the lint can fail)', () => {
    const broken = structuredClone(doc);
    delete broken.servers;
    const ops = operationsOf(broken);
    delete ops[0].op.operationId;
    ops[2].op.operationId = ops[1].op.operationId;
    ops[3].op.tags = ['nowhere'];
    const found = lint(broken).map((p) => p.split(':')[0]);
    expect(found).toEqual(expect.arrayContaining(['oas3-api-servers / no-empty-servers', 'operation-operationId', 'operation-operationId-unique', 'operation-tag-defined']));
  });
});
