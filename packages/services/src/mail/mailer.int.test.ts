import { createServer, type Server } from 'node:net';
import { loadConfig } from '@retaille/config';
import { mailOutboxRepository } from '@retaille/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JobQueue } from '../jobs/job-queue.ts';
import { createTestServices, type TestServices } from '../testing/test-services.ts';
import { createMailer, type Mailer } from './mailer.ts';

/** The smallest SMTP server nodemailer talks to: records each message's DATA. */
function fakeSmtp(received: string[]): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(data + buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = null;
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 fake\r\n');
        else if (line.startsWith('DATA')) {
          data = '';
          socket.write('354 go\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

let s: TestServices;
let smtp: Server;
let mailer: Mailer;
let jobs: JobQueue;
const received: string[] = [];

beforeAll(async () => {
  s = await createTestServices();
  const fake = await fakeSmtp(received);
  smtp = fake.server;
  mailer = createMailer(
    loadConfig({ NODE_ENV: 'test', SMTP_URL: `smtp://127.0.0.1:${fake.port}` }),
    s.database.db,
  );
  jobs = new JobQueue(s.database.db);
  jobs.bind({
    'allocation.run': async () => {},
    'lot.announce': async () => {},
    'mail.deliver': ({ mailId }) => mailer.deliver(mailId),
    'trade.notify': async () => {},
    'impact.upgrade': async () => {},
  });
});
afterAll(async () => {
  smtp.close();
  await s.database.close();
});

const mail = (to: string) => ({ kind: 'test', to, subject: `Pour ${to}`, text: 'Bonjour' });

it('records an e-mail with the transaction and sends it over SMTP once it has committed, once', async () => {
  await expect(
    jobs.transaction(async (trx, enqueue) => {
      await mailer.queue(trx, enqueue, mail('rolled-back@example.test'));
      throw new Error('the state change failed');
    }),
  ).rejects.toThrow('the state change failed');
  expect(
    await mailOutboxRepository.listMail(s.database.db, { to: 'rolled-back@example.test', limit: 5 }),
  ).toEqual([]);

  await jobs.transaction(async (trx, enqueue) => {
    await mailer.queue(trx, enqueue, mail('committed@example.test'));
  });
  const [row] = await mailOutboxRepository.listMail(s.database.db, {
    to: 'committed@example.test',
    limit: 5,
  });
  expect(row).toMatchObject({ transport: 'smtp', error: null });
  expect(row!.sent_at).not.toBeNull();
  expect(received.filter((m) => m.includes('Pour committed@example.test'))).toHaveLength(1);
  expect(received.some((m) => m.includes('rolled-back@example.test'))).toBe(false);

  // A retried job (its first run succeeded but was not recorded) sends nothing more.
  await jobs.run('mail.deliver', { mailId: row!.id });
  expect(received.filter((m) => m.includes('Pour committed@example.test'))).toHaveLength(1);
});

it('keeps an undelivered message with its error, for the job to retry', async () => {
  const down = createMailer(loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://127.0.0.1:1' }), s.database.db);
  const queue = new JobQueue(s.database.db);
  queue.bind({
    'allocation.run': async () => {},
    'lot.announce': async () => {},
    'mail.deliver': ({ mailId }) => down.deliver(mailId),
    'trade.notify': async () => {},
    'impact.upgrade': async () => {},
  });
  await expect(
    queue.transaction(async (trx, enqueue) => {
      await down.queue(trx, enqueue, mail('later@example.test'));
    }),
  ).rejects.toThrow(/SMTP delivery failed/);
  const [row] = await mailOutboxRepository.listMail(s.database.db, { to: 'later@example.test', limit: 5 });
  expect(row).toMatchObject({ sent_at: null, error: expect.any(String) });
});
