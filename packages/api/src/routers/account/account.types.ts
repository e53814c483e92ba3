import {
  DEPARTEMENT_CODE,
  hasForbiddenCharacters,
  meDtoSchema,
  outboxMessageSchema,
  platformRoleSchema,
  safeText,
  siteRoleSchema,
  TEXT_CONTROL_KEY,
  updateProfileInput,
} from '@retaille/domain';
import { z } from 'zod';

/** Password rules shared by the sign-up and reset forms (better-auth enforces the same bounds). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const passwordSchema = z
  .string({ error: 'field.required' })
  .min(PASSWORD_MIN, { error: 'password.tooShort' })
  .max(PASSWORD_MAX, { error: 'password.tooLong' })
  .refine((p) => new Set(p).size >= 5, { error: 'password.tooSimple' });

export const emailSchema = z
  .email({ error: 'field.email' })
  .max(254, { error: 'field.tooLong' })
  .refine((v) => !hasForbiddenCharacters(v), { error: TEXT_CONTROL_KEY });

export const signUpSchema = z
  .object({
    name: safeText().trim().min(1, { error: 'field.required' }).max(100, { error: 'field.tooLong' }),
    email: emailSchema,
    password: passwordSchema,
  })
  .refine(
    (v) => {
      // Only a meaningful local part counts: "" or "a" would match every password.
      const local = v.email.split('@')[0]!.toLowerCase();
      return local.length < 4 || !v.password.toLowerCase().includes(local);
    },
    {
      path: ['password'],
      error: 'password.containsEmail',
    },
  );

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: 'field.required' }).max(PASSWORD_MAX, { error: 'password.tooLong' }),
});

export const requestResetSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ password: passwordSchema });

/** The signed-in user, or null: the DTO's schema is declared once in the domain (docs/decisions/013). */
export const meSchema = meDtoSchema.nullable();
export type Me = z.infer<typeof meSchema>;

export const setActiveSiteInput = z.object({ siteId: z.uuid({ error: 'field.uuid' }) });

export const setRolesInput = z.object({
  email: emailSchema,
  roles: z.array(platformRoleSchema).max(3),
  departements: z
    .array(safeText().regex(DEPARTEMENT_CODE, { error: 'field.required' }))
    .max(101)
    .default([]),
  regions: z
    .array(safeText().regex(/^\d{2}$/, { error: 'field.required' }))
    .max(18)
    .default([]),
});

export const outboxInput = z.object({ to: emailSchema.optional() }).default({});
export const outboxOutput = z.array(outboxMessageSchema);

export { platformRoleSchema, siteRoleSchema, updateProfileInput };
