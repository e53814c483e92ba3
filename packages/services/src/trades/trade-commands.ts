import type { Database, TradeRow, Transaction } from '@retaille/db';
import {
  assertKnownVehicle,
  assertReceiptAgrees,
  availableTransitions,
  type DisputeResolution,
  DomainError,
  measuredKgToGrams,
  type TransitionName,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import { checkHandoverTravel, type HandoverTravel, recordHandoverTravel } from '../impact/trip-recorder.ts';
import type { TradeDto, TradeRequestInput } from './trade.dto.ts';
import type { Role, TradeServiceDeps } from './trade-context.ts';
import type { TransitionOptions, TransitionParamsInput } from './trade-engine.ts';
import type { PaymentsRunner } from './trade-payments.ts';
import type { TradeReadModel } from './trade-read-model.ts';
import {
  type PreparedTradeRequest,
  prepareTradeRequest,
  requestedTradeDto,
  writeTradeRequest,
} from './trade-request.ts';

/** A transition committed and settled (Stripe calls, due timers): the trade as it now stands. */
export type RunTransition = (
  id: string,
  name: TransitionName,
  actor: Role,
  params: TransitionParamsInput,
  now: Date,
  opts: TransitionOptions,
) => Promise<TradeRow>;

/** The caller's side for this transition: the first that the table allows, else the first (for the error). */
function pickRole(trade: TradeRow, roles: readonly Role[], name: TransitionName): Role {
  const fits = roles.find((r) =>
    availableTransitions(trade.state, r, trade.is_paid, trade.pickup_proposed_by).includes(name),
  );
  const role = fits ?? roles[0];
  if (!role) throw new DomainError('FORBIDDEN', 'trade.notParty');
  return role;
}

/** What the parties and the operator ask of a trade: the request, then the table's transitions. */
export class TradeCommands {
  constructor(
    private readonly deps: TradeServiceDeps,
    private readonly read: TradeReadModel,
    private readonly payments: PaymentsRunner,
    private readonly run: RunTransition,
  ) {}

  /**
   * `within` runs in the request's own transaction, after the trade is written: a caller that must
   * link the new trade to its own record (an accepted offer) commits with it or not at all.
   */
  async request(
    actor: Actor,
    input: TradeRequestInput,
    within?: (trx: Transaction<Database>, tradeId: string) => Promise<void>,
  ): Promise<TradeDto> {
    const user = requireUser(actor);
    const prepared = await prepareTradeRequest(this.deps, user.userId, input, this.deps.now());
    const trade = await this.deps.jobs.transaction(async (trx, enqueue) => {
      const trade = await writeTradeRequest(this.deps, trx, enqueue, prepared);
      await within?.(trx, trade.id);
      return trade;
    });
    return requestedTradeDto(prepared, trade, user.name);
  }

  /**
   * Several requests of one buyer in ONE transaction: each checked first (the first refusal
   * throws, tagged with its index in `details.index`, and nothing is written), then all written,
   * then `within` (a basket linking them) in the same transaction. All trades or none.
   */
  async requestMany(
    actor: Actor,
    inputs: readonly TradeRequestInput[],
    within: (trx: Transaction<Database>, trades: readonly TradeRow[]) => Promise<void>,
  ): Promise<TradeDto[]> {
    const user = requireUser(actor);
    const now = this.deps.now();
    const prepared: PreparedTradeRequest[] = [];
    for (const [index, input] of inputs.entries()) {
      try {
        prepared.push(await prepareTradeRequest(this.deps, user.userId, input, now));
      } catch (e) {
        if (e instanceof DomainError) throw new DomainError(e.code, e.key, { ...e.details, index });
        throw e;
      }
    }
    const trades = await this.deps.jobs.transaction(async (trx, enqueue) => {
      const written: TradeRow[] = [];
      for (const p of prepared) written.push(await writeTradeRequest(this.deps, trx, enqueue, p));
      await within(trx, written);
      return written;
    });
    return trades.map((t, i) => requestedTradeDto(prepared[i] as PreparedTradeRequest, t, user.name));
  }

  /** A paid trade is accepted only when the seller can be paid; the trade row is read once. */
  async accept(actor: Actor, id: string): Promise<TradeDto> {
    const { trade, roles } = await this.read.loadForActor(actor, id);
    await this.deps.assertMayTrade?.({
      lotId: trade.lot_id,
      siteId: trade.seller_site_id,
      userIds: [trade.buyer_user_id, requireUser(actor).userId],
    });
    if (trade.is_paid && trade.state === 'requested')
      await this.payments.assertSellerCanBePaid(trade.seller_site_id);
    return this.act(actor, trade, roles, 'accept', undefined);
  }

  async decline(actor: Actor, id: string): Promise<TradeDto> {
    return this.actOn(actor, id, 'decline', undefined);
  }

  /** A buyer withdraws a request; after acceptance, either party (or the operator) cancels. */
  async cancel(actor: Actor, id: string): Promise<TradeDto> {
    const { trade, roles } = await this.read.loadForActor(actor, id);
    const name: TransitionName =
      trade.state === 'requested' && roles.includes('buyer') ? 'withdraw_request' : 'cancel';
    return this.act(actor, trade, roles, name, undefined);
  }

  async proposePickup(actor: Actor, id: string, slot: { start: Date; end: Date }): Promise<TradeDto> {
    return this.actOn(actor, id, 'propose_pickup', { slot });
  }

  async agreePickup(actor: Actor, id: string): Promise<TradeDto> {
    return this.actOn(actor, id, 'agree_pickup', undefined);
  }

  /**
   * The seller hands over with the weight measured at pickup, and optionally the vehicle used and
   * how the lot travelled (a trip, docs/impact-method.md §4; an impossible trip is refused before
   * the transition). Weight, vehicle and trip are written in the transition's transaction.
   */
  async handOver(
    actor: Actor,
    id: string,
    measuredKg: number | string,
    vehicleKey?: string | null,
    travel?: HandoverTravel | null,
  ): Promise<TradeDto> {
    assertKnownVehicle(vehicleKey);
    const { trade, roles } = await this.read.loadForActor(actor, id);
    const userId = requireUser(actor).userId;
    const now = this.deps.now();
    if (travel) {
      const massKg = measuredKgToGrams(measuredKg, 'measuredKg') / 1000;
      await checkHandoverTravel(this.deps.db, { trade, massKg, travel, userId, now });
    }
    return this.act(
      actor,
      trade,
      roles,
      'hand_over',
      { measuredKg, vehicleKey },
      {
        ...(travel
          ? {
              within: (trx, row) =>
                recordHandoverTravel(trx, {
                  trade: row,
                  massKg: (row.handover_grams ?? 0) / 1000,
                  travel,
                  userId,
                  now,
                }),
            }
          : {}),
      },
    );
  }

  /** The buyer confirms; a weight read on the buyer's own scale is kept if it agrees with the seller's. */
  async confirmReceipt(actor: Actor, id: string, receivedKg?: number | string | null): Promise<TradeDto> {
    const receiptGrams =
      receivedKg !== undefined && receivedKg !== null ? measuredKgToGrams(receivedKg, 'receivedKg') : null;
    const { trade, roles } = await this.read.loadForActor(actor, id);
    if (receiptGrams !== null) assertReceiptAgrees(trade.handover_grams, receiptGrams);
    return this.act(actor, trade, roles, 'confirm_receipt', { receiptGrams });
  }

  async openDispute(actor: Actor, id: string, reason: string): Promise<TradeDto> {
    return this.actOn(actor, id, 'open_dispute', { reason });
  }

  async resolveDispute(actor: Actor, id: string, resolution: DisputeResolution): Promise<TradeDto> {
    return this.actOn(actor, id, 'resolve_dispute', { resolution });
  }

  private async actOn(actor: Actor, id: string, name: TransitionName, params: TransitionParamsInput) {
    const { trade, roles } = await this.read.loadForActor(actor, id);
    return this.act(actor, trade, roles, name, params);
  }

  /** Applies a transition to a trade the caller read (locked at that version, re-read only if it moved on). */
  private async act(
    actor: Actor,
    trade: TradeRow,
    roles: Role[],
    name: TransitionName,
    params: TransitionParamsInput,
    extra: Pick<TransitionOptions, 'within'> = {},
  ): Promise<TradeDto> {
    const user = requireUser(actor);
    const role = pickRole(trade, roles, name);
    const latest = await this.run(trade.id, name, role, params, this.deps.now(), {
      actorUserId: user.userId,
      known: trade,
      ...extra,
    });
    return this.read.toDto(latest, roles);
  }
}
