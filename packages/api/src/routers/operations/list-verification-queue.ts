import { z } from 'zod';
import { syncSchema } from '../../sync-schema.ts';
import { authedProcedure } from '../../trpc.ts';
import { verificationItemSchema } from './operations.types.ts';

/** Admins, and coordinators for their scope: sites awaiting verification with the applicant's contacts. */
export const listVerificationQueue = authedProcedure
  .output(syncSchema(z.array(verificationItemSchema)))
  .query(({ ctx }) => ctx.services.operations.verification.queue(ctx.actor));
