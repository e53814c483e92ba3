import { safeText } from '@retaille/domain';
import { z } from 'zod';
import { emailSchema, siteRoleSchema } from '../account/account.types.ts';

export const siteIdInput = z.object({ siteId: z.uuid({ error: 'field.uuid' }) });

export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: siteRoleSchema,
  joinedAt: z.string(),
});
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: siteRoleSchema,
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const inviteMemberInput = z.object({
  siteId: z.uuid({ error: 'field.uuid' }),
  email: emailSchema,
  role: siteRoleSchema.default('member'),
});
export const inviteMemberOutput = z.object({ invitation: invitationSchema, url: z.string() });

export const setMemberRoleInput = z.object({
  siteId: z.uuid({ error: 'field.uuid' }),
  userId: safeText().min(1, { error: 'field.required' }).max(100, { error: 'field.tooLong' }),
  /** null removes the member (or lets a member leave). */
  role: siteRoleSchema.nullable(),
});

export const invitationIdInput = z.object({ invitationId: z.uuid({ error: 'field.uuid' }) });
export const invitationTokenInput = z.object({
  token: safeText().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'invitation.notFound' }),
});
export const invitationPreviewSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  communeName: z.string(),
  email: z.string(),
  role: siteRoleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
});
