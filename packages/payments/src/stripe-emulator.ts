import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { checkoutPage, messagePage } from './stripe-emulator-pages.ts';
import {
  invalidRequest,
  paramError,
  StripeApiError,
  type StripeErrorBody,
} from './stripe-emulator-params.ts';
import {
  type EmitOptions,
  type RequestContext,
  StripeEmulatorState,
  type StripeObject,
  stripeId,
} from './stripe-emulator-state.ts';
import { loadEmulatorState, type StoredResponse, saveEmulatorState } from './stripe-emulator-store.ts';
import { FormEncodingError, type FormParams, parseStripeForm } from './stripe-form-encoding.ts';

export interface StripeEmulatorOptions {
  /** 0 (the default) picks a free port. The emulator only ever listens on 127.0.0.1. */
  port?: number | undefined;
  /** Where webhooks are POSTed; events are only recorded while it is unset. */
  webhookUrl?: string | undefined;
  webhookSecret: string;
  /**
   * The Connect endpoint: events that happen on a connected account (`account.updated`…) go
   * there, signed with its own secret, and never to the platform endpoint — as at Stripe.
   */
  connectWebhookUrl?: string | undefined;
  connectWebhookSecret?: string | undefined;
  /**
   * A JSON file holding accounts, sessions, payments, refunds, transfers and idempotency keys,
   * rewritten atomically after each change and read at start: the emulator survives a restart.
   * Unset: state lives in memory (tests).
   */
  stateFile?: string | undefined;
  /** The API key clients must send; a random `sk_test_emulator_…` by default. */
  secretKey?: string | undefined;
  /** Base of the hosted pages' URLs, when browsers reach the emulator through another address. */
  publicBaseUrl?: string | undefined;
  now?: (() => Date) | undefined;
  /** Event types the webhook endpoint subscribes to, as on a Stripe endpoint; `*` for all (default). */
  enabledEvents?: readonly string[] | undefined;
  /** Automatic deliveries: tries per event until a 2xx (default 3), spaced by a doubling delay. */
  webhookAttempts?: number | undefined;
  webhookRetryDelayMs?: number | undefined;
  webhookTimeoutMs?: number | undefined;
  /** How long the hosted pages wait for the resulting webhooks before redirecting (default 2 s). */
  redirectWaitMs?: number | undefined;
  /** API version written into events (default: the SDK's). */
  apiVersion?: string | undefined;
}

export interface EmulatorEvent {
  id: string;
  object: 'event';
  account?: string;
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  url: string;
  attempt: number;
  /** HTTP status of the receiver's answer; null when the request failed (refused, timed out). */
  status: number | null;
  ok: boolean;
  error?: string;
  manual: boolean;
  at: Date;
}

export interface DeliverOptions {
  /** Send the event this many times (default 1). */
  times?: number | undefined;
  /** Send the copies at once rather than one after the other, to exercise concurrent handlers. */
  concurrent?: boolean | undefined;
  /** `invalid` signs with another secret; `other_endpoint` with the other endpoint's secret. */
  signature?: 'valid' | 'invalid' | 'other_endpoint' | undefined;
  /** Signature timestamp (default now): an old one makes a stale delivery. */
  timestamp?: Date | undefined;
  url?: string | undefined;
}

