import { type DatabaseHandle, mailOutboxRepository, membershipRepository } from '@retaille/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UserActor } from '../auth/actor.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  lotInput,
  type TestServices,
} from '../testing/test-services.ts';
import { NotificationService } from './notification.service.ts';
import { UnsubscribeTokens } from './unsubscribe-token.ts';

/**
 * A request tells every member of the seller site. The notices, their modes and their e-mails are
 * written in a fixed number of statements, whatever the number of members: a site of eight costs
 * what a site of two does. Counted by a Kysely plugin on a service built over the test database.
 */
type KyselyPlugin = Parameters<DatabaseHandle['db']['withPlugin']>[0];

class StatementCounter implements KyselyPlugin {
  statements = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.statements++;
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result;
}

let s: TestServices;
let counted: NotificationService;
const counter = new StatementCounter();
const queued: { tradeId: string; eventId: string }[] = [];

beforeAll(async () => {
  s = await createTestServices();
  s.jobs.rebind('trade.notify', async (job) => {
    queued.push(job);
  });
  const db = s.database.db.withPlugin(counter);
  counted = new NotificationService({
    db,
    mailer: s.mailer,
    jobs: new JobQueue(db),
    publicUrl: s.config.publicUrl,
    tokens: new UnsubscribeTokens(s.config.authSecret),
    now: () => new Date(),
  });
});
afterAll(async () => {
  await s.database.close();
});

/** A seller site of `members` people (the owner first), a lot, and a request from a buyer. */
async function requestFromSiteOf(members: number) {
  const owner = await createTestUser(s, { name: 'Propriétaire' });
  const site = await createTestSite(s, owner);
  const others: UserActor[] = [];
  for (let i = 1; i < members; i++) {
    const m = await createTestUser(s, { name: `Membre ${i}` });
    await membershipRepository.addMember(s.database.db, site.id, m.userId, 'member');
    others.push(m);
  }
  const buyer = await createTestUser(s, { name: 'Designer' });
  const lot = await s.lots.create(owner, lotInput(site.id));
  const trade = await s.trades.request(buyer, { lotId: lot.id, quantity: 1 });
  const job = queued.find((j) => j.tradeId === trade.id)!;
  return { owner, others, buyer, trade, job };
}

async function statementsToTell(job: { tradeId: string; eventId: string }) {
  counter.statements = 0;
  const outcome = await counted.handleTradeEvent({ ...job, event: 'request' });
  return { outcome, statements: counter.statements };
}

it('tells a site of eight in as many statements as a site of two, each member once, by their chosen mode', async () => {
  const small = await requestFromSiteOf(2);
  const large = await requestFromSiteOf(8);
  // One member of the large site wants requests in the digest, another in-app only.
  const [digest, inApp] = large.others;
  await s.notifications.setPreferences(digest!, [{ kind: 'trade_requested', mode: 'digest' }]);
  await s.notifications.setPreferences(inApp!, [{ kind: 'trade_requested', mode: 'in_app' }]);

  const two = await statementsToTell(small.job);
  const eight = await statementsToTell(large.job);
  console.info(`statements to tell a site of 2: ${two.statements}, of 8: ${eight.statements}`);
  expect(two.outcome).toEqual({ status: 'sent', notices: 2 });
  expect(eight.outcome).toEqual({ status: 'sent', notices: 8 });
  expect(eight.statements).toBe(two.statements);

  for (const member of [large.owner, ...large.others]) {
    const notices = (await s.notifications.list(member, { limit: 10 })).items.filter(
      (n) => n.tradeId === large.trade.id,
    );
    expect(notices.map((n) => n.kind)).toEqual(['trade_requested']);
    const mails = (
      await mailOutboxRepository.listMail(s.database.db, { to: member.email, limit: 10 })
    ).filter((m) => m.text_body.includes(large.trade.id));
    // Immediate by default; the digest and in-app members get no e-mail now.
    expect(mails).toHaveLength(member === digest || member === inApp ? 0 : 1);
    if (mails[0]) expect(mails[0].text_body).toContain('desabonnement?jeton=');
  }

  // Told again (a retried job), and twice at once: nothing more is recorded or e-mailed.
  const again = await Promise.all([statementsToTell(large.job), statementsToTell(large.job)]);
  expect(again.map((a) => a.outcome)).toEqual([
    { status: 'sent', notices: 0 },
    { status: 'sent', notices: 0 },
  ]);
  const allMails = await mailOutboxRepository.listMail(s.database.db, { limit: 500 });
  expect(allMails.filter((m) => m.text_body.includes(large.trade.id))).toHaveLength(6);
});
