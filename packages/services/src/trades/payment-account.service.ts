import {
  type DatabaseHandle,
  membershipRepository,
  paymentAccountRepository,
  siteRepository,
} from '@retaille/db';
import { DomainError } from '@retaille/domain';
import type { PaymentGateway } from '@retaille/payments';
import type { Actor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import type { Links } from '../ports/links.ts';
import type { PaymentAccountStatusDto, PaymentsStatusDto } from './trade.dto.ts';

/**
 * Sellers' Stripe Connect onboarding: one Express account per site, created once (keyed by the
 * site id) with only the `transfers` capability, single-use onboarding links, status refreshed
 * from Stripe. A site without an enabled
 * account can still give material away: only paid trades need it.
 */
export class PaymentAccountService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      gateway: PaymentGateway;
      mode: 'live' | 'simulation';
      platformFeeBps: number;
      links: Links;
      now: () => Date;
    },
  ) {}

  status(): PaymentsStatusDto {
    return { mode: this.deps.mode, platformFeeBps: this.deps.platformFeeBps };
  }

  private async requireSiteRole(actor: Actor, siteId: string, ownerOnly: boolean): Promise<void> {
    const user = requireUser(actor);
    const site = await siteRepository.findSiteById(this.deps.db, siteId);
    if (!site) throw new DomainError('NOT_FOUND', 'site.notFound');
    if (isAdmin(actor)) return;
    const role = await membershipRepository.findRole(this.deps.db, siteId, user.userId);
    if (!role || (ownerOnly && role !== 'owner'))
      throw forbidden(ownerOnly ? 'site.notOwner' : 'site.notMember');
  }

  /** An onboarding link for the site's Express account (created on first use). */
  async onboard(actor: Actor, siteId: string): Promise<{ url: string }> {
    await this.requireSiteRole(actor, siteId, true);
    let account = await paymentAccountRepository.findSellerAccount(this.deps.db, siteId);
    if (!account) {
      const { accountId } = await this.deps.gateway.createConnectedAccount({ siteId, country: 'FR' });
      account = await paymentAccountRepository.insertSellerAccount(
        this.deps.db,
        siteId,
        accountId,
        this.deps.now(),
      );
    }
    return this.deps.gateway.createAccountLink({
      accountId: account.stripe_account_id,
      refreshUrl: this.deps.links.sitePayments(siteId, { relancer: '1' }),
      returnUrl: this.deps.links.sitePayments(siteId, { retour: '1' }),
    });
  }

  async accountStatus(actor: Actor, siteId: string): Promise<PaymentAccountStatusDto> {
    await this.requireSiteRole(actor, siteId, false);
    const account = await paymentAccountRepository.findSellerAccount(this.deps.db, siteId);
    if (!account) {
      return {
        siteId,
        state: 'none',
        transfersActive: false,
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
      };
    }
    const flags = await this.deps.gateway.getAccountStatus(account.stripe_account_id);
    await paymentAccountRepository.updateSellerAccountFlags(
      this.deps.db,
      account.stripe_account_id,
      flags,
      this.deps.now(),
    );
    // Separate charges and transfers: a seller is ready once it can receive transfers.
    return {
      siteId,
      state: flags.transfersActive && flags.payoutsEnabled ? 'enabled' : 'pending',
      transfersActive: flags.transfersActive,
      chargesEnabled: flags.chargesEnabled,
      payoutsEnabled: flags.payoutsEnabled,
      detailsSubmitted: flags.detailsSubmitted,
    };
  }
}
