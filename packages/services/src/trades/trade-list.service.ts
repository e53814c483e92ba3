import { type DatabaseHandle, listPageRepository, membershipRepository } from '@retaille/db';
import {
  availableTransitions,
  isTerminalState,
  TRADE_STATES,
  type TradeParty,
  type TradeState,
  type TransitionName,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import { decodeKeyset, type Page, pageOf } from '../pagination/keyset-cursor.ts';
import type { TradeDto } from './trade.dto.ts';
import type { TradeService } from './trade.service.ts';

export const TRADE_LIST_ROLES = ['all', 'buyer', 'seller'] as const;
export const TRADE_LIST_STATUSES = ['all', 'action', 'ongoing', 'done', 'closed'] as const;
export type TradeListRole = (typeof TRADE_LIST_ROLES)[number];
export type TradeListStatus = (typeof TRADE_LIST_STATUSES)[number];

export interface TradeListQuery {
  role?: TradeListRole | undefined;
  status?: TradeListStatus | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** What a party does when a trade waits on it (the same list the web's "to do" badge uses). */
const ACTIONS: readonly TransitionName[] = ['accept', 'agree_pickup', 'hand_over', 'confirm_receipt'];
const FINISHED: readonly TradeState[] = ['completed', 'resolved'];

/**
 * States in which a side has something to do, read from the trade table: a state counts when one
 * of `ACTIONS` (or paying, or proposing the first slot) leaves it for that side. Pickup proposals
 * wait on the party that did not propose: the repository adds that case itself.
 */
function waitingStates(side: TradeParty): string[] {
  const states = new Set<string>();
  for (const state of TRADE_STATES) {
    if (state === 'pickup_proposed' || state === 'initial') continue;
    for (const isPaid of [true, false]) {
      const names = availableTransitions(state, side, isPaid, null);
      const firstSlot = (state === 'accepted' || state === 'paid') && names.includes('propose_pickup');
      const pay = side === 'buyer' && state === 'payment_pending';
      const handOverDue = state === 'pickup_scheduled' && names.includes('hand_over');
      const other = ACTIONS.some((a) => a !== 'hand_over' && names.includes(a));
      if (firstSlot || pay || handOverDue || other) states.add(state);
    }
  }
  return [...states];
}

function statesFor(status: TradeListStatus): string[] | undefined {
  switch (status) {
    case 'all':
    case 'action':
      return undefined;
    case 'done':
      return [...FINISHED];
    case 'closed':
      return TRADE_STATES.filter((s) => isTerminalState(s) && !FINISHED.includes(s));
    case 'ongoing':
      return TRADE_STATES.filter((s) => s !== 'initial' && !isTerminalState(s));
    default: {
      const never: never = status;
      return never;
    }
  }
}

/**
 * « Mes échanges » a page at a time: trades where the caller is the buyer or a member of the
 * seller site, newest first, keyset on (created_at, id) so nothing is ever cut off or repeated.
 */
export class TradeListService {
  constructor(private readonly deps: { db: DatabaseHandle['db']; trades: TradeService }) {}

  async listMine(actor: Actor, query: TradeListQuery = {}): Promise<Page<TradeDto>> {
    const user = requireUser(actor);
    const limit = query.limit ?? 50;
    const status = query.status ?? 'all';
    const sites = await membershipRepository.listSitesOfUser(this.deps.db, user.userId);
    const siteIds = sites.map((s) => s.siteId);
    const rows = await listPageRepository.listTradesPage(
      this.deps.db,
      {
        userId: user.userId,
        sellerSiteIds: siteIds,
        role: query.role ?? 'all',
        states: statesFor(status),
        action:
          status === 'action'
            ? { buyer: waitingStates('buyer'), seller: waitingStates('seller') }
            : undefined,
      },
      decodeKeyset(query.cursor),
      limit + 1,
    );
    const { rows: page, nextCursor } = pageOf(rows, limit);
    const items = await this.deps.trades.toDtos(
      page.map((t) => {
        const roles: ('buyer' | 'seller')[] = [];
        if (t.buyer_user_id === user.userId) roles.push('buyer');
        if (siteIds.includes(t.seller_site_id)) roles.push('seller');
        return { trade: t, roles };
      }),
    );
    return { items, nextCursor };
  }
}
