/**
 * The account's contract, declared once: who is signed in (`meDtoSchema`), the profile form
 * (`updateProfileInput`) and the development outbox's messages. The account service's types are
 * their `z.output` (docs/decisions/013).
 */
import { z } from 'zod';
import { INSEE_CODE } from '../geo/codes.ts';
import { safeText } from '../shared/input-schemas.ts';
import { platformRoles, siteRoles } from '../sites/roles.ts';

export const platformRoleSchema = z.enum(platformRoles);
export const siteRoleSchema = z.enum(siteRoles);

/** The signed-in user's account, profile and sites (`account.me` answers it, or null). */
export const meDtoSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  roles: z.array(platformRoleSchema),
  coordinatorScope: z.object({ departements: z.array(z.string()), regions: z.array(z.string()) }),
  home: z
    .object({
      communeInsee: z.string().nullable(),
      communeName: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
    })
    .nullable(),
  sites: z.array(
    z.object({ siteId: z.string(), name: z.string(), role: siteRoleSchema, verified: z.boolean() }),
  ),
  activeSiteId: z.string().nullable(),
  isDemo: z.boolean(),
});
export type MeDto = z.output<typeof meDtoSchema>;

export const updateProfileInput = z.object({
  name: safeText().trim().min(1, { error: 'field.required' }).max(100, { error: 'field.tooLong' }),
  /** Home location for distances when the user has no site (designers). */
  homeCommuneInsee: safeText().regex(INSEE_CODE, { error: 'profile.communeUnknown' }).nullable().optional(),
  homeLat: z.number().min(-90, { error: 'site.lat.range' }).max(90, { error: 'site.lat.range' }).optional(),
  homeLon: z.number().min(-180, { error: 'site.lon.range' }).max(180, { error: 'site.lon.range' }).optional(),
  designer: z.boolean().optional(),
});
export type ProfileInput = z.output<typeof updateProfileInput>;

/** A message of the development outbox (`dev.outbox`). */
export const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  createdAt: z.string(),
});
export type OutboxMessageDto = z.output<typeof outboxMessageSchema>;
