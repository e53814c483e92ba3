import { safeText } from '@retaille/domain';
import { z } from 'zod';

/** An opaque keyset cursor from a page's `nextCursor` (base64url); its content is checked by the service. */
export const cursorSchema = safeText()
  .max(200, { error: 'search.badCursor' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'search.badCursor' });

export const pageLimitSchema = z.number().int().min(1).max(100).default(50);

/** A page of `item`: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
