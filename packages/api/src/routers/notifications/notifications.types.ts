import { emailModeSchema, notificationKindSchema, preferenceKindSchema, safeText } from '@retaille/domain';
import { z } from 'zod';

export const noticeSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  tradeId: z.string().nullable(),
  requestId: z.string().nullable(),
  lotId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const listNotificationsInput = z
  .object({
    /** Opaque keyset cursor from `nextCursor` (base64url); its content is checked by the service. */
    cursor: safeText()
      .max(200, { error: 'notifications.badCursor' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'notifications.badCursor' })
      .nullish(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .optional();

export const listNotificationsOutput = z.object({
  unread: z.number().int(),
  items: z.array(noticeSchema),
  nextCursor: z.string().nullable(),
});

export const notificationsSummaryOutput = z.object({
  unread: z.number().int(),
  /** Trades whose next step is the caller's (the badge on the trades icon). */
  tradesWaitingOnMe: z.number().int(),
});

export const preferencesOutput = z.array(
  z.object({ kind: preferenceKindSchema, mode: emailModeSchema, isDefault: z.boolean() }),
);

export type NotificationPreference = z.infer<typeof preferencesOutput>[number];

export const setPreferencesInput = z.object({
  changes: z
    .array(z.object({ kind: preferenceKindSchema, mode: emailModeSchema }))
    .min(1)
    .max(preferenceKindSchema.options.length)
    // One mode per kind: a kind given twice is refused on its second line, never half applied.
    .superRefine((changes, ctx) => {
      const seen = new Set<string>();
      changes.forEach((c, i) => {
        if (seen.has(c.kind)) {
          ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: 'notifications.duplicateKind' });
        }
        seen.add(c.kind);
      });
    }),
});

export const unsubscribeInput = z.object({
  token: safeText({ error: 'notifications.badUnsubscribeToken' })
    .min(1, { error: 'notifications.badUnsubscribeToken' })
    .max(400, { error: 'notifications.badUnsubscribeToken' })
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { error: 'notifications.badUnsubscribeToken' }),
});
export const unsubscribeOutput = z.object({ scope: z.union([preferenceKindSchema, z.literal('all')]) });