export interface StripeEmulator {
  readonly url: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly connectWebhookSecret: string;
  /** Every event created so far, oldest first. */
  readonly events: readonly EmulatorEvent[];
  /** Every webhook POST attempt so far, oldest first. */
  readonly deliveries: readonly WebhookDelivery[];
  readonly platformBalanceCents: number;
  /** Options for `new Stripe(secretKey, …)` or `createStripeGateway` to talk to this emulator. */
  readonly clientOptions: { host: string; port: number; protocol: 'http' };
  setWebhookUrl(url: string | undefined): void;
  setConnectWebhookUrl(url: string | undefined): void;
  /** Off: events are only recorded, for tests that deliver them by hand (out of order, several times). */
  setAutoDelivery(enabled: boolean): void;
  /** (Re)delivers a recorded event, one POST per copy without retries; resolves with each attempt. */
  deliver(eventId: string, options?: DeliverOptions): Promise<WebhookDelivery[]>;
  /** Delivers recorded events one after the other in the given order (e.g. reversed). */
  deliverInOrder(
    eventIds: readonly string[],
    options?: Omit<DeliverOptions, 'times' | 'concurrent'>,
  ): Promise<WebhookDelivery[]>;
  /** Resolves once every queued or running delivery has finished. */
  idle(): Promise<void>;
  /** The exact body the emulator sends for an event. */
  payloadOf(eventId: string): string;
  /** A `Stripe-Signature` header value for a payload, signed with the webhook secret. */
  signatureHeader(payload: string, timestamp?: Date): string;
  /** What the hosted page's "Payer / Pay" button does; resolves with the success URL. */
  payCheckoutSession(sessionId: string, email?: string): Promise<string>;
  /** What visiting an onboarding link does. */
  completeOnboarding(accountId: string): Promise<void>;
  /** Expires open sessions whose `expires_at` has passed (per `now`); returns their ids. */
  expireDueSessions(): Promise<string[]>;
  /** A copy of any object by id (`acct_`, `cs_test_`, `pi_`, `ch_`, `re_`, `tr_`). */
  find(id: string): StripeObject | undefined;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1_000_000;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type ApiHandler = (match: RegExpExecArray, params: FormParams, request: RequestContext) => unknown;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Retrievals take no parameters here; anything sent is an unknown parameter. */
  handler: ApiHandler;
  /** For list requests: the query parameters they accept. */
  query?: readonly string[];
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function signStripePayload(payload: string, secret: string, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(invalidRequest('Request body too large.', { status: 413, storable: false }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const redirect = (status: 302 | 303, location: string): Reply => ({
  status,
  headers: { location, 'cache-control': 'no-store' },
  body: '',
});

const html = (status: number, body: string): Reply => ({ status, headers: htmlHeaders, body });

/**
 * A local Stripe emulator: a test double of the part of the Stripe API that Retaille calls,
 * served over HTTP so that the real `stripe` SDK talks to it (`host`, `port`, `protocol: 'http'`).
 * It behaves like Stripe where the product depends on it — Stripe-shaped objects, ids and
 * errors, idempotency keys, refund and transfer rules, Connect onboarding links, a hosted
 * checkout page, signed webhooks with retries — and is a simulation: no money ever moves, and
 * it says so on every page it serves. Charged funds are available at once (Stripe holds them
 * for days), only euros and cards are supported, and state lives in memory unless `stateFile` is set.
 */
export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  if (options.webhookSecret.length === 0) throw new Error('startStripeEmulator: webhookSecret is required');
  const now = options.now ?? (() => new Date());
  const secretKey = options.secretKey ?? `sk_test_emulator_${stripeId('k', 24).slice(2)}`;
  const webhookSecret = options.webhookSecret;
  const enabledEvents = new Set(options.enabledEvents ?? ['*']);
  const attempts = Math.max(1, options.webhookAttempts ?? 3);
  const retryDelayMs = options.webhookRetryDelayMs ?? 100;
  const timeoutMs = options.webhookTimeoutMs ?? 5_000;
  const redirectWaitMs = options.redirectWaitMs ?? 2_000;
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;

  let webhookUrl = options.webhookUrl;
  let connectWebhookUrl = options.connectWebhookUrl;
  const connectWebhookSecret = options.connectWebhookSecret ?? `whsec_connect_${stripeId('s', 24).slice(2)}`;
  /** Events on a connected account go to the Connect endpoint. */
  const isConnect = (event: EmulatorEvent) => event.account !== undefined;
  const endpointOf = (event: EmulatorEvent) => (isConnect(event) ? connectWebhookUrl : webhookUrl);
  let autoDeliver = true;
  let stopped = false;
  let baseUrl = '';
  const events: EmulatorEvent[] = [];
  const payloads = new Map<string, string>();
  const deliveries: WebhookDelivery[] = [];
  const idempotency = new Map<string, StoredResponse>();
  const running = new Set<Promise<unknown>>();
  let queue: Promise<void> = Promise.resolve();

  const unix = (d: Date) => Math.floor(d.getTime() / 1000);
  const subscribed = (type: string) => enabledEvents.has('*') || enabledEvents.has(type);

  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => undefined);
    return p;
  }

  async function post(
    event: EmulatorEvent,
    attempt: number,
    opts: {
      manual: boolean;
      url: string;
      signature?: 'valid' | 'invalid' | 'other_endpoint' | undefined;
      timestamp?: Date | undefined;
    },
  ): Promise<WebhookDelivery> {
    const payload = payloads.get(event.id) as string;
    const own = isConnect(event) ? connectWebhookSecret : webhookSecret;
    const other = isConnect(event) ? webhookSecret : connectWebhookSecret;
    const secret =
      opts.signature === 'invalid' ? `${own}_wrong` : opts.signature === 'other_endpoint' ? other : own;
    const header = signStripePayload(payload, secret, unix(opts.timestamp ?? now()));
    const delivery: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      url: opts.url,
      attempt,
      status: null,
      ok: false,
      manual: opts.manual,
      at: now(),
    };
    try {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': header,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      delivery.status = res.status;
      delivery.ok = res.status >= 200 && res.status < 300;
    } catch (err) {
      delivery.error = err instanceof Error ? err.message : String(err);
    }
    deliveries.push(delivery);
    return delivery;
  }

