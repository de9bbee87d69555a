// Running `equity-desk` as a real process (`node bin/equity-desk.mjs …`), the way users and `npm start` do.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli as runCliHere } from '../../../sync/cli/main';
import type { Backend } from '../../support/store-backends';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = `${ROOT}bin/equity-desk.mjs`;

export interface Run { code: number; stdout: string; stderr: string }

/** The caller's environment without any database, server or Equity Desk settings (admin, Graph, publishing), plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (['DATABASE_URL', 'DATABASE_SCHEMA', 'PORT', 'HOST'].includes(k) || k.startsWith('EQUITY_DESK_')) delete base[k];
  return { ...base, ...env };
}

/** The same entry point in this process: quick, for the many bad-input cases. */
export async function runInThisProcess(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCliHere(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), env: cleanEnv(env) });
  return { code, stdout, stderr };
}

/** A new source of kind file named `name`, in the store of `data` (`--data DIR`), by its id: as `source add` prints it. */
export async function addFileSource(name: string, data: string[]): Promise<string> {
  const added = await runInThisProcess(['source', 'add', name, '--kind', 'file', ...data]);
  const id = /id: +(\S+)/.exec(added.stdout)?.[1];
  if (id === undefined) throw new Error(`source add printed no id: ${added.stdout}${added.stderr}`);
  return id;
}

/** The arguments and environment that point a command at a test backend's store: its data folder, or its PostgreSQL schema. */
export function storeTarget(b: Backend): { args: string[]; env: Record<string, string> } {
  return 'dataDir' in b.location ? { args: ['--data', b.location.dataDir], env: {} } : { args: [], env: { DATABASE_URL: b.location.databaseUrl, DATABASE_SCHEMA: b.location.schema } };
}

/** `args` run in this process against a test backend's store. */
export function runOn(b: Backend, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const t = storeTarget(b);
  return runInThisProcess([...args, ...t.args], { ...t.env, ...env });
}

export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Served {
  child: ChildProcess;
  /** Everything printed to stdout so far, including what came after the ready line. */
  readonly output: string;
  url: string;
  stop(): Promise<number | null>;
}

/** One API request to a served process with a bearer token: a POST with `body`, else a GET, unless `method` says. */
export async function callApi(on: Served, path: string, token: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; json: any }> {
  const res = await fetch(`${on.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Starts a long-running command in its own process group and waits until its output contains `ready`. */
export function startCli(command: string, args: string[], opts: { env?: Record<string, string>; ready: RegExp; cwd?: string }): Promise<Served> {
  const child = spawn(command, args, { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no ready output after 60 s:\n${output}\n${errors}`));
    }, 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (opts.ready.test(output)) {
        clearTimeout(timer);
        const url = /https?:\/\/[\d.]+:\d+/.exec(output)?.[0] ?? '';
        resolve({ child, get output() { return output; }, url, stop });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}\n${errors}`));
    });
  });
}
