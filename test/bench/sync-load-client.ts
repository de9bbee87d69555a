// The load of the concurrency bench, run as a process of its own (as real sources are other machines): reads
// `{url, sources: [{token, bodies}], concurrent}` from the file named by its argument, sends, and prints each
// request's latency in ms as JSON.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { text } from 'node:stream/consumers';

interface Load { url: string; sources: { token: string; bodies: string[] }[]; concurrent: boolean }

const load = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Load;
const latencies: number[] = [];

/** One connection per request, as sheets on other machines open them: no client-side pool reorders the sources. */
function post(token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${load.url}/api/v1/sync`, {
      method: 'POST',
      agent: false,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      text(res).then((answer) => resolve({ status: res.statusCode ?? 0, text: answer }), reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function send(token: string, body: string): Promise<void> {
  const started = performance.now();
  const res = await post(token, body);
  latencies.push(performance.now() - started);
  const out = JSON.parse(res.text) as { rejected?: unknown[] };
  if (res.status !== 200 || out.rejected?.length) throw new Error(`bench batch failed: ${res.status} ${res.text.slice(0, 300)}`);
}

const started = performance.now();
if (load.concurrent) {
  await Promise.all(load.sources.map(async ({ token, bodies }) => {
    for (const body of bodies) await send(token, body);
  }));
} else {
  for (const { token, bodies } of load.sources) for (const body of bodies) await send(token, body);
}
process.stdout.write(JSON.stringify({ latencies, ms: performance.now() - started }));
