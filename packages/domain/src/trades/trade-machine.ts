import { z } from 'zod';
import { EMBEDDED_FACTOR_SET } from '../impact/embedded-factors.ts';
import { findTransportFactor } from '../impact/factor-registry.ts';
import type { DecimalInput } from '../money/decimal.ts';
import { DomainError } from '../shared/errors.ts';
import type { CapturedPayment, PickupSlot, TradeEffect, TradeEffectType } from './trade-effects.ts';
import type { TradeActor, TradeParty, TradeState } from './trade-states.ts';
import { type DelayKey, delayMs, type TradeTimings } from './trade-timings.ts';
import { measuredKgToGrams } from './weight.ts';

export const TRANSITION_NAMES = [
  'request',
  'accept',
  'decline',
  'withdraw_request',
  'expire_request',
  'mark_paid',
  'expire_payment',
  'propose_pickup',
  'agree_pickup',
  'cancel',
  'hand_over',
  'confirm_receipt',
  'auto_confirm_receipt',
  'open_dispute',
  'complete',
  'resolve_dispute',
  'auto_resolve_dispute',
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];
export const transitionNameSchema = z.enum(TRANSITION_NAMES);

export const DISPUTE_RESOLUTION_KINDS = ['refund_full', 'refund_partial', 'release'] as const;
export type DisputeResolutionKind = (typeof DISPUTE_RESOLUTION_KINDS)[number];
export type DisputeResolution =
  | { kind: 'refund_full' }
  | { kind: 'refund_partial'; refundCents: number }
  | { kind: 'release' };

export const disputeResolutionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refund_full') }),
  z.object({ kind: z.literal('refund_partial'), refundCents: z.number().int().positive() }),
  z.object({ kind: z.literal('release') }),
]);

export const DISPUTE_REASON_MAX_LENGTH = 2000;

export interface TransitionRow {
  readonly name: TransitionName;
  readonly from: readonly TradeState[];
  readonly to: TradeState;
  readonly actor: readonly TradeActor[];
  /** In the order the services must run them. */
  readonly effects: readonly TradeEffectType[];
  /** A timed transition: a job fires it as `system` this long after the trade enters a `from` state. */
  readonly after?: { readonly delayKey: DelayKey };
  /** The row applies only to paid trades (total > 0) or only to free ones. */
  readonly payment?: 'paid' | 'free';
  /** `resolve_dispute` only: the operator's decision this row carries out. */
  readonly resolution?: DisputeResolutionKind;
  /** `not_pickup_proposer`: only the other party can agree to a proposed slot. */
  readonly guard?: 'not_pickup_proposer';
  /** The trade's reserved quantity is sold: the row's follow-ups start with `consume_quantity`. */
  readonly consumesQuantity?: true;
  /** What the row writes on the trade besides its state (see `TransitionPatch`). */
  readonly records?: { readonly receivedAt?: true; readonly disputeResolution?: DisputeResolutionKind };
}

const BEFORE_PICKUP_FREE: readonly TradeState[] = ['accepted', 'pickup_proposed', 'pickup_scheduled'];
const BEFORE_PICKUP_PAID: readonly TradeState[] = ['paid', 'pickup_proposed', 'pickup_scheduled'];
const READY_FOR_PICKUP: readonly TradeState[] = ['accepted', 'paid', 'pickup_proposed', 'pickup_scheduled'];
const PARTIES: readonly TradeActor[] = ['buyer', 'seller'];
const PARTIES_AND_OPERATOR: readonly TradeActor[] = ['buyer', 'seller', 'operator'];
const SETTLE_PAID: readonly TradeEffectType[] = [
  'refund_weight_difference',
  'ledger_settlement',
  'transfer_to_seller',
  'record_impact',
];

/**
 * The trade lifecycle, after Sharetribe's process.edn. For a given state, transition name,
 * paid/free and (for resolve_dispute) resolution, at most one row applies.
 */
