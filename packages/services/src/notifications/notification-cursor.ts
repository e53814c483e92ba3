import { DomainError } from '@retaille/domain';

/** The keyset cursor of the notices list: the notice's creation time and id, base64url. */
export const cursorOf = (n: { created_at: Date; id: string }) =>
  Buffer.from(`${n.created_at.toISOString()}|${n.id}`, 'utf8').toString('base64url');

export function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (
    !id ||
    rest.length > 0 ||
    Number.isNaN(createdAt.getTime()) ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)
  ) {
    throw new DomainError('VALIDATION', 'notifications.badCursor', {
      fields: [{ path: 'cursor', key: 'notifications.badCursor' }],
    });
  }
  return { createdAt, id };
}
