import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { OperatorAuditLog } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type AuditLogRow = Omit<Selectable<OperatorAuditLog>, 'id'> & { id: number };
export type NewAuditLogRow = Omit<Insertable<OperatorAuditLog>, 'id' | 'details'> & {
  details?: Record<string, unknown>;
};

export interface AuditLogFilter {
  actorUserId?: string | undefined;
  kind?: string | undefined;
  /** Inclusive lower bound, exclusive upper bound. */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset: rows older than this id. */
  beforeId?: number | undefined;
  limit: number;
}

/** Appends one operator action; the table refuses UPDATE, DELETE and TRUNCATE (trigger). */
export async function appendAudit(db: Db, row: NewAuditLogRow): Promise<AuditLogRow> {
  const r = await db
    .insertInto('operator_audit_log')
    .values({ ...row, details: JSON.stringify(row.details ?? {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...r, id: Number(r.id) };
}

/** Newest first, filtered, keyset-paged on id. */
export async function listAudit(db: Db, f: AuditLogFilter): Promise<AuditLogRow[]> {
  let q = db.selectFrom('operator_audit_log').selectAll();
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  if (f.beforeId !== undefined) q = q.where(sql<boolean>`id < ${f.beforeId}`);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