export const TRANSITIONS: readonly TransitionRow[] = [
  { name: 'request', from: ['initial'], to: 'requested', actor: ['buyer'], effects: [] },
  {
    name: 'accept',
    payment: 'free',
    from: ['requested'],
    to: 'accepted',
    actor: ['seller'],
    effects: ['reserve_quantity'],
  },
  {
    name: 'accept',
    payment: 'paid',
    from: ['requested'],
    to: 'payment_pending',
    actor: ['seller'],
    effects: ['reserve_quantity', 'create_checkout_session'],
  },
  { name: 'decline', from: ['requested'], to: 'declined', actor: ['seller'], effects: [] },
  { name: 'withdraw_request', from: ['requested'], to: 'cancelled', actor: ['buyer'], effects: [] },
  {
    name: 'expire_request',
    from: ['requested'],
    to: 'expired',
    actor: ['system'],
    effects: [],
    after: { delayKey: 'requestExpiry' },
  },
  // A payment confirmed after the trade left payment_pending is refused here; the webhook
  // handler then refunds it.
  {
    name: 'mark_paid',
    payment: 'paid',
    from: ['payment_pending'],
    to: 'paid',
    actor: ['system'],
    effects: ['ledger_payment_captured'],
  },
  {
    name: 'expire_payment',
    payment: 'paid',
    from: ['payment_pending'],
    to: 'expired',
    actor: ['system'],
    effects: ['release_quantity', 'expire_checkout_session'],
    after: { delayKey: 'paymentExpiry' },
  },
  // Proposing again from pickup_proposed is a counter-proposal; from pickup_scheduled, a reschedule.
  {
    name: 'propose_pickup',
    from: READY_FOR_PICKUP,
    to: 'pickup_proposed',
    actor: PARTIES,
    effects: ['record_pickup_proposal'],
  },
  {
    name: 'agree_pickup',
    from: ['pickup_proposed'],
    to: 'pickup_scheduled',
    actor: PARTIES,
    guard: 'not_pickup_proposer',
    effects: ['confirm_pickup_slot'],
  },
  {
    name: 'cancel',
    payment: 'paid',
    from: ['payment_pending'],
    to: 'cancelled',
    actor: PARTIES_AND_OPERATOR,
    effects: ['release_quantity', 'expire_checkout_session'],
  },
  {
    name: 'cancel',
    payment: 'paid',
    from: BEFORE_PICKUP_PAID,
    to: 'cancelled',
    actor: PARTIES_AND_OPERATOR,
    effects: ['release_quantity', 'refund_payment'],
  },
  {
    name: 'cancel',
    payment: 'free',
    from: BEFORE_PICKUP_FREE,
    to: 'cancelled',
    actor: PARTIES_AND_OPERATOR,
    effects: ['release_quantity'],
  },
  // A slot is a convenience: a buyer who turns up during opening hours can still be handed the lot.
  {
    name: 'hand_over',
    from: READY_FOR_PICKUP,
    to: 'handed_over',
    actor: ['seller'],
    effects: ['record_handover_weight', 'ledger_material_handover'],
    consumesQuantity: true,
  },
  // Confirming receipt is agreeing with the seller's weight; a buyer who disagrees disputes.
  {
    name: 'confirm_receipt',
    from: ['handed_over'],
    to: 'received',
    actor: ['buyer'],
    effects: [],
    records: { receivedAt: true },
  },
  {
    name: 'auto_confirm_receipt',
    from: ['handed_over'],
    to: 'received',
    actor: ['system'],
    effects: [],
    after: { delayKey: 'receiptAutoConfirm' },
    records: { receivedAt: true },
  },
  {
    name: 'open_dispute',
    from: ['handed_over', 'received'],
    to: 'disputed',
    actor: ['buyer'],
    effects: ['record_dispute'],
  },
  {
    name: 'complete',
    payment: 'free',
    from: ['received'],
    to: 'completed',
    actor: ['system'],
    effects: ['record_impact'],
    after: { delayKey: 'completionDelay' },
  },
  {
    name: 'complete',
    payment: 'paid',
    from: ['received'],
    to: 'completed',
    actor: ['system'],
    effects: SETTLE_PAID,
    after: { delayKey: 'completionDelay' },
  },
  // A full refund records no impact: the operator found the material did not serve as described.
  {
    name: 'resolve_dispute',
    payment: 'paid',
    resolution: 'refund_full',
    from: ['disputed'],
    to: 'resolved',
    actor: ['operator'],
    effects: ['refund_payment'],
    records: { disputeResolution: 'refund_full' },
  },
  {
    name: 'resolve_dispute',
    payment: 'paid',
    resolution: 'refund_partial',
    from: ['disputed'],
    to: 'resolved',
    actor: ['operator'],
    effects: ['refund_partial', 'ledger_settlement', 'transfer_to_seller', 'record_impact'],
    records: { disputeResolution: 'refund_partial' },
  },
  {
    name: 'resolve_dispute',
    payment: 'paid',
    resolution: 'release',
    from: ['disputed'],
    to: 'resolved',
    actor: ['operator'],
    effects: SETTLE_PAID,
    records: { disputeResolution: 'release' },
  },
  {
    name: 'resolve_dispute',
    payment: 'free',
    resolution: 'refund_full',
    from: ['disputed'],
    to: 'resolved',
    actor: ['operator'],
    effects: [],
    records: { disputeResolution: 'refund_full' },
  },
  {
    name: 'resolve_dispute',
    payment: 'free',
    resolution: 'release',
    from: ['disputed'],
    to: 'resolved',
    actor: ['operator'],
    effects: ['record_impact'],
    records: { disputeResolution: 'release' },
  },
  // Left unsettled, a dispute ends as if released: the buyer has the material, the money follows it.
  {
    name: 'auto_resolve_dispute',
    payment: 'paid',
    from: ['disputed'],
    to: 'resolved',
    actor: ['system'],
    effects: SETTLE_PAID,
    records: { disputeResolution: 'release' },
    after: { delayKey: 'disputeAutoResolve' },
  },
  {
    name: 'auto_resolve_dispute',
    payment: 'free',
    from: ['disputed'],
    to: 'resolved',
    actor: ['system'],
    effects: ['record_impact'],
    records: { disputeResolution: 'release' },
    after: { delayKey: 'disputeAutoResolve' },
  },
];

