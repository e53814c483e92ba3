/**
 * zod schemas for the material fields of API inputs, so the web form and the procedure reject
 * the same values with the same message keys.
 */
import { z } from 'zod';
import type { FieldProblem } from '../shared/errors.ts';
import { validateComposition } from './composition.ts';
import { materialFamilyKeys, materialKeys } from './taxonomy.ts';
import { type DimensionField, unitKeys, validateDimensions } from './units.ts';

export const materialKeySchema = z.enum(materialKeys);
export const materialFamilyKeySchema = z.enum(materialFamilyKeys);
export const unitKeySchema = z.enum(unitKeys);

const addProblems = (problems: FieldProblem[], prefix: string, ctx: z.RefinementCtx) => {
  for (const p of problems) {
    const rest = p.path.slice(prefix.length).split('.').filter(Boolean);
    ctx.addIssue({
      code: 'custom',
      message: p.key,
      path: rest.map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      params: p.params,
    });
  }
};

const optionalNumber = z.number().nullish();

export const dimensionsSchema = z
  .object({
    lengthMm: optionalNumber,
    widthMm: optionalNumber,
    thicknessMm: optionalNumber,
    rollLengthM: optionalNumber,
  } satisfies Record<DimensionField, unknown>)
  .superRefine((d, ctx) => addProblems(validateDimensions(d, [], ''), '', ctx));

export const compositionSchema = z
  .array(z.object({ fibre: materialKeySchema, percent: z.number() }))
  .superRefine((parts, ctx) => addProblems(validateComposition(parts, ''), '', ctx));
