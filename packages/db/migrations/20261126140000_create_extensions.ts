import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // All four exist in PostgreSQL 15 contrib and are bundled with PGlite.
  await sql`create extension if not exists cube`.execute(db);
  await sql`create extension if not exists earthdistance`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop extension if exists earthdistance`.execute(db);
  await sql`drop extension if exists cube`.execute(db);
  await sql`drop extension if exists pg_trgm`.execute(db);
  await sql`drop extension if exists unaccent`.execute(db);
}
