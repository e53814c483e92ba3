import { type DatabaseHandle, paymentAccountRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import { isPaymentGatewayError, type PaymentGateway } from '@retaille/payments';

type Db = DatabaseHandle['db'];

/**
 * Whether a site can be paid for a priced lot: its Stripe account's `transfers` capability is
 * active (separate charges and transfers, see PaymentAccountService). The stored flag answers;
 * when it says no but an account exists, Stripe is asked once (onboarding may have finished
 * without a webhook reaching us) and the answer stored. A gateway failure counts as "not yet".
 */
export async function siteReceivesTransfers(
  db: Db,
  gateway: PaymentGateway | undefined,
  siteId: string,
  now: Date,
): Promise<boolean> {
  const account = await paymentAccountRepository.findSellerAccount(db, siteId);
  if (!account) return false;
  if (account.transfers_active) return true;
  if (!gateway) return false;
  try {
    const status = await gateway.getAccountStatus(account.stripe_account_id);
    await paymentAccountRepository.updateSellerAccountFlags(db, account.stripe_account_id, status, now);
    return status.transfersActive;
  } catch (e) {
    if (isPaymentGatewayError(e) || e instanceof DomainError) return false;
    throw e;
  }
}

/**
 * A priced lot cannot be requested while its site has no payment path: CONFLICT
 * `trade.sellerPaymentPending` (the lot page says « paiement en attente d'activation »).
 */
export async function assertPricedLotRequestable(
  db: Db,
  gateway: PaymentGateway | undefined,
  lot: { site_id: string; price_cents: number | null },
  now: Date,
): Promise<void> {
  if (lot.price_cents === null || lot.price_cents === 0) return;
  if (!(await siteReceivesTransfers(db, gateway, lot.site_id, now))) {
    throw new DomainError('CONFLICT', 'trade.sellerPaymentPending', { siteId: lot.site_id });
  }
}
