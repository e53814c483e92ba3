import { randomBytes } from 'node:crypto';
import {
  invalidRequest,
  missingParam,
  noSuch,
  type ParamShape,
  paramError,
  readerFor,
} from './stripe-emulator-params.ts';
import type { FormParams } from './stripe-form-encoding.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export interface ListEnvelope<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  total_count: number;
  url: string;
}

const emptyList = <T>(url: string): ListEnvelope<T> => ({
  object: 'list',
  data: [],
  has_more: false,
  total_count: 0,
  url,
});

type Metadata = Record<string, string>;
type CapabilityStatus = 'active' | 'inactive' | 'pending';

export interface AccountObject {
  id: string;
  object: 'account';
  type: 'express';
  business_type: string | null;
  capabilities: Record<string, CapabilityStatus>;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  country: string;
  created: number;
  default_currency: 'eur';
  email: string | null;
  external_accounts: ListEnvelope<never>;
  livemode: false;
  metadata: Metadata;
  requirements: {
    currently_due: string[];
    eventually_due: string[];
    past_due: string[];
    disabled_reason: string | null;
  };
}

export interface AccountLinkObject {
  object: 'account_link';
  created: number;
  expires_at: number;
  url: string;
}

export interface CheckoutSessionObject {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: 'eur';
  customer: null;
  customer_details: { email: string | null; name: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: 'payment';
  allowed_payment_method_types: string[] | null;
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  ui_mode: 'hosted';
  url: string | null;
}

export interface LineItem {
  description: string;
  quantity: number;
  unitAmount: number;
}

export interface PaymentIntentObject {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  capture_method: 'automatic_async';
  created: number;
  currency: 'eur';
  description: string | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  payment_method_types: string[];
  status: 'succeeded';
  transfer_group: string | null;
}

export interface ChargeObject {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string;
  billing_details: { email: string | null };
  captured: boolean;
  created: number;
  currency: 'eur';
  description: string | null;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: 'succeeded';
  transfer_group: string | null;
}

export interface RefundObject {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: 'eur';
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

export interface TransferObject {
  id: string;
  object: 'transfer';
  amount: number;
  amount_reversed: number;
  balance_transaction: string;
  created: number;
  currency: 'eur';
  description: string | null;
  destination: string;
  destination_payment: string;
  livemode: false;
  metadata: Metadata;
  reversals: ListEnvelope<never>;
  reversed: boolean;
  source_transaction: string | null;
  transfer_group: string | null;
}

export type StripeObject =
  | AccountObject
  | CheckoutSessionObject
  | PaymentIntentObject
  | ChargeObject
  | RefundObject
  | TransferObject;

/** Who caused an event: an API request (with its id and idempotency key) or the emulator itself. */
export interface RequestContext {
  requestId: string | null;
  idempotencyKey: string | null;
}

export const NO_REQUEST: RequestContext = { requestId: null, idempotencyKey: null };

export interface EmitOptions {
  request: RequestContext;
  previousAttributes?: Record<string, unknown>;
  /** Connected account the event happened on (Connect events carry `account`). */
  account?: string;
}

export type Emit = (type: string, object: StripeObject, options: EmitOptions) => void;

interface AccountLinkRecord {
  accountId: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

interface SessionExtras {
  lineItems: LineItem[];
  paymentIntent: { transferGroup: string | null; metadata: Metadata; description: string | null };
}

export type PayOutcome =
  | { outcome: 'paid'; session: CheckoutSessionObject }
  | { outcome: 'already_paid'; session: CheckoutSessionObject }
  | { outcome: 'expired'; session: CheckoutSessionObject };

const MIN_CHARGE_CENTS = 50;
const ACCOUNT_LINK_TTL_SECONDS = 300;
const SESSION_MIN_TTL_SECONDS = 30 * 60;
const SESSION_MAX_TTL_SECONDS = 24 * 60 * 60;
const ONBOARDING_REQUIREMENTS = [
  'business_type',
  'external_account',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

/** What `POST /v1/accounts/:id` accepts here: capabilities to request or remove, metadata. */
const accountUpdateShape = {
  metadata: 'map',
  capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
} as const satisfies Record<string, ParamShape>;

const accountShape = {
  type: true,
  country: true,
  email: true,
  business_type: true,
  metadata: 'map',
  capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
} as const satisfies Record<string, ParamShape>;

/** Everything the emulator must remember across a restart, as plain JSON. */
export interface EmulatorSnapshot {
  version: 1;
  accounts: AccountObject[];
  accountLinks: [string, AccountLinkRecord][];
  sessions: CheckoutSessionObject[];
  sessionExtras: [string, SessionExtras][];
  paymentIntents: PaymentIntentObject[];
  charges: ChargeObject[];
  refunds: RefundObject[];
  transfers: TransferObject[];
  availableCents: number;
}

const accountLinkShape = {
  account: true,
  refresh_url: true,
  return_url: true,
  type: true,
  collect: true,
} as const satisfies Record<string, ParamShape>;

const checkoutShape = {
  mode: true,
  line_items: [
    {
      quantity: true,
      price: true,
      price_data: { currency: true, unit_amount: true, product_data: { name: true, description: true } },
    },
  ],
  allowed_payment_method_types: [true],
  payment_intent_data: { transfer_group: true, metadata: 'map', description: true },
  metadata: 'map',
  client_reference_id: true,
  success_url: true,
  cancel_url: true,
  expires_at: true,
  customer_email: true,
  locale: true,
} as const satisfies Record<string, ParamShape>;

const refundShape = {
  payment_intent: true,
  charge: true,
  amount: true,
  reason: true,
  metadata: 'map',
} as const satisfies Record<string, ParamShape>;

const transferShape = {
  amount: true,
  currency: true,
  destination: true,
  transfer_group: true,
  source_transaction: true,
  description: true,
  metadata: 'map',
} as const satisfies Record<string, ParamShape>;

const isHttpUrl = (s: string): boolean => /^https?:\/\/[^\s]+$/.test(s);

function requireUrl(value: string, param: string): string {
  if (!isHttpUrl(value)) throw paramError(param, `Not a valid URL: ${param}`, 'url_invalid');
  return value;
}

/**
 * The emulator's objects and rules, without HTTP. Methods take parsed form parameters, return
 * Stripe-shaped objects, and throw `StripeApiError` where Stripe answers with an error.
 */
export class StripeEmulatorState {
  private readonly accounts = new Map<string, AccountObject>();
  private readonly accountLinks = new Map<string, AccountLinkRecord>();
  private readonly sessions = new Map<string, CheckoutSessionObject>();
  private readonly sessionExtras = new Map<string, SessionExtras>();
  private readonly paymentIntents = new Map<string, PaymentIntentObject>();
  private readonly charges = new Map<string, ChargeObject>();
  private readonly refunds = new Map<string, RefundObject>();
  private readonly transfers = new Map<string, TransferObject>();
  /** Platform balance in cents. Charged funds count as available at once (Stripe holds them for days). */
  private availableCents = 0;

  constructor(private readonly deps: { now: () => Date; publicBaseUrl: () => string; emit: Emit }) {}

  private unixNow(): number {
    return Math.floor(this.deps.now().getTime() / 1000);
  }

  get platformBalanceCents(): number {
    return this.availableCents;
  }

  /** A copy of any stored object by id, for tests. */
  find(id: string): StripeObject | undefined {
    const o =
      this.accounts.get(id) ??
      this.sessions.get(id) ??
      this.paymentIntents.get(id) ??
      this.charges.get(id) ??
      this.refunds.get(id) ??
      this.transfers.get(id);
    return o === undefined ? undefined : structuredClone(o);
  }

  snapshot(): EmulatorSnapshot {
    return structuredClone({
      version: 1,
      accounts: [...this.accounts.values()],
      accountLinks: [...this.accountLinks.entries()],
      sessions: [...this.sessions.values()],
      sessionExtras: [...this.sessionExtras.entries()],
      paymentIntents: [...this.paymentIntents.values()],
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      transfers: [...this.transfers.values()],
      availableCents: this.availableCents,
    });
  }

  /** Replaces the whole state with a snapshot (taken by `snapshot()`, possibly by an earlier process). */
  restore(snapshot: EmulatorSnapshot): void {
    if (snapshot.version !== 1) throw new Error(`Unknown emulator state version ${String(snapshot.version)}`);
    const fill = <T>(map: Map<string, T>, entries: Iterable<[string, T]>) => {
      map.clear();
      for (const [k, v] of entries) map.set(k, v);
    };
    const byId = <T extends { id: string }>(list: T[]): [string, T][] => list.map((o) => [o.id, o]);
    const copy = structuredClone(snapshot);
    fill(this.accounts, byId(copy.accounts));
    fill(this.accountLinks, copy.accountLinks);
    fill(this.sessions, byId(copy.sessions));
    fill(this.sessionExtras, copy.sessionExtras);
    fill(this.paymentIntents, byId(copy.paymentIntents));
    fill(this.charges, byId(copy.charges));
    fill(this.refunds, byId(copy.refunds));
    fill(this.transfers, byId(copy.transfers));
    this.availableCents = copy.availableCents;
  }

  lineItems(sessionId: string): readonly LineItem[] {
    return this.sessionExtras.get(sessionId)?.lineItems ?? [];
  }

  // --- Connect accounts -------------------------------------------------------------------

  createAccount(params: FormParams): AccountObject {
    const p = readerFor(params, accountShape);
    const type = p.oneOf(['type'], ['express', 'standard', 'custom']);
    if (type === undefined) throw missingParam('type');
    if (type !== 'express')
      throw paramError('type', 'The emulator only supports Express accounts (type=express).');
    const country = p.string(['country']) ?? 'FR';
    if (!/^[A-Z]{2}$/.test(country)) throw paramError('country', `Invalid country: ${country}`);
    const email = p.string(['email']) ?? null;
    if (email !== null && !email.includes('@')) {
      throw paramError('email', `Invalid email address: ${email}`, 'email_invalid');
    }
    const capabilities: Record<string, CapabilityStatus> = {};
    for (const cap of ['card_payments', 'transfers'] as const) {
      if (p.boolean(['capabilities', cap, 'requested'])) capabilities[cap] = 'inactive';
    }
    if (Object.keys(capabilities).length === 0) {
      throw paramError('capabilities', 'Express accounts must request at least the `transfers` capability.');
    }
    const id = stripeId('acct', 16);
    const account: AccountObject = {
      id,
      object: 'account',
      type: 'express',
      business_type: p.string(['business_type']) ?? null,
      capabilities,
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      country,
      created: this.unixNow(),
      default_currency: 'eur',
      email,
      external_accounts: emptyList(`/v1/accounts/${id}/external_accounts`),
      livemode: false,
      metadata: p.metadata(),
      requirements: {
        currently_due: [...ONBOARDING_REQUIREMENTS],
        eventually_due: [...ONBOARDING_REQUIREMENTS],
        past_due: [...ONBOARDING_REQUIREMENTS],
        disabled_reason: 'requirements.past_due',
      },
    };
    this.accounts.set(id, account);
    return account;
  }

  retrieveAccount(id: string): AccountObject {
    const account = this.accounts.get(id);
    if (account === undefined) throw noSuch('account', id, 'account', 404);
    return account;
  }

  createAccountLink(params: FormParams): AccountLinkObject {
    const p = readerFor(params, accountLinkShape);
    const accountId = p.requiredString(['account']);
    const type = p.oneOf(['type'], ['account_onboarding', 'account_update'], true);
    const refreshUrl = requireUrl(p.requiredString(['refresh_url']), 'refresh_url');
    const returnUrl = requireUrl(p.requiredString(['return_url']), 'return_url');
    if (!this.accounts.has(accountId)) throw noSuch('account', accountId, 'account');
    if (type === 'account_update') {
      throw paramError('type', 'The emulator only supports account links of type account_onboarding.');
    }
    const created = this.unixNow();
    const token = stripeId('link', 24).slice('link_'.length);
    this.accountLinks.set(token, {
      accountId,
      refreshUrl,
      returnUrl,
      expiresAt: created + ACCOUNT_LINK_TTL_SECONDS,
      used: false,
    });
    return {
      object: 'account_link',
      created,
      expires_at: created + ACCOUNT_LINK_TTL_SECONDS,
      url: `${this.deps.publicBaseUrl()}/connect/onboarding/${accountId}/${token}`,
    };
  }

  /** The seller visits the onboarding link: single use, expires after 5 minutes, as at Stripe. */
  visitAccountLink(accountId: string, token: string): { redirect: string } | undefined {
    const link = this.accountLinks.get(token);
    if (link === undefined || link.accountId !== accountId) return undefined;
    if (link.used || this.unixNow() > link.expiresAt) return { redirect: link.refreshUrl };
    link.used = true;
    this.completeOnboarding(link.accountId);
    return { redirect: link.returnUrl };
  }

  private updateAccount(account: AccountObject, change: (a: AccountObject) => void): void {
    const previous = {
      capabilities: { ...account.capabilities },
      charges_enabled: account.charges_enabled,
      payouts_enabled: account.payouts_enabled,
      details_submitted: account.details_submitted,
      requirements: structuredClone(account.requirements),
    };
    change(account);
    this.deps.emit('account.updated', account, {
      request: NO_REQUEST,
      previousAttributes: previous,
      account: account.id,
    });
  }

  /**
   * The seller finished the onboarding form: details are submitted and the requested
   * capabilities go `pending` while Stripe verifies them, as at Stripe (`account.updated`).
   */
  submitOnboarding(accountId: string): AccountObject {
    const account = this.retrieveAccount(accountId);
    if (account.details_submitted) return account;
    this.updateAccount(account, (a) => {
      for (const cap of Object.keys(a.capabilities)) a.capabilities[cap] = 'pending';
      a.details_submitted = true;
      a.business_type ??= 'company';
      a.requirements = {
        currently_due: [],
        eventually_due: [],
        past_due: [],
        disabled_reason: 'requirements.pending_verification',
      };
    });
    return account;
  }

  /**
   * Verification done: capabilities become `active` (a second `account.updated`). Charges are
   * enabled only with `card_payments`, which a platform using separate charges and transfers
   * does not request.
   */
  verifyAccount(accountId: string): AccountObject {
    const account = this.submitOnboarding(accountId);
    if (Object.values(account.capabilities).every((c) => c === 'active')) return account;
    this.updateAccount(account, (a) => {
      for (const cap of Object.keys(a.capabilities)) a.capabilities[cap] = 'active';
      a.charges_enabled = a.capabilities.card_payments === 'active';
      a.payouts_enabled = true;
      a.requirements = { currently_due: [], eventually_due: [], past_due: [], disabled_reason: null };
    });
    return account;
  }

  /** Onboarding submitted then verified: `transfers` goes pending, then active (two `account.updated`). */
  completeOnboarding(accountId: string): AccountObject {
    this.submitOnboarding(accountId);
    return this.verifyAccount(accountId);
  }

  /**
   * `POST /v1/accounts/:id`: the platform requests or removes capabilities (and merges metadata,
   * an empty value removing a key), as at Stripe. A removed capability leaves the account's
   * `capabilities` hash (it is `unrequested`), so a transfer to it fails with
   * `insufficient_capabilities_for_transfer`. Requested again on an account whose onboarding is
   * done, it goes `pending` then `active` (two `account.updated` events, as after verification);
   * on an account still onboarding it stays `inactive` until the seller finishes.
   */
  updateAccountByPlatform(accountId: string, params: FormParams): AccountObject {
    const p = readerFor(params, accountUpdateShape);
    const account = this.retrieveAccount(accountId);
    const requests: [string, boolean][] = [];
    for (const cap of ['card_payments', 'transfers'] as const) {
      const requested = p.boolean(['capabilities', cap, 'requested']);
      if (requested !== undefined) requests.push([cap, requested]);
    }
    const metadataRaw = p.raw(['metadata']);
    const metadata = metadataRaw === undefined ? undefined : metadataRaw === '' ? null : p.metadata();
    const emptied =
      metadataRaw !== undefined && typeof metadataRaw === 'object' && !Array.isArray(metadataRaw)
        ? Object.entries(metadataRaw)
            .filter(([, v]) => v === '')
            .map(([k]) => k)
        : [];
    // Checked before anything changes: a refused request moves nothing.
    let nextMetadata: Metadata | undefined;
    if (metadata === null) nextMetadata = {};
    else if (metadata !== undefined) {
      nextMetadata = { ...account.metadata, ...metadata };
      for (const k of emptied) delete nextMetadata[k];
      if (Object.keys(nextMetadata).length > 50) {
        throw paramError('metadata', 'Invalid metadata: at most 50 keys.');
      }
    }
    const removed = requests.filter(([cap, on]) => !on && cap in account.capabilities).map(([c]) => c);
    const added = requests.filter(([cap, on]) => on && !(cap in account.capabilities)).map(([c]) => c);
    const verified = account.details_submitted && account.requirements.disabled_reason === null;
    if (removed.length > 0 || added.length > 0) {
      this.updateAccount(account, (a) => {
        for (const cap of removed) delete a.capabilities[cap];
        for (const cap of added) a.capabilities[cap] = verified ? 'pending' : 'inactive';
        a.charges_enabled = a.capabilities.card_payments === 'active';
      });
      if (verified && added.length > 0) {
        this.updateAccount(account, (a) => {
          for (const cap of added) a.capabilities[cap] = 'active';
          a.charges_enabled = a.capabilities.card_payments === 'active';
        });
      }
    }
    if (nextMetadata !== undefined) account.metadata = nextMetadata;
    return account;
  }

  // --- Checkout ---------------------------------------------------------------------------

  createCheckoutSession(params: FormParams): CheckoutSessionObject {
    const p = readerFor(params, checkoutShape);
    const mode = p.oneOf(['mode'], ['payment', 'setup', 'subscription'], true);
    if (mode !== 'payment') throw paramError('mode', 'The emulator only supports Checkout in mode=payment.');
    const successUrl = requireUrl(p.requiredString(['success_url']), 'success_url');
    const cancelUrlRaw = p.string(['cancel_url']);
    const cancelUrl = cancelUrlRaw === undefined ? null : requireUrl(cancelUrlRaw, 'cancel_url');
    const methods = p.list(['allowed_payment_method_types']).map((m) => (typeof m === 'string' ? m : ''));
    for (const m of methods) {
      if (m !== 'card') {
        throw paramError(
          'allowed_payment_method_types',
          `The emulator only supports card payments, not ${m}.`,
        );
      }
    }
    const items = p.list(['line_items']);
    if (items.length === 0) throw missingParam('line_items');
    const lineItems = items.map((_, i): LineItem => {
      const at = (...rest: string[]) => ['line_items', String(i), ...rest];
      const price = p.string(at('price'));
      if (price !== undefined) throw noSuch('price', price, `line_items[${i}][price]`);
      if (p.raw(at('price_data')) === undefined) throw missingParam(`line_items[${i}][price_data]`);
      const currency = p.requiredString(at('price_data', 'currency'));
      if (currency.toLowerCase() !== 'eur') {
        throw paramError(`line_items[${i}][price_data][currency]`, 'The emulator only supports eur.');
      }
      return {
        description: p.requiredString(at('price_data', 'product_data', 'name')),
        unitAmount: p.integer(at('price_data', 'unit_amount'), { required: true, min: 0 }) as number,
        quantity: p.integer(at('quantity'), { required: true, min: 1 }) as number,
      };
    });
    const amount = lineItems.reduce((sum, li) => sum + li.unitAmount * li.quantity, 0);
    if (!Number.isSafeInteger(amount)) throw paramError('line_items', 'The total amount is too large.');
    if (amount < MIN_CHARGE_CENTS) {
      throw invalidRequest("The Checkout Session's total amount due must add up to at least €0.50 eur", {
        code: 'amount_too_small',
        param: 'line_items',
        storable: false,
      });
    }
    const created = this.unixNow();
    const expiresAt = p.integer(['expires_at']) ?? created + SESSION_MAX_TTL_SECONDS;
    if (expiresAt < created + SESSION_MIN_TTL_SECONDS) {
      throw paramError(
        'expires_at',
        'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      );
    }
    if (expiresAt > created + SESSION_MAX_TTL_SECONDS) {
      throw paramError(
        'expires_at',
        'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      );
    }
    const customerEmail = p.string(['customer_email']) ?? null;
    if (customerEmail !== null && !customerEmail.includes('@')) {
      throw paramError('customer_email', `Invalid email address: ${customerEmail}`, 'email_invalid');
    }
    const id = stripeId('cs_test', 58);
    const session: CheckoutSessionObject = {
      id,
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: cancelUrl,
      client_reference_id: p.string(['client_reference_id']) ?? null,
      created,
      currency: 'eur',
      customer: null,
      customer_details: null,
      customer_email: customerEmail,
      expires_at: expiresAt,
      livemode: false,
      locale: p.string(['locale']) ?? null,
      metadata: p.metadata(),
      mode: 'payment',
      allowed_payment_method_types: methods.length === 0 ? null : methods,
      payment_intent: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: successUrl,
      ui_mode: 'hosted',
      url: `${this.deps.publicBaseUrl()}/checkout/${id}`,
    };
    this.sessions.set(id, session);
    this.sessionExtras.set(id, {
      lineItems,
      paymentIntent: {
        transferGroup: p.string(['payment_intent_data', 'transfer_group']) ?? null,
        metadata: p.metadata(['payment_intent_data', 'metadata']),
        description: p.string(['payment_intent_data', 'description']) ?? null,
      },
    });
    return session;
  }

  /** The session, expired first if its `expires_at` has passed (Stripe expires them on its own). */
  retrieveCheckoutSession(id: string, status = 404): CheckoutSessionObject {
    const session = this.sessions.get(id);
    if (session === undefined) throw noSuch('checkout.session', id, 'session', status);
    if (session.status === 'open' && this.unixNow() >= session.expires_at)
      this.markExpired(session, NO_REQUEST);
    return session;
  }

  expireCheckoutSession(id: string, request: RequestContext): CheckoutSessionObject {
    const session = this.retrieveCheckoutSession(id);
    if (session.status !== 'open') {
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      );
    }
    this.markExpired(session, request);
    return session;
  }

  /** Expires every open session past its `expires_at`; returns their ids. */
  expireDueSessions(): string[] {
    const due: string[] = [];
    for (const session of this.sessions.values()) {
      if (session.status === 'open' && this.unixNow() >= session.expires_at) {
        this.markExpired(session, NO_REQUEST);
        due.push(session.id);
      }
    }
    return due;
  }

  private markExpired(session: CheckoutSessionObject, request: RequestContext): void {
    session.status = 'expired';
    session.url = null;
    this.deps.emit('checkout.session.expired', session, {
      request,
      previousAttributes: { status: 'open', url: `${this.deps.publicBaseUrl()}/checkout/${session.id}` },
    });
  }

  /** The buyer pays on the hosted page: PaymentIntent and Charge succeed, then the session completes. */
  payCheckoutSession(id: string, email: string | null): PayOutcome {
    const session = this.retrieveCheckoutSession(id);
    if (session.status === 'complete') return { outcome: 'already_paid', session };
    if (session.status === 'expired') return { outcome: 'expired', session };
    const extras = this.sessionExtras.get(id) as SessionExtras;
    const created = this.unixNow();
    const intentId = stripeId('pi', 24);
    const chargeId = stripeId('ch', 24);
    const amount = session.amount_total;
    const buyerEmail = email ?? session.customer_email;
    const intent: PaymentIntentObject = {
      id: intentId,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: amount,
      capture_method: 'automatic_async',
      created,
      currency: 'eur',
      description: extras.paymentIntent.description,
      latest_charge: chargeId,
      livemode: false,
      metadata: { ...extras.paymentIntent.metadata },
      payment_method_types: ['card'],
      status: 'succeeded',
      transfer_group: extras.paymentIntent.transferGroup,
    };
    const charge: ChargeObject = {
      id: chargeId,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      balance_transaction: stripeId('txn', 24),
      billing_details: { email: buyerEmail },
      captured: true,
      created,
      currency: 'eur',
      description: extras.paymentIntent.description,
      livemode: false,
      metadata: { ...extras.paymentIntent.metadata },
      paid: true,
      payment_intent: intentId,
      refunded: false,
      status: 'succeeded',
      transfer_group: extras.paymentIntent.transferGroup,
    };
    this.paymentIntents.set(intentId, intent);
    this.charges.set(chargeId, charge);
    this.availableCents += amount;
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = intentId;
    session.url = null;
    session.customer_details = { email: buyerEmail, name: null };
    this.deps.emit('charge.succeeded', charge, { request: NO_REQUEST });
    this.deps.emit('payment_intent.succeeded', intent, { request: NO_REQUEST });
    this.deps.emit('checkout.session.completed', session, { request: NO_REQUEST });
    return { outcome: 'paid', session };
  }

  retrievePaymentIntent(id: string): PaymentIntentObject {
    const intent = this.paymentIntents.get(id);
    if (intent === undefined) throw noSuch('payment_intent', id, 'intent', 404);
    return intent;
  }

  // --- Refunds and transfers --------------------------------------------------------------

  /** `GET /v1/refunds?payment_intent=…`: one page holds them all (the emulator never pages). */
  listRefunds(params: FormParams): ListEnvelope<RefundObject> {
    const intent = typeof params.payment_intent === 'string' ? params.payment_intent : undefined;
    const data = [...this.refunds.values()].filter(
      (r) => intent === undefined || r.payment_intent === intent,
    );
    return { object: 'list', data, has_more: false, total_count: data.length, url: '/v1/refunds' };
  }

  /** `GET /v1/transfers?transfer_group=…`. */
  listTransfers(params: FormParams): ListEnvelope<TransferObject> {
    const group = typeof params.transfer_group === 'string' ? params.transfer_group : undefined;
    const data = [...this.transfers.values()].filter(
      (t) => group === undefined || t.transfer_group === group,
    );
    return { object: 'list', data, has_more: false, total_count: data.length, url: '/v1/transfers' };
  }

  createRefund(params: FormParams, request: RequestContext): RefundObject {
    const p = readerFor(params, refundShape);
    const intentId = p.string(['payment_intent']);
    const chargeParam = p.string(['charge']);
    if (intentId === undefined && chargeParam === undefined) {
      throw paramError(
        'payment_intent',
        'One of `charge` or `payment_intent` is required.',
        'parameter_missing',
      );
    }
    const requested = p.integer(['amount'], { min: 1 });
    const reason = p.oneOf(['reason'], ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null;
    const metadata = p.metadata();
    let charge: ChargeObject | undefined;
    if (intentId !== undefined) {
      const intent = this.paymentIntents.get(intentId);
      if (intent === undefined) throw noSuch('payment_intent', intentId, 'payment_intent');
      charge = intent.latest_charge === null ? undefined : this.charges.get(intent.latest_charge);
      if (charge === undefined) {
        throw invalidRequest(
          `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
          {
            code: 'charge_not_refundable',
            param: 'payment_intent',
          },
        );
      }
    } else {
      charge = this.charges.get(chargeParam as string);
      if (charge === undefined) throw noSuch('charge', chargeParam as string, 'charge');
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    }
    const amount = requested ?? remaining;
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (€${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (€${(remaining / 100).toFixed(2)})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }
    const refund: RefundObject = {
      id: stripeId('re', 24),
      object: 'refund',
      amount,
      balance_transaction: stripeId('txn', 24),
      charge: charge.id,
      created: this.unixNow(),
      currency: 'eur',
      metadata,
      payment_intent: charge.payment_intent,
      reason,
      status: 'succeeded',
    };
    this.refunds.set(refund.id, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    this.availableCents -= amount;
    this.deps.emit('refund.created', refund, { request });
    this.deps.emit('charge.refunded', charge, { request, previousAttributes: previous });
    return refund;
  }

  createTransfer(params: FormParams, request: RequestContext): TransferObject {
    const p = readerFor(params, transferShape);
    const amount = p.integer(['amount'], { required: true, min: 1 }) as number;
    const currency = p.requiredString(['currency']);
    if (currency.toLowerCase() !== 'eur') throw paramError('currency', 'The emulator only supports eur.');
    const destinationId = p.requiredString(['destination']);
    const sourceId = p.string(['source_transaction']) ?? null;
    const metadata = p.metadata();
    const destination = this.accounts.get(destinationId);
    if (destination === undefined) throw noSuch('destination', destinationId, 'destination');
    if (destination.capabilities.transfers !== 'active') {
      throw invalidRequest(
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        { code: 'insufficient_capabilities_for_transfer', param: 'destination' },
      );
    }
    if (sourceId !== null) {
      const source = this.charges.get(sourceId);
      if (source === undefined) throw noSuch('charge', sourceId, 'source_transaction');
      let transferred = 0;
      for (const t of this.transfers.values()) if (t.source_transaction === sourceId) transferred += t.amount;
      const left = source.amount_captured - source.amount_refunded - transferred;
      if (amount > left) {
        throw invalidRequest(
          `The transfer amount (${amount}) exceeds what is left of source transaction ${sourceId} (${left}).`,
          { code: 'amount_too_large', param: 'amount' },
        );
      }
    } else if (amount > this.availableCents) {
      throw invalidRequest(
        'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.',
        { code: 'balance_insufficient' },
      );
    }
    const id = stripeId('tr', 24);
    const transfer: TransferObject = {
      id,
      object: 'transfer',
      amount,
      amount_reversed: 0,
      balance_transaction: stripeId('txn', 24),
      created: this.unixNow(),
      currency: 'eur',
      description: p.string(['description']) ?? null,
      destination: destinationId,
      destination_payment: stripeId('py', 24),
      livemode: false,
      metadata,
      reversals: emptyList(`/v1/transfers/${id}/reversals`),
      reversed: false,
      source_transaction: sourceId,
      transfer_group: p.string(['transfer_group']) ?? null,
    };
    this.transfers.set(id, transfer);
    this.availableCents -= amount;
    this.deps.emit('transfer.created', transfer, { request });
    return transfer;
  }
}
