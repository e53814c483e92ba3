import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';
import { verificationItemSchema } from './operations.types.ts';

/** Admins, and coordinators for their scope: sites awaiting verification with the applicant's contacts. */
export const listVerificationQueue = authedProcedure
  .output(z.array(verificationItemSchema))
  .query(({ ctx }) => ctx.services.operations.verification.queue(ctx.actor));
