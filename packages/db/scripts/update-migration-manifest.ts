/**
 * `pnpm db:manifest`: records the sha256 of new migrations in migrations/manifest.json. Committed
 * entries are never changed: an edited landed migration is refused with the way out.
 */
import { writeFileSync } from 'node:fs';
import {
  committedManifest,
  hashFiles,
  MANIFEST_FILE,
  MANIFEST_PATH,
  readManifest,
  serializeManifest,
  updateManifest,
} from './migration-manifest.ts';

const update = updateManifest(readManifest(), hashFiles(), committedManifest());
for (const f of update.added) console.log(`added     ${f}`);
for (const f of update.refreshed) console.log(`refreshed ${f} (not committed yet)`);
if (update.refused.length > 0) {
  for (const p of update.refused) console.error(`refused   ${p.message}`);
  console.error(`${MANIFEST_PATH} left unchanged.`);
  process.exit(1);
}
if (update.added.length === 0 && update.refreshed.length === 0) {
  console.log(`${MANIFEST_PATH} is up to date.`);
} else {
  writeFileSync(MANIFEST_FILE, serializeManifest(update.manifest));
  console.log(`wrote ${MANIFEST_PATH}`);
}
