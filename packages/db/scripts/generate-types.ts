import { writeFile } from 'node:fs/promises';
import { createDatabase } from '../src/database.ts';
import { migrateToLatest } from '../src/migrate.ts';
import { generateSchemaTypes, SCHEMA_FILE } from '../src/schema-codegen.ts';

const handle = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
await migrateToLatest(handle.db);
await writeFile(SCHEMA_FILE, await generateSchemaTypes(handle.db));
await handle.close();
console.log(`wrote ${SCHEMA_FILE.pathname}`);
