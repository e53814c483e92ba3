/**
 * `pnpm backup <file> [--force] [--ignore-lock]`: backs up the configured database (DATABASE_URL
 * with pg_dump, or the PGlite directory PGLITE_DATA_DIR — stop the server first). See
 * backup-restore.ts.
 */
import { loadConfig } from '@retaille/config';
import { BackupError, backupDatabase, describeTarget, parseArgs } from './backup-restore.ts';

const args = parseArgs(process.argv.slice(2));
if (!args) {
  console.error('usage: pnpm backup <file> [--force] [--ignore-lock]');
  process.exit(64);
}
const target = loadConfig().database;
try {
  const r = await backupDatabase(target, args.file, args.options);
  console.log(`backed up ${describeTarget(target)} to ${args.file} (${r.format}, ${r.bytes} bytes)`);
} catch (e) {
  console.error(e instanceof BackupError ? e.message : e);
  process.exit(1);
}
