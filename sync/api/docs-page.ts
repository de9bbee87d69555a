// `/docs`: the OpenAPI document rendered as a plain server-side HTML page (no scripts, no CDN), so it
// reads the same offline, in a locked-down browser, or printed.

type Schema = Record<string, unknown>;

const escape = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function typeOf(s: Schema): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(typeOf).join(' | ');
  if (s.type === 'array') return `array of ${typeOf((s.items as Schema) ?? {})}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) return `object: name → ${typeOf(s.additionalProperties as Schema)}`;
  return typeof s.type === 'string' ? s.type : Array.isArray(s.type) ? s.type.join(' | ') : 'any';
}

/** Objects as nested lists of their fields: name, type, required, description. */
function fields(s: Schema): string {
  const target = s.type === 'array' ? ((s.items as Schema) ?? {}) : s;
  const props = target.properties as Record<string, Schema> | undefined;
  if (!props) return '';
  const required = new Set((target.required as string[] | undefined) ?? []);
  const items = Object.entries(props).map(([name, p]) => {
    const note = [required.has(name) ? 'required' : 'optional', 'default' in p ? `default ${JSON.stringify(p.default)}` : ''].filter(Boolean).join(', ');
    const description = typeof p.description === 'string' ? ` — ${escape(p.description)}` : '';
    return `<li><code>${escape(name)}</code>: <span class="type">${escape(typeOf(p))}</span> <span class="note">(${escape(note)})</span>${description}${fields(p)}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

interface Operation {
  summary: string;
  description: string;
  parameters?: { name: string; description: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
}

function section(method: string, path: string, op: Operation): string {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
  const body = op.requestBody?.content['application/json']?.schema;
  const params = op.parameters?.map((p) => `<li><code>${escape(p.name)}</code>: <span class="type">${escape(typeOf(p.schema))}</span> — ${escape(p.description)}</li>`).join('');
  const responses = Object.entries(op.responses).map(([status, r]) => {
    const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
    const shape = media?.schema && status.startsWith('2') ? fields(media.schema) : '';
    return `<li><strong>${escape(status)}</strong> ${escape(r.description)}${type && !type.includes('json') ? ` <span class="type">${escape(type)}</span>` : ''}${shape}</li>`;
  });
  return `<section id="${id}">
<h2><span class="method">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h2>
<p>${escape(op.summary)}</p><p class="who">${escape(op.description)}</p>
${params ? `<h3>Query</h3><ul>${params}</ul>` : ''}
${body ? `<h3>Body (JSON)</h3>${fields(body)}` : ''}
<h3>Responses</h3><ul>${responses.join('')}</ul>
</section>`;
}

export function docsPage(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const ops = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const index = ops.map(({ path, method, op }) => `<tr><td class="method">${escape(method.toUpperCase())}</td><td><a href="#${`${method}-${path}`.replace(/[^a-z0-9]+/gi, '-')}"><code>${escape(path)}</code></a></td><td>${escape(op.description.replace(/^Who: /, ''))}</td><td>${escape(op.summary)}</td></tr>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} — API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
code{font-family:ui-monospace,monospace;background:#f1f3f6;padding:0 .25em;border-radius:3px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde1e7;padding:.35rem .5rem;text-align:left;vertical-align:top}
.method{font-weight:600;color:#0b5cad}.type{color:#6b4fa3}.note,.who{color:#5b6573}section{border-top:1px solid #dde1e7;margin-top:1.5rem}
</style></head><body>
<h1>${escape(info.title)}</h1>
<p>${escape(info.description)}</p>
<h2>Authentication</h2>
<p>Send <code>Authorization: Bearer &lt;token&gt;</code>. Roles: <strong>admin</strong> registers sources and reviewers; a <strong>source</strong> writes and reads only its own rows; a <strong>reviewer</strong> only reads metrics, the master workbook and the dashboard. Every request is limited per token; over the limit the answer is 429 with <code>Retry-After</code>. The machine-readable description is <a href="/openapi.json"><code>/openapi.json</code></a>.</p>
<table><thead><tr><th></th><th>Route</th><th>Who</th><th>Does</th></tr></thead><tbody>${index.join('')}</tbody></table>
${ops.map(({ path, method, op }) => section(method, path, op)).join('\n')}
</body></html>`;
}
