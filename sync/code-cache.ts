// Loads a large CommonJS file with V8's code cache, so a process that loads it once (the export command, which
// draws the Summary's charts with ECharts after its last row) does not compile it afresh each time. Node 20 has
// no compile cache of its own (`module.enableCompileCache` came in Node 22).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

export interface CachedModule<T> {
  exports: T;
  /** Whether V8 took the cache written by an earlier process instead of compiling the file. */
  fromCache: boolean;
  /**
   * Writes the cache for the next process, when none was taken: once the module has run the code the caller
   * needs, since V8 compiles functions when first called and caches what it has compiled by then.
   */
  save(): void;
}

/**
 * What a cache must have been made under for V8 to take it: its version and flags, from the header of a tiny
 * script's cache (a flag set at run time, as `--expose-gc` is by the export, makes V8 reject a cache made
 * without it). Naming files by it keeps one cache per kind of process instead of each overwriting the other's.
 * Should V8 lay out its header otherwise, a name only mismatches and V8's own check rejects the cache.
 */
function v8Fingerprint(): string {
  const header = new Script('0').createCachedData();
  return header.subarray(4, 16).toString('hex');
}

/**
 * `file` (an absolute path) run as CommonJS, with its code cache kept in `cacheDir` under a name of its content:
 * V8 checks a cache's length against the source but not its text, so a changed file never meets a stale cache.
 * A folder that cannot be written only costs the compiling.
 */
export function requireWithCodeCache<T>(file: string, cacheDir: string): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 32);
  const cacheFile = join(cacheDir, `${basename(file)}-${digest}-${v8Fingerprint()}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const mod = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(file), mod, file, dirname(file));
  let saved = fromCache;
  return {
    exports: mod.exports,
    fromCache,
    save() {
      if (saved) return;
      saved = true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        // Written aside and renamed, so a process starting meanwhile never reads half a cache.
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A read-only install compiles each time, as without a cache.
      }
    },
  };
}

/**
 * Where caches of a package's files are kept: `.cache/equity-desk` in the `node_modules` folder that holds it, the
 * usual place for tools' caches, written by whoever installed the packages (as the service's bundle is beside them).
 */
export function packageCacheDir(file: string): string {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  return at < 0 ? join(dirname(file), '.cache', 'equity-desk') : join(file.slice(0, at), 'node_modules', '.cache', 'equity-desk');
}
