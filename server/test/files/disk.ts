import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every blob file under DATA_DIR/files/sha256 (SQLite's file bytes). */
export function blobFiles(dataDir: string): string[] {
  const root = join(dataDir, 'files', 'sha256');
  return filesIn(root).flatMap((prefix) => filesIn(join(root, prefix)).map((name) => join(prefix, name)));
}

/** Uploads being spooled (or left behind) in DATA_DIR/files/tmp. */
export function spoolFiles(dataDir: string): string[] {
  return filesIn(join(dataDir, 'files', 'tmp'));
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
