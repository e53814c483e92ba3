import { mailOutboxRepository } from '@retaille/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobQueue } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import { webLinks } from '../ports/links.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  type TestServices,
} from '../testing/test-services.ts';
import { MembershipService } from './membership.service.ts';

let s: TestServices;
beforeAll(async () => {
  s = await createTestServices();
});
afterAll(async () => {
  await s.database.close();
});

const invitationsTo = async (email: string) =>
  s.database.db.selectFrom('site_invitation').select('id').where('email', '=', email).execute();

it('an invitation and its e-mail are written together: the link in the mail is the one returned', async () => {
  const owner = await createTestUser(s);
  const site = await createTestSite(s, owner);
  const { invitation, url } = await s.memberships.invite(owner, site.id, {
    email: 'Nouvelle.Membre@Example.fr',
    role: 'member',
  });
  expect(invitation.email).toBe('nouvelle.membre@example.fr');
  const mails = await mailOutboxRepository.listMail(s.database.db, { to: invitation.email, limit: 5 });
  expect(mails).toHaveLength(1);
  expect(mails[0]!.text_body).toContain(url);
  expect(await invitationsTo(invitation.email)).toHaveLength(1);
});

it('when the e-mail cannot be queued, no invitation is left behind (one transaction)', async () => {
  const owner = await createTestUser(s);
  const site = await createTestSite(s, owner);
  const failing: Mailer = {
    ...s.mailer,
    queue: async () => {
      throw new Error('the outbox is full');
    },
  };
  const memberships = new MembershipService({
    db: s.database.db,
    mailer: failing,
    jobs: new JobQueue(s.database.db),
    links: webLinks('http://localhost:3000'),
    now: () => new Date(),
  });
  await expect(
    memberships.invite(owner, site.id, { email: 'perdue@example.fr', role: 'member' }),
  ).rejects.toThrow('the outbox is full');
  expect(await invitationsTo('perdue@example.fr')).toEqual([]);
});
