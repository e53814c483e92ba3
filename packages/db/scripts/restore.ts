/**
 * `pnpm restore <file> [--force] [--ignore-lock]`: restores a `pnpm backup` file into the
 * configured database; refuses a non-empty one unless --force. See backup-restore.ts.
 */
import { loadConfig } from '@retaille/config';
import { BackupError, describeTarget, parseArgs, restoreDatabase } from './backup-restore.ts';

const args = parseArgs(process.argv.slice(2));
if (!args) {
  console.error('usage: pnpm restore <file> [--force] [--ignore-lock]');
  process.exit(64);
}
const target = loadConfig().database;
try {
  const r = await restoreDatabase(target, args.file, args.options);
  console.log(`restored ${args.file} (${r.format}) into ${describeTarget(target)}`);
  if (r.movedAside) console.log(`the previous data directory was moved to ${r.movedAside}`);
} catch (e) {
  console.error(e instanceof BackupError ? e.message : e);
  process.exit(1);
}
