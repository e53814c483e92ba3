import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { Moderation } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type ModerationRow = Selectable<Moderation>;
export type ModerationSubjectKind = 'lot' | 'site' | 'account';

/** Puts a hold on a subject; undefined when one is already in force (unique partial index). */
export async function insertHold(
  db: Db,
  row: { kind: ModerationSubjectKind; subjectId: string; reason: string; by: string; at: Date },
): Promise<ModerationRow | undefined> {
  return db
    .insertInto('moderation')
    .values({
      subject_kind: row.kind,
      subject_id: row.subjectId,
      reason: row.reason,
      created_by: row.by,
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id']).where('lifted_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Lifts the hold in force; undefined when there is none. */
export async function liftHold(
  db: Db,
  row: { kind: ModerationSubjectKind; subjectId: string; note: string; by: string; at: Date },
): Promise<ModerationRow | undefined> {
  return db
    .updateTable('moderation')
    .set({ lifted_at: row.at, lifted_by: row.by, lift_note: row.note })
    .where('subject_kind', '=', row.kind)
    .where('subject_id', '=', row.subjectId)
    .where('lifted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function listActiveHolds(db: Db, limit = 200): Promise<ModerationRow[]> {
  return db
    .selectFrom('moderation')
    .selectAll()
    .where('lifted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The holds in force among these subjects (a lot, its site, an account…). */
export async function findActiveHolds(
  db: Db,
  subjects: readonly { kind: ModerationSubjectKind; id: string }[],
): Promise<ModerationRow[]> {
  if (subjects.length === 0) return [];
  return db
    .selectFrom('moderation')
    .selectAll()
    .where('lifted_at', 'is', null)
    .where((eb) =>
      eb.or(subjects.map((s) => eb.and([eb('subject_kind', '=', s.kind), eb('subject_id', '=', s.id)]))),
    )
    .execute();
}