export interface TradeSnapshot {
  state: TradeState;
  /** A priced trade (total > 0) that goes through payment, whether or not it is paid yet. */
  isPaid: boolean;
  /** Who made the pending pickup proposal, in `pickup_proposed`. */
  pickupProposedBy?: TradeParty | null;
  /** When the trade entered `state`; when given, a timed transition fired early is refused. */
  stateEnteredAt?: Date;
}

export interface TransitionParamsByName {
  propose_pickup: { slot: PickupSlot };
  /** `vehicleKey`: the transport factor of the vehicle used (impact), recorded with the weight. */
  hand_over: { measuredKg: DecimalInput; vehicleKey?: string | null | undefined };
  open_dispute: { reason: string };
  resolve_dispute: { resolution: DisputeResolution };
}

/** Parameters a transition may go without. */
export interface OptionalTransitionParamsByName {
  /** What the provider confirmed; the `ledger_payment_captured` effect needs it. */
  mark_paid: { payment?: CapturedPayment };
  /** A weight read on the buyer's own scale (see `checkReceiptWeight`). */
  confirm_receipt: { receiptGrams?: number | null };
}

export type TransitionParams<N extends TransitionName> = N extends keyof TransitionParamsByName
  ? TransitionParamsByName[N]
  : N extends keyof OptionalTransitionParamsByName
    ? OptionalTransitionParamsByName[N] | undefined
    : undefined;

export type ApplyTransitionOptions<N extends TransitionName> = {
  timings: TradeTimings;
} & (N extends keyof TransitionParamsByName
  ? { params: TransitionParamsByName[N] }
  : N extends keyof OptionalTransitionParamsByName
    ? { params?: OptionalTransitionParamsByName[N] | undefined }
    : { params?: undefined });