  /** Automatic deliveries not finished yet: saved with the state, resumed by the next process. */
  const undelivered = new Map<string, EmulatorEvent>();

  async function deliverWithRetries(event: EmulatorEvent): Promise<void> {
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      const url = endpointOf(event);
      if (url === undefined) return;
      const result = await post(event, attempt, { manual: false, url });
      if (result.ok) break;
      if (attempt < attempts) await sleep(retryDelayMs * 2 ** (attempt - 1));
    }
    // Stopped mid-way: the event stays pending for the next start; otherwise it is settled.
    if (stopped) return;
    undelivered.delete(event.id);
    persist();
  }

  function scheduleDelivery(event: EmulatorEvent): void {
    undelivered.set(event.id, event);
    queue = queue.then(() => deliverWithRetries(event));
    track(queue);
  }

  function emit(type: string, object: StripeObject, opts: EmitOptions): void {
    const target = opts.account === undefined ? webhookUrl : connectWebhookUrl;
    const willDeliver = target !== undefined && subscribed(type);
    const event: EmulatorEvent = {
      id: stripeId('evt', 24),
      object: 'event',
      ...(opts.account === undefined ? {} : { account: opts.account }),
      api_version: apiVersion,
      created: unix(now()),
      data: {
        object: structuredClone(object),
        ...(opts.previousAttributes === undefined ? {} : { previous_attributes: opts.previousAttributes }),
      },
      livemode: false,
      pending_webhooks: willDeliver ? 1 : 0,
      request: { id: opts.request.requestId, idempotency_key: opts.request.idempotencyKey },
      type,
    };
    events.push(event);
    // Stripe sends webhook bodies pretty-printed; keeping the exact bytes lets redeliveries match.
    payloads.set(event.id, JSON.stringify(event, null, 2));
    if (willDeliver && autoDeliver) scheduleDelivery(event);
  }

  const state = new StripeEmulatorState({ now, publicBaseUrl: () => baseUrl, emit });
  const stateFile = options.stateFile;
  if (stateFile !== undefined) {
    const saved = loadEmulatorState(stateFile);
    if (saved !== undefined) {
      state.restore(saved.state);
      for (const [key, stored] of saved.idempotency) idempotency.set(key, stored);
      for (const { event, payload } of saved.pendingEvents ?? []) {
        events.push(event);
        payloads.set(event.id, payload);
        undelivered.set(event.id, event);
      }
    }
  }
  /** Events a previous process could not deliver go out once their endpoint is known. */
  function resumePending(): void {
    for (const event of [...undelivered.values()]) {
      if (endpointOf(event) !== undefined && autoDeliver) {
        undelivered.delete(event.id);
        scheduleDelivery(event);
      }
    }
  }
  /** Called after anything that may have changed the state: one atomic rewrite of the file. */
  function persist(): void {
    if (stateFile === undefined) return;
    const cutoff = now().getTime() - IDEMPOTENCY_TTL_MS;
    for (const [key, stored] of idempotency) if (stored.storedAt < cutoff) idempotency.delete(key);
    saveEmulatorState(stateFile, {
      state: state.snapshot(),
      idempotency: [...idempotency.entries()],
      pendingEvents: [...undelivered.values()].map((event) => ({
        event,
        payload: payloads.get(event.id) as string,
      })),
    });
  }

  /** Lets the hosted pages redirect after the webhooks they caused went out, but never hang on them. */
  async function settleDeliveries(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, redirectWaitMs);
    });
    await Promise.race([queue, timeout]);
    clearTimeout(timer);
  }

  const routes: Route[] = [
    { method: 'POST', pattern: /^\/v1\/accounts$/, handler: (_m, p) => state.createAccount(p) },
    {
      method: 'GET',
      pattern: /^\/v1\/accounts\/([^/]+)$/,
      handler: (m) => state.retrieveAccount(m[1] as string),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/accounts\/([^/]+)$/,
      handler: (m, p) => state.updateAccountByPlatform(m[1] as string, p),
    },
    { method: 'POST', pattern: /^\/v1\/account_links$/, handler: (_m, p) => state.createAccountLink(p) },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions$/,
      handler: (_m, p) => state.createCheckoutSession(p),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      handler: (m) => state.retrieveCheckoutSession(m[1] as string),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      handler: (m, _p, r) => state.expireCheckoutSession(m[1] as string, r),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      handler: (m) => state.retrievePaymentIntent(m[1] as string),
    },
    { method: 'POST', pattern: /^\/v1\/refunds$/, handler: (_m, p, r) => state.createRefund(p, r) },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds$/,
      handler: (_m, p) => state.listRefunds(p),
      query: ['payment_intent', 'limit', 'starting_after'],
    },
    {
      method: 'GET',
      pattern: /^\/v1\/transfers$/,
      handler: (_m, p) => state.listTransfers(p),
      query: ['transfer_group', 'limit', 'starting_after'],
    },
    { method: 'POST', pattern: /^\/v1\/transfers$/, handler: (_m, p, r) => state.createTransfer(p, r) },
  ];

  function errorReply(
    err: StripeApiError | { status: number; body: StripeErrorBody },
  ): Omit<Reply, 'headers'> {
    return { status: err.status, body: JSON.stringify({ error: err.body }, null, 2) };
  }

  function authenticate(req: IncomingMessage): StripeApiError | undefined {
    const auth = req.headers.authorization;
    let key: string | undefined;
    if (auth?.startsWith('Bearer ')) key = auth.slice('Bearer '.length).trim();
    else if (auth?.startsWith('Basic ')) {
      key = Buffer.from(auth.slice('Basic '.length), 'base64').toString('utf8').split(':')[0];
    }
    if (key === undefined || key === '') {
      return invalidRequest(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        { status: 401, storable: false },
      );
    }
    if (key !== secretKey) {
      return invalidRequest(`Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`, {
        status: 401,
        storable: false,
      });
    }
    return undefined;
  }

  async function handleApi(req: IncomingMessage, url: URL): Promise<Reply> {
    const requestId = stripeId('req', 14);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': requestId,
      'stripe-version': String(req.headers['stripe-version'] ?? apiVersion),
      'cache-control': 'no-cache, no-store',
    };
    const method = req.method ?? 'GET';
    const rawKey = req.headers['idempotency-key'];
    const idempotencyKey = method === 'POST' && typeof rawKey === 'string' && rawKey !== '' ? rawKey : null;
    if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
    const reply = (r: Omit<Reply, 'headers'>, extra: Record<string, string> = {}): Reply => ({
      ...r,
      headers: { ...headers, ...extra },
    });

    const authError = authenticate(req);
    if (authError !== undefined) return reply(errorReply(authError));

    let params: FormParams;
    try {
      const body = method === 'POST' ? await readBody(req) : url.search.slice(1);
      params = parseStripeForm(body);
    } catch (err) {
      if (err instanceof FormEncodingError) return reply(errorReply(paramError(err.param, err.message)));
      if (err instanceof StripeApiError) return reply(errorReply(err));
      throw err;
    }

    const path = url.pathname;
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of routes) {
      if (r.method !== method) continue;
      match = r.pattern.exec(path);
      if (match !== null) {
        route = r;
        break;
      }
    }
    if (route === undefined || match === null) {
      return reply(
        errorReply(
          invalidRequest(
            `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
            { status: 404, storable: false },
          ),
        ),
      );
    }
    if (method === 'GET') {
      const allowed = route.query ?? [];
      const first = Object.keys(params).find((k) => !allowed.includes(k));
      if (first !== undefined) {
        return reply(
          errorReply(paramError(first, `Received unknown parameter: ${first}`, 'parameter_unknown')),
        );
      }
    }

    const fingerprint = `${method} ${path} ${canonical(params)}`;
    if (idempotencyKey !== null) {
      if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        return reply(
          errorReply(
            invalidRequest(`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`, {
              storable: false,
            }),
          ),
        );
      }
      const stored = idempotency.get(idempotencyKey);
      if (stored !== undefined && now().getTime() - stored.storedAt < IDEMPOTENCY_TTL_MS) {
        if (stored.fingerprint !== fingerprint) {
          return reply(
            errorReply({
              status: 400,
              body: {
                type: 'idempotency_error',
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              },
            }),
          );
        }
        return reply({ status: stored.status, body: stored.body }, { 'idempotent-replayed': 'true' });
      }
    }

    let result: Omit<Reply, 'headers'>;
    let storable = true;
    try {
      const object = route.handler(match, params, { requestId, idempotencyKey });
      result = { status: 200, body: JSON.stringify(object, null, 2) };
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      result = errorReply(err);
      storable = err.storable;
    }
    if (idempotencyKey !== null && storable) {
      idempotency.set(idempotencyKey, { fingerprint, ...result, storedAt: now().getTime() });
    }
    return reply(result);
  }

  const successUrlOf = (session: { id: string; success_url: string }) =>
    session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id);

  async function handleCheckoutPage(req: IncomingMessage, sessionId: string): Promise<Reply> {
    let session: ReturnType<StripeEmulatorState['retrieveCheckoutSession']>;
    try {
      session = state.retrieveCheckoutSession(sessionId);
    } catch {
      return html(404, messagePage('Session de paiement introuvable', 'Checkout Session not found'));
    }
    if (req.method === 'GET') {
      if (session.status === 'open') return html(200, checkoutPage(session, state.lineItems(session.id)));
      if (session.status === 'complete') {
        return html(
          200,
          messagePage('Paiement déjà effectué', 'Payment already completed', {
            href: successUrlOf(session),
            fr: 'Continuer',
            en: 'Continue',
          }),
        );
      }
      return html(
        410,
        messagePage(
          'Cette session de paiement a expiré',
          'This Checkout Session has expired',
          session.cancel_url === null ? undefined : { href: session.cancel_url, fr: 'Retour', en: 'Back' },
        ),
      );
    }
    const form = new URLSearchParams(await readBody(req));
    const action = form.get('action');
    if (action === 'decline') {
      if (session.cancel_url !== null) return redirect(303, session.cancel_url);
      return html(200, messagePage('Paiement refusé', 'Payment declined'));
    }
    if (action !== 'pay') return html(400, messagePage('Action inconnue', 'Unknown action'));
    const email = form.get('email')?.trim();
    const paid = state.payCheckoutSession(sessionId, email?.includes('@') ? email : null);
    if (paid.outcome === 'expired') {
      return html(
        409,
        messagePage('Cette session de paiement a expiré', 'This Checkout Session has expired'),
      );
    }
    await settleDeliveries();
    return redirect(303, successUrlOf(paid.session));
  }

  async function handleOnboarding(accountId: string, token: string): Promise<Reply> {
    const visit = state.visitAccountLink(accountId, token);
    if (visit === undefined) return html(404, messagePage('Lien introuvable', 'Link not found'));
    await settleDeliveries();
    return redirect(302, visit.redirect);
  }

  async function dispatch(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname.startsWith('/v1/')) return handleApi(req, url);
    const checkout = /^\/checkout\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (checkout !== null && (req.method === 'GET' || req.method === 'POST')) {
      return handleCheckoutPage(req, checkout[1] as string);
    }
    const onboarding = /^\/connect\/onboarding\/([A-Za-z0-9_]+)\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (onboarding !== null && req.method === 'GET') {
      return handleOnboarding(onboarding[1] as string, onboarding[2] as string);
    }
    return html(404, messagePage('Page introuvable', 'Page not found'));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let r: Reply;
    try {
      r = await dispatch(req);
      // Even a GET may change the state (a session read past its expires_at expires).
      persist();
    } catch (err) {
      r = {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          error: {
            type: 'api_error',
            message: `Emulator failure: ${err instanceof Error ? err.message : String(err)}`,
          },
        }),
      };
    }
    res.writeHead(r.status, { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) });
    res.end(r.body);
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  baseUrl = (options.publicBaseUrl ?? url).replace(/\/+$/, '');
  resumePending();

  function recorded(eventId: string): EmulatorEvent {
    const event = events.find((e) => e.id === eventId);
    if (event === undefined) throw new Error(`No recorded event ${eventId}`);
    return event;
  }

  function targetUrl(event: EmulatorEvent, opts: DeliverOptions): string {
    const target = opts.url ?? endpointOf(event);
    if (target === undefined) throw new Error('No webhook URL: pass one or call setWebhookUrl()');
    return target;
  }

  async function deliver(eventId: string, opts: DeliverOptions = {}): Promise<WebhookDelivery[]> {
    const event = recorded(eventId);
    const target = targetUrl(event, opts);
    const times = Math.max(1, opts.times ?? 1);
    const send = () =>
      post(event, 1, { manual: true, url: target, signature: opts.signature, timestamp: opts.timestamp });
    if (opts.concurrent) return track(Promise.all(Array.from({ length: times }, send)));
    const out: WebhookDelivery[] = [];
    for (let i = 0; i < times; i++) out.push(await track(send()));
    return out;
  }

  return {
    url,
    host: HOST,
    port,
    secretKey,
    webhookSecret,
    connectWebhookSecret,
    get events() {
      return events;
    },
    get deliveries() {
      return deliveries;
    },
    get platformBalanceCents() {
      return state.platformBalanceCents;
    },
    clientOptions: { host: HOST, port, protocol: 'http' },
    setWebhookUrl(next) {
      webhookUrl = next;
      resumePending();
    },
    setConnectWebhookUrl(next) {
      connectWebhookUrl = next;
      resumePending();
    },
    setAutoDelivery(enabled) {
      autoDeliver = enabled;
    },
    deliver,
    async deliverInOrder(eventIds, opts = {}) {
      const out: WebhookDelivery[] = [];
      for (const id of eventIds) out.push(...(await deliver(id, opts)));
      return out;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    payloadOf(eventId) {
      recorded(eventId);
      return payloads.get(eventId) as string;
    },
    signatureHeader(payload, timestamp) {
      return signStripePayload(payload, webhookSecret, unix(timestamp ?? now()));
    },
    async payCheckoutSession(sessionId, email) {
      const paid = state.payCheckoutSession(sessionId, email ?? null);
      persist();
      if (paid.outcome === 'expired') throw new Error(`Checkout Session ${sessionId} has expired`);
      await settleDeliveries();
      return successUrlOf(paid.session);
    },
    async completeOnboarding(accountId) {
      state.completeOnboarding(accountId);
      persist();
      await settleDeliveries();
    },
    async expireDueSessions() {
      const ids = state.expireDueSessions();
      persist();
      await settleDeliveries();
      return ids;
    },
    find: (id) => state.find(id),
    async stop() {
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      while (running.size > 0) await Promise.allSettled([...running]);
      persist();
    },
  };
}
