import { type Kysely, sql } from 'kysely';

/**
 * Accounts: the tables better-auth expects (its own names, camelCase columns, prefixed `auth_`),
 * written here so that the one migrations folder owns the whole schema; plus our profile, site
 * membership, invitations, the mail outbox and the per-account sign-in throttle.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table "auth_user" (
      "id" text not null primary key,
      "name" text not null,
      "email" text not null unique,
      "emailVerified" boolean not null,
      "image" text,
      "createdAt" timestamptz default current_timestamp not null,
      "updatedAt" timestamptz default current_timestamp not null
    )`.execute(db);
  await sql`
    create table "auth_session" (
      "id" text not null primary key,
      "expiresAt" timestamptz not null,
      "token" text not null unique,
      "createdAt" timestamptz default current_timestamp not null,
      "updatedAt" timestamptz not null,
      "ipAddress" text,
      "userAgent" text,
      "userId" text not null references "auth_user" ("id") on delete cascade
    )`.execute(db);
  await sql`
    create table "auth_account" (
      "id" text not null primary key,
      "accountId" text not null,
      "providerId" text not null,
      "userId" text not null references "auth_user" ("id") on delete cascade,
      "accessToken" text,
      "refreshToken" text,
      "idToken" text,
      "accessTokenExpiresAt" timestamptz,
      "refreshTokenExpiresAt" timestamptz,
      "scope" text,
      "password" text,
      "createdAt" timestamptz default current_timestamp not null,
      "updatedAt" timestamptz not null
    )`.execute(db);
  await sql`
    create table "auth_verification" (
      "id" text not null primary key,
      "identifier" text not null,
      "value" text not null,
      "expiresAt" timestamptz not null,
      "createdAt" timestamptz default current_timestamp not null,
      "updatedAt" timestamptz default current_timestamp not null
    )`.execute(db);
  await sql`
    create table "auth_rate_limit" (
      "id" text not null primary key,
      "key" text not null unique,
      "count" integer not null,
      "lastRequest" bigint not null
    )`.execute(db);
  await sql`create index "auth_session_userId_idx" on "auth_session" ("userId")`.execute(db);
  await sql`create index "auth_account_userId_idx" on "auth_account" ("userId")`.execute(db);
  await sql`create index "auth_verification_identifier_idx" on "auth_verification" ("identifier")`.execute(
    db,
  );

  await db.schema
    .createTable('user_profile')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('auth_user.id').onDelete('cascade'))
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('coordinator_departements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('coordinator_regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('home_commune_insee', 'text')
    .addColumn('home_lat', 'double precision', (c) => c.check(sql`home_lat between -90 and 90`))
    .addColumn('home_lon', 'double precision', (c) => c.check(sql`home_lon between -180 and 180`))
    .addColumn('active_site_id', 'uuid', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'user_profile_roles_check',
      sql`roles <@ array['designer', 'coordinator', 'admin']::text[]`,
    )
    .execute();

  await db.schema
    .createTable('site_member')
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'member')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('site_member_pk', ['site_id', 'user_id'])
    .execute();
  await db.schema.createIndex('site_member_user_idx').on('site_member').column('user_id').execute();

  await db.schema
    .createTable('site_invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'member')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('site_invitation_site_idx').on('site_invitation').column('site_id').execute();

  await db.schema
    .alterTable('site')
    .addColumn('verified_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull().check(sql`transport in ('outbox', 'smtp')`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('mail_outbox_created_idx').on('mail_outbox').column('created_at').execute();

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sign_in_throttle', 'mail_outbox', 'site_invitation', 'site_member', 'user_profile']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('site').dropColumn('verified_by').dropColumn('created_by').execute();
  for (const t of ['auth_rate_limit', 'auth_verification', 'auth_account', 'auth_session', 'auth_user']) {
    await db.schema.dropTable(t).execute();
  }
}