/**
 * What a transition writes on the trade itself, from its row and its parameters; the effects
 * write the rest (each handler returns its own part).
 */
export interface TransitionPatch {
  state: TradeState;
  stateEnteredAt: Date;
  /** Rows with `records.receivedAt`. */
  receivedAt?: Date;
  /** `confirm_receipt` with the buyer's weight. */
  receiptGrams?: number;
  /** Rows with `records.disputeResolution`. */
  disputeResolution?: DisputeResolutionKind;
  /** `hand_over` with a vehicle. */
  vehicleKey?: string;
}

export interface TradeTimer {
  /** The timed transition to fire, as `system`. */
  name: TransitionName;
  at: Date;
}

export interface TransitionResult {
  transition: TransitionName;
  from: TradeState;
  state: TradeState;
  patch: TransitionPatch;
  /** The row's `effects`, in order, with their data. */
  effects: TradeEffect[];
  /**
   * Run after `effects`: `consume_quantity` for rows with `consumesQuantity`, then `notify`,
   * which every transition carries.
   */
  followUps: TradeEffect[];
  /** The timers of the new state; they replace every timer pending on the trade. */
  timers: TradeTimer[];
}

const paymentMatches = (row: TransitionRow, isPaid: boolean) =>
  row.payment === undefined || (row.payment === 'paid') === isPaid;

const rowsInState = (name: TransitionName, state: TradeState, isPaid: boolean) =>
  TRANSITIONS.filter((row) => row.name === name && row.from.includes(state) && paymentMatches(row, isPaid));

function guardHolds(row: TransitionRow, actor: TradeActor, pickupProposedBy: TradeParty | null): boolean {
  switch (row.guard) {
    case undefined:
      return true;
    case 'not_pickup_proposer':
      return pickupProposedBy !== null && pickupProposedBy !== actor;
    default: {
      const unknownGuard: never = row.guard;
      throw new Error(`Unknown guard: ${String(unknownGuard)}`);
    }
  }
}

export const isTransitionName = (name: unknown): name is TransitionName =>
  typeof name === 'string' && (TRANSITION_NAMES as readonly string[]).includes(name);

interface ValidParams {
  slot?: PickupSlot;
  grams?: number;
  vehicleKey?: string;
  receiptGrams?: number;
  reason?: string;
  resolution?: DisputeResolution;
  payment?: CapturedPayment;
}

/** A handover's vehicle must be one the impact method has a transport factor for. */
export function assertKnownVehicle(vehicleKey: unknown): void {
  if (vehicleKey === undefined || vehicleKey === null || vehicleKey === '') return;
  if (typeof vehicleKey !== 'string' || !findTransportFactor(EMBEDDED_FACTOR_SET, vehicleKey)) {
    throw new DomainError('VALIDATION', 'validation.failed', {
      fields: [{ path: 'vehicleKey', key: 'trade.vehicleUnknown' }],
    });
  }
}

const isCapturedPayment = (p: unknown): p is CapturedPayment => {
  const c = p as Partial<CapturedPayment> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.paymentIntentId === 'string' &&
    Number.isSafeInteger(c.amountCents) &&
    (c.amountCents ?? -1) >= 0
  );
};

function invalid(key: string, path: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('VALIDATION', key, { fields: [{ path, key }], ...details });
}

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

