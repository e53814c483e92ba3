import { type Kysely, sql } from 'kysely';

/**
 * Until 2026-12-04 `updateLot` recomputed `earth_point` without the per-lot offset of ADR 005, so
 * a lot edited before then ties with its site's other lots and distance-sorted keyset pages can
 * skip or repeat it. This moves every lot's point to the offset one, in batches; lots whose point
 * was already right are rewritten to the same value.
 *
 * The offset is a frozen copy of `earthPointFor` as of this migration (a migration never imports
 * app code): FNV-1a of the id, two 16-bit halves, ±4e-6 degrees.
 */
function offset(id: string): [number, number] {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return [((h & 0xffff) / 0xffff - 0.5) * 8e-6, ((h >>> 16) / 0xffff - 0.5) * 8e-6];
}

export async function up(db: Kysely<any>): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .selectFrom('lot')
      .select(['id', 'lat', 'lon'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows as { id: string; lat: number; lon: number }[]) {
      const [dLat, dLon] = offset(r.id);
      await db
        .updateTable('lot')
        .set({ earth_point: sql`ll_to_earth(${r.lat + dLat}, ${r.lon + dLon})` })
        .where('id', '=', r.id)
        .execute();
    }
    after = (rows[rows.length - 1] as { id: string }).id;
  }
}

export async function down(): Promise<void> {
  // Nothing to undo: the offset points are what the app writes anyway.
}
