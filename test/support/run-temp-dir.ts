// Vitest's global setup: every test run gets a temporary directory of its own, removed when the run ends.
// Test files make build folders, LibreOffice profiles and scratch workbooks with os.tmpdir(); vitest's workers end
// without reaching `process.on('exit')`, so cleanup done there never runs and a full run used to leave its folders behind.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'equity-desk-test-run-'));
  // Open to every user as the system's own temporary directory is: a test runs PostgreSQL's initdb as the postgres user
  // in a folder of its own under here, which it cannot reach through a folder only its creator may enter.
  chmodSync(dir, 0o1777);
  // Workers start after global setup and inherit the environment, so os.tmpdir() in every test file answers `dir`.
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