function validateParams(name: TransitionName, params: unknown, now: Date, isPaid: boolean): ValidParams {
  const p = (params ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'propose_pickup': {
      const slot = p.slot as Partial<PickupSlot> | undefined;
      if (!slot || !isValidDate(slot.start) || !isValidDate(slot.end) || slot.start >= slot.end) {
        throw invalid('trade.pickupSlotInvalid', 'slot');
      }
      if (slot.end <= now) throw invalid('trade.pickupSlotInPast', 'slot');
      return { slot: { start: slot.start, end: slot.end } };
    }
    case 'hand_over': {
      const grams = measuredKgToGrams(p.measuredKg as DecimalInput, 'measuredKg');
      assertKnownVehicle(p.vehicleKey);
      return typeof p.vehicleKey === 'string' && p.vehicleKey !== ''
        ? { grams, vehicleKey: p.vehicleKey }
        : { grams };
    }
    case 'mark_paid': {
      if (p.payment === undefined) return {};
      if (!isCapturedPayment(p.payment)) throw new Error('mark_paid: malformed payment');
      return { payment: p.payment };
    }
    case 'confirm_receipt': {
      const g = p.receiptGrams;
      if (g === undefined || g === null) return {};
      if (typeof g !== 'number' || !Number.isSafeInteger(g) || g <= 0) {
        throw invalid('weight.notPositive', 'receivedKg');
      }
      return { receiptGrams: g };
    }
    case 'open_dispute': {
      const reason = typeof p.reason === 'string' ? p.reason.trim() : '';
      if (reason === '') throw invalid('trade.disputeReasonRequired', 'reason');
      if (reason.length > DISPUTE_REASON_MAX_LENGTH) throw invalid('trade.disputeReasonTooLong', 'reason');
      return { reason };
    }
    case 'resolve_dispute': {
      const parsed = disputeResolutionSchema.safeParse(p.resolution);
      if (!parsed.success) throw invalid('trade.invalidResolution', 'resolution');
      if (!isPaid && parsed.data.kind === 'refund_partial') {
        throw invalid('trade.resolutionNotApplicable', 'resolution', { kind: parsed.data.kind });
      }
      return { resolution: parsed.data };
    }
    case 'request':
    case 'accept':
    case 'decline':
    case 'withdraw_request':
    case 'expire_request':
    case 'expire_payment':
    case 'agree_pickup':
    case 'cancel':
    case 'auto_confirm_receipt':
    case 'complete':
    case 'auto_resolve_dispute':
      return {};
    default: {
      const unknownName: never = name;
      throw new Error(`Unknown transition: ${String(unknownName)}`);
    }
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Transition table error: effect needs ${what}`);
  return value;
}

function buildEffect(
  type: TradeEffectType,
  row: TransitionRow,
  actor: TradeActor,
  params: ValidParams,
): TradeEffect {
  switch (type) {
    case 'reserve_quantity':
    case 'release_quantity':
    case 'create_checkout_session':
    case 'expire_checkout_session':
    case 'confirm_pickup_slot':
    case 'refund_weight_difference':
    case 'ledger_settlement':
    case 'transfer_to_seller':
    case 'record_impact':
    case 'consume_quantity':
      return { type };
    case 'ledger_payment_captured':
      return params.payment ? { type, payment: params.payment } : { type };
    case 'refund_payment':
      return { type, reason: row.records?.disputeResolution ? 'dispute' : 'cancellation' };
    case 'notify':
      return { type, event: row.name };
    case 'record_pickup_proposal': {
      if (actor !== 'buyer' && actor !== 'seller') throw new Error('Transition table error: proposer');
      return { type, proposedBy: actor, slot: required(params.slot, 'a slot') };
    }
    case 'record_handover_weight':
    case 'ledger_material_handover':
      return { type, grams: required(params.grams, 'a weight') };
    case 'record_dispute':
      return { type, reason: required(params.reason, 'a reason') };
    case 'refund_partial': {
      const resolution = required(params.resolution, 'a resolution');
      if (resolution.kind !== 'refund_partial') throw new Error('Transition table error: partial refund');
      return { type, refundCents: resolution.refundCents };
    }
    default: {
      const unknownType: never = type;
      throw new Error(`Unknown effect: ${String(unknownType)}`);
    }
  }
}

/** Timers to arm on entering `state`: every timed transition that can leave it. */
export function timersFor(
  state: TradeState,
  isPaid: boolean,
  now: Date,
  timings: TradeTimings,
): TradeTimer[] {
  const timers: TradeTimer[] = [];
  for (const row of TRANSITIONS) {
    if (!row.after || !row.from.includes(state) || !paymentMatches(row, isPaid)) continue;
    if (timers.some((t) => t.name === row.name)) continue;
    timers.push({ name: row.name, at: new Date(now.getTime() + delayMs(timings, row.after.delayKey)) });
  }
  return timers;
}

/**
 * The one place a trade changes state. Pure: returns the next state, the effects to run and the
 * timers to arm; throws `CONFLICT trade.illegalTransition` when the transition cannot leave this
 * state, `FORBIDDEN trade.notAllowedForActor` when this actor may not take it, and `VALIDATION`
 * on bad parameters.
 */
export function applyTransition<N extends TransitionName>(
  trade: TradeSnapshot,
  name: N,
  actor: TradeActor,
  now: Date,
  options: ApplyTransitionOptions<N>,
): TransitionResult {
  if (!isTransitionName(name)) {
    throw new DomainError('VALIDATION', 'trade.unknownTransition', { transition: String(name) });
  }
  if (!isValidDate(now)) throw new DomainError('VALIDATION', 'trade.invalidTime', {});
  const context = { state: trade.state, transition: name, actor };

  const inState = rowsInState(name, trade.state, trade.isPaid);
  if (inState.length === 0) throw new DomainError('CONFLICT', 'trade.illegalTransition', context);
  const forActor = inState.filter((row) => row.actor.includes(actor));
  if (forActor.length === 0) throw new DomainError('FORBIDDEN', 'trade.notAllowedForActor', context);
  const proposer = trade.pickupProposedBy ?? null;
  if (!forActor.every((row) => guardHolds(row, actor, proposer))) {
    throw new DomainError('FORBIDDEN', 'trade.ownPickupProposal', context);
  }

  const params = validateParams(name, options.params, now, trade.isPaid);
  const resolutionKind = params.resolution?.kind;
  const row = forActor.find((r) => r.resolution === undefined || r.resolution === resolutionKind);
  if (!row) {
    throw new DomainError('VALIDATION', 'trade.resolutionNotApplicable', {
      ...context,
      kind: resolutionKind,
    });
  }

  if (row.after && trade.stateEnteredAt) {
    const due = trade.stateEnteredAt.getTime() + delayMs(options.timings, row.after.delayKey);
    if (now.getTime() < due) {
      throw new DomainError('CONFLICT', 'trade.timerNotDue', {
        ...context,
        dueAt: new Date(due).toISOString(),
      });
    }
  }

  return {
    transition: name,
    from: trade.state,
    state: row.to,
    patch: patchOf(row, params, now),
    effects: row.effects.map((type) => buildEffect(type, row, actor, params)),
    followUps: [
      ...(row.consumesQuantity ? [buildEffect('consume_quantity', row, actor, params)] : []),
      buildEffect('notify', row, actor, params),
    ],
    timers: timersFor(row.to, trade.isPaid, now, options.timings),
  };
}

function patchOf(row: TransitionRow, params: ValidParams, now: Date): TransitionPatch {
  const patch: TransitionPatch = { state: row.to, stateEnteredAt: now };
  if (row.records?.receivedAt) patch.receivedAt = now;
  if (row.records?.disputeResolution) patch.disputeResolution = row.records.disputeResolution;
  if (params.receiptGrams !== undefined) patch.receiptGrams = params.receiptGrams;
  if (params.vehicleKey !== undefined) patch.vehicleKey = params.vehicleKey;
  return patch;
}

/** What this actor may do now, for the UI's buttons; a proposer is not offered to agree to their own slot. */
export function availableTransitions(
  state: TradeState,
  actor: TradeActor,
  isPaid: boolean,
  pickupProposedBy: TradeParty | null = null,
): TransitionName[] {
  const names: TransitionName[] = [];
  for (const row of TRANSITIONS) {
    if (!row.from.includes(state) || !paymentMatches(row, isPaid) || !row.actor.includes(actor)) continue;
    if (!guardHolds(row, actor, pickupProposedBy) || names.includes(row.name)) continue;
    names.push(row.name);
  }
  return names;
}
