import { DomainError } from '@retaille/domain';
import { type PaymentGateway, WebhookSignatureError } from '@retaille/payments';

const unavailable = (): never => {
  throw new DomainError('CONFLICT', 'payments.unavailable');
};

/** For compositions without payments (most tests): free trades work, paid ones say payments are off. */
export const paymentsUnavailable: PaymentGateway = {
  createConnectedAccount: async () => unavailable(),
  createAccountLink: async () => unavailable(),
  getAccountStatus: async () => unavailable(),
  createCheckoutSession: async () => unavailable(),
  getCheckoutSession: async () => unavailable(),
  expireCheckoutSession: async () => unavailable(),
  refund: async () => unavailable(),
  transferToSeller: async () => unavailable(),
  getTradeMoney: async () => unavailable(),
  parseWebhook: () => {
    throw new WebhookSignatureError('bad_signature', 'Payments are not configured');
  },
};
