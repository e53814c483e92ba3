import { calendarDateSchema, safeText } from '@retaille/domain';
import { z } from 'zod';
import { setRolesInput } from '../account/account.types.ts';
import { tradeMessageSchema, tradeSchema } from '../trades/trade.types.ts';

const uuid = z.uuid({ error: 'field.uuid' });
/** Why an operator acted: kept in the audit log. */
const note = safeText({ multiline: true }).trim().max(2000, { error: 'field.tooLong' });
const requiredNote = note.min(1, { error: 'field.required' });
const MAX_CENTS = 100_000_000;

export const AUDIT_KINDS = [
  'dispute.resolve',
  'payment.retry',
  'payment.settleOffPlatform',
  'site.verify',
  'site.refuse',
  'site.requestInfo',
  'moderation.hold',
  'moderation.lift',
  'roles.set',
  'fee.set',
  'factors.import',
] as const;

// ── Audit log ─────────────────────────────────────────────────────────────────────────────
export const auditListInput = z
  .object({
    actorUserId: safeText().trim().min(1).max(100).optional(),
    kind: z.enum(AUDIT_KINDS, { error: 'field.invalid' }).optional(),
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    beforeId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .default({});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  kind: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  note: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

// ── Disputes ──────────────────────────────────────────────────────────────────────────────
export const disputeSchema = z.object({
  trade: tradeSchema,
  refundableCents: z.number().int(),
  timeline: z.array(
    z.object({
      transition: z.string(),
      from: z.string(),
      to: z.string(),
      actorRole: z.string(),
      at: z.string(),
      params: z.record(z.string(), z.unknown()),
    }),
  ),
  messages: z.array(tradeMessageSchema),
  photoIds: z.array(z.string()),
});
export type Dispute = z.infer<typeof disputeSchema>;
export const resolveDisputeWithNoteInput = z.object({
  tradeId: uuid,
  refundCents: z
    .number({ error: 'field.required' })
    .int({ error: 'field.invalid' })
    .min(0, { error: 'field.invalid' })
    .max(MAX_CENTS, { error: 'field.numberTooLarge' }),
  note: requiredNote,
});

// ── Money owed ────────────────────────────────────────────────────────────────────────────
export const moneyOwedSchema = z.object({
  effectId: z.string(),
  tradeId: z.string(),
  kind: z.enum(['refund', 'transfer']),
  amountCents: z.number().int(),
  status: z.enum(['pending', 'failed']),
  attempt: z.number().int(),
  exhausted: z.boolean(),
  lastError: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  tradeState: z.string(),
  lotTitle: z.string(),
  sellerSiteName: z.string(),
  buyerName: z.string(),
});
export type MoneyOwed = z.infer<typeof moneyOwedSchema>;
export const effectIdInput = z.object({ effectId: uuid });
export const retryPaymentOutput = z.object({
  effectId: z.string(),
  status: z.string(),
  lastError: z.string().nullable(),
});
export const settlePaymentInput = z.object({ effectId: uuid, note: requiredNote });

// ── Verification ──────────────────────────────────────────────────────────────────────────
export const verificationItemSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  commune: z.string(),
  postalCode: z.string(),
  departementCode: z.string(),
  applicant: z.object({
    userId: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
  createdAt: z.string(),
  lastReview: z
    .object({ decision: z.enum(['refused', 'info_requested']), note: z.string(), at: z.string() })
    .nullable(),
});
export type VerificationItem = z.infer<typeof verificationItemSchema>;
export const verifySiteInput = z.object({ siteId: uuid, note: note.default('') });
export const reviewSiteInput = z.object({ siteId: uuid, note: requiredNote });
export const siteIdOutput = z.object({ siteId: z.string() });

// ── Moderation ────────────────────────────────────────────────────────────────────────────
export const MODERATION_SUBJECTS = ['lot', 'site', 'account'] as const;
export const moderationInput = z.object({
  subjectKind: z.enum(MODERATION_SUBJECTS, { error: 'field.invalid' }),
  subjectId: safeText().trim().min(1, { error: 'field.required' }).max(100, { error: 'field.tooLong' }),
  reason: requiredNote,
});
export const moderationSchema = z.object({
  id: z.string(),
  subjectKind: z.enum(MODERATION_SUBJECTS),
  subjectId: z.string(),
  subjectLabel: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type ModerationHold = z.infer<typeof moderationSchema>;

// ── Roles ─────────────────────────────────────────────────────────────────────────────────
export const roleHolderSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(['designer', 'coordinator', 'admin'])),
  departements: z.array(z.string()),
  regions: z.array(z.string()),
});
export type RoleHolder = z.infer<typeof roleHolderSchema>;
export const setPlatformRolesInput = setRolesInput.extend({ note: note.default('') });

// ── Fee ───────────────────────────────────────────────────────────────────────────────────
export const MAX_FEE_BPS = 3000;
export const platformFeeSchema = z.object({
  bps: z.number().int(),
  defaultBps: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const setPlatformFeeInput = z.object({
  bps: z
    .number({ error: 'field.required' })
    .int({ error: 'field.invalid' })
    .min(0, { error: 'operations.feeOutOfRange' })
    .max(MAX_FEE_BPS, { error: 'operations.feeOutOfRange' }),
  note: requiredNote,
});

// ── Reconciliation ────────────────────────────────────────────────────────────────────────
export const reconciliationSchema = z.object({
  checkedAt: z.string(),
  ledgerBalanced: z.boolean(),
  unbalancedTradeIds: z.array(z.string()),
  paidTrades: z.number().int(),
  differences: z.array(
    z.object({
      tradeId: z.string(),
      kind: z.string(),
      expectedCents: z.number().int(),
      actualCents: z.number().int(),
      detail: z.string(),
    }),
  ),
  ok: z.boolean(),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;
