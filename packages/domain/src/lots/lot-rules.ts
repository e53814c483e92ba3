/** Lots (listings) and wanted requests: statuses and the rules on quantities and windows. */
import { DomainError } from '../shared/errors.ts';

export const lotConditions = ['offcut', 'deadstock', 'used', 'byproduct'] as const;
export type LotCondition = (typeof lotConditions)[number];

export const lotStatuses = ['draft', 'published', 'reserved', 'exhausted', 'expired', 'withdrawn'] as const;
export type LotStatus = (typeof lotStatuses)[number];

export const requestStatuses = ['open', 'closed', 'fulfilled', 'expired'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const recurringPeriods = ['week', 'month'] as const;
export type RecurringPeriod = (typeof recurringPeriods)[number];

/** Largest radius a search or a request may use (mainland France is about 1 000 km across). */
export const MAX_RADIUS_KM = 500;

export interface LotQuantities {
  quantity: number;
  reserved: number;
  sold: number;
}

/** What can still be requested. Rounded to the storage precision (3 decimals). */
export function availableQuantity(q: LotQuantities): number {
  return Math.max(0, Math.round((q.quantity - q.reserved - q.sold) * 1000) / 1000);
}

/**
 * The status a listed lot should have after its quantities changed: nothing left to reserve
 * and nothing reserved any more → exhausted; everything reserved → reserved; else published.
 * Drafts, withdrawn and expired lots keep their status.
 */
export function statusAfterQuantityChange(status: LotStatus, q: LotQuantities): LotStatus {
  if (status !== 'published' && status !== 'reserved' && status !== 'exhausted') return status;
  if (availableQuantity(q) > 0) return 'published';
  return q.reserved > 0 ? 'reserved' : 'exhausted';
}

/** Lots past their availability window expire (the day after `availableUntil`, Paris time). */
export function isPastWindow(availableUntil: string | null, today: string): boolean {
  return availableUntil !== null && availableUntil < today;
}

/** Today's date in Paris, as YYYY-MM-DD. */
export function parisDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export type LotAction = 'publish' | 'withdraw' | 'edit';

/** Which status changes an owner may make by hand. */
export function assertLotAction(status: LotStatus, action: LotAction): void {
  const allowed: Record<LotAction, readonly LotStatus[]> = {
    publish: ['draft', 'withdrawn', 'expired'],
    withdraw: ['draft', 'published', 'expired'],
    edit: ['draft', 'published', 'withdrawn', 'expired'],
  };
  if (!allowed[action].includes(status)) {
    throw new DomainError('CONFLICT', `lot.cannot.${action}`, { status });
  }
}
