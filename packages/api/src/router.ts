import { getMe } from './routers/account/get-me.ts';
import { setActiveSite } from './routers/account/set-active-site.ts';
import { updateProfile } from './routers/account/update-profile.ts';
import { setRoles } from './routers/admin/set-roles.ts';
import { decideFlow } from './routers/allocations/decide-flow.ts';
import { getAllocation } from './routers/allocations/get-allocation.ts';
import { listAllocations } from './routers/allocations/list-allocations.ts';
import { listMyFlows } from './routers/allocations/list-my-flows.ts';
import { retryAllocation } from './routers/allocations/retry-allocation.ts';
import { startAllocation } from './routers/allocations/start-allocation.ts';
import { listOutbox } from './routers/dev/list-outbox.ts';
import { searchCommunes } from './routers/geo/search-communes.ts';
import { confirmFactorImport } from './routers/impact/confirm-factor-import.ts';
import { exportCircuits } from './routers/impact/export-circuits.ts';
import { getCircuits } from './routers/impact/get-circuits.ts';
import { getImpactDashboard } from './routers/impact/get-dashboard.ts';
import { getFactorSet } from './routers/impact/get-factor-set.ts';
import { getImpactMethod } from './routers/impact/get-method.ts';
import { listFactorSets } from './routers/impact/list-factor-sets.ts';
import { previewFactorImport } from './routers/impact/preview-factor-import.ts';
import { acceptInvitation } from './routers/invitations/accept-invitation.ts';
import { getInvitation } from './routers/invitations/get-invitation.ts';
import { createLot } from './routers/lots/create-lot.ts';
import { getLot } from './routers/lots/get-lot.ts';
import { listSiteLots } from './routers/lots/list-site-lots.ts';
import { publishLot } from './routers/lots/publish-lot.ts';
import { searchLots } from './routers/lots/search-lots.ts';
import { updateLot } from './routers/lots/update-lot.ts';
import { withdrawLot } from './routers/lots/withdraw-lot.ts';
import { proposalsForLot } from './routers/matching/proposals-for-lot.ts';
import { proposalsForRequest } from './routers/matching/proposals-for-request.ts';
import { getNotificationPreferences } from './routers/notifications/get-preferences.ts';
import { getNotificationsSummary } from './routers/notifications/get-summary.ts';
import { listNotifications } from './routers/notifications/list-notifications.ts';
import { markNotificationsRead } from './routers/notifications/mark-read.ts';
import { setNotificationPreferences } from './routers/notifications/set-preferences.ts';
import { unsubscribe } from './routers/notifications/unsubscribe.ts';
import { acceptOffer } from './routers/offers/accept-offer.ts';
import { createOffer } from './routers/offers/create-offer.ts';
import { declineOffer } from './routers/offers/decline-offer.ts';
import { listLotOffers } from './routers/offers/list-lot-offers.ts';
import { listReceivedOffers } from './routers/offers/list-received-offers.ts';
import { confirmFactorImport as confirmFactorImportAudited } from './routers/operations/confirm-factor-import.ts';
import { getPlatformFee } from './routers/operations/get-platform-fee.ts';
import { liftModeration } from './routers/operations/lift-moderation.ts';
import { listAuditLog } from './routers/operations/list-audit-log.ts';
import { listDisputes } from './routers/operations/list-disputes.ts';
import { listModeration } from './routers/operations/list-moderation.ts';
import { listMoneyOwed } from './routers/operations/list-money-owed.ts';
import { listRoleHolders } from './routers/operations/list-role-holders.ts';
import { listVerificationQueue } from './routers/operations/list-verification-queue.ts';
import { moderate } from './routers/operations/moderate.ts';
import { refuseSite } from './routers/operations/refuse-site.ts';
import { requestSiteInformation } from './routers/operations/request-site-information.ts';
import { resolveDispute as resolveDisputeWithNote } from './routers/operations/resolve-dispute.ts';
import { retryPayment } from './routers/operations/retry-payment.ts';
import { runReconciliation } from './routers/operations/run-reconciliation.ts';
import { setPlatformFee } from './routers/operations/set-platform-fee.ts';
import { setPlatformRoles } from './routers/operations/set-platform-roles.ts';
import { settlePayment } from './routers/operations/settle-payment.ts';
import { verifySite as verifySiteAndNotify } from './routers/operations/verify-site.ts';
import { getAccountStatus } from './routers/payments/get-account-status.ts';
import { getPaymentsStatus } from './routers/payments/get-payments-status.ts';
import { startOnboarding } from './routers/payments/start-onboarding.ts';
import { closeRequest } from './routers/requests/close-request.ts';
import { createRequest } from './routers/requests/create-request.ts';
import { getRequest } from './routers/requests/get-request.ts';
import { listMyRequests } from './routers/requests/list-my-requests.ts';
import { listOpenRequests } from './routers/requests/list-open-requests.ts';
import { createSavedSearch } from './routers/saved-searches/create-saved-search.ts';
import { deleteSavedSearch } from './routers/saved-searches/delete-saved-search.ts';
import { listSavedSearches } from './routers/saved-searches/list-saved-searches.ts';
import { createSite } from './routers/sites/create-site.ts';
import { getSite } from './routers/sites/get-site.ts';
import { inviteMember } from './routers/sites/invite-member.ts';
import { listInvitations } from './routers/sites/list-invitations.ts';
import { listMembers } from './routers/sites/list-members.ts';
import { listSites } from './routers/sites/list-sites.ts';
import { revokeInvitation } from './routers/sites/revoke-invitation.ts';
import { setMemberRole } from './routers/sites/set-member-role.ts';
import { updateSite } from './routers/sites/update-site.ts';
import { verifySite } from './routers/sites/verify-site.ts';
import { createBasket } from './routers/sourcing/create-basket.ts';
import { getBasket } from './routers/sourcing/get-basket.ts';
import { listBaskets } from './routers/sourcing/list-baskets.ts';
import { planSourcing } from './routers/sourcing/plan-sourcing.ts';
import { getPooledTour } from './routers/tours/get-pooled-tour.ts';
import { listPooledTours } from './routers/tours/list-pooled-tours.ts';
import { planPickupTour } from './routers/tours/plan-pickup-tour.ts';
import { planPooledTours } from './routers/tours/plan-pooled-tours.ts';
import { proposePooledTours } from './routers/tours/propose-pooled-tours.ts';
import { recordPooledTour } from './routers/tours/record-pooled-tour.ts';
import { recordTourTrip } from './routers/tours/record-tour-trip.ts';
import { respondPooledTour } from './routers/tours/respond-pooled-tour.ts';
import { acceptTrade } from './routers/trades/accept-trade.ts';
import { agreePickup } from './routers/trades/agree-pickup.ts';
import { cancelTrade } from './routers/trades/cancel-trade.ts';
import { confirmReceipt } from './routers/trades/confirm-receipt.ts';
import { declineTrade } from './routers/trades/decline-trade.ts';
import { getCheckoutUrl } from './routers/trades/get-checkout-url.ts';
import { getTrade } from './routers/trades/get-trade.ts';
import { getTradePayments } from './routers/trades/get-trade-payments.ts';
import { getTradeTimeline } from './routers/trades/get-trade-timeline.ts';
import { handOver } from './routers/trades/hand-over.ts';
import { listMyTrades } from './routers/trades/list-my-trades.ts';
import { listTradeMessages } from './routers/trades/list-trade-messages.ts';
import { openDispute } from './routers/trades/open-dispute.ts';
import { proposePickup } from './routers/trades/propose-pickup.ts';
import { requestTrade } from './routers/trades/request-trade.ts';
import { resolveDispute } from './routers/trades/resolve-dispute.ts';
import { sendTradeMessage } from './routers/trades/send-trade-message.ts';
import { router } from './trpc.ts';

/** Wires procedure names only; each procedure lives in its own file. */
export const appRouter = router({
  payments: router({ status: getPaymentsStatus, onboard: startOnboarding, accountStatus: getAccountStatus }),
  trades: router({
    request: requestTrade,
    get: getTrade,
    timeline: getTradeTimeline,
    payments: getTradePayments,
    listMine: listMyTrades,
    accept: acceptTrade,
    decline: declineTrade,
    cancel: cancelTrade,
    proposePickup,
    agreePickup,
    handOver,
    confirmReceipt,
    openDispute,
    resolveDispute,
    checkoutUrl: getCheckoutUrl,
    messages: router({ list: listTradeMessages, send: sendTradeMessage }),
  }),
  operations: router({
    audit: router({ list: listAuditLog }),
    disputes: router({ list: listDisputes, resolve: resolveDisputeWithNote }),
    money: router({ list: listMoneyOwed, retry: retryPayment, settle: settlePayment }),
    verification: router({
      list: listVerificationQueue,
      verify: verifySiteAndNotify,
      refuse: refuseSite,
      requestInfo: requestSiteInformation,
    }),
    moderation: router({ list: listModeration, hold: moderate, lift: liftModeration }),
    roles: router({ list: listRoleHolders, set: setPlatformRoles }),
    fee: router({ get: getPlatformFee, set: setPlatformFee }),
    factors: router({ confirm: confirmFactorImportAudited }),
    reconciliation: router({ run: runReconciliation }),
  }),
  account: router({ me: getMe, updateProfile, setActiveSite }),
  offers: router({
    create: createOffer,
    accept: acceptOffer,
    decline: declineOffer,
    listReceived: listReceivedOffers,
    listForLot: listLotOffers,
  }),
  savedSearches: router({ create: createSavedSearch, list: listSavedSearches, delete: deleteSavedSearch }),
  admin: router({ setRoles }),
  allocations: router({
    start: startAllocation,
    retry: retryAllocation,
    get: getAllocation,
    list: listAllocations,
    decide: decideFlow,
    mine: listMyFlows,
  }),
  matching: router({ forRequest: proposalsForRequest, forLot: proposalsForLot }),
  notifications: router({
    list: listNotifications,
    markRead: markNotificationsRead,
    summary: getNotificationsSummary,
    preferences: getNotificationPreferences,
    setPreferences: setNotificationPreferences,
    unsubscribe,
  }),
  dev: router({ outbox: listOutbox }),
  geo: router({ searchCommunes }),
  impact: router({
    dashboard: getImpactDashboard,
    method: getImpactMethod,
    circuits: getCircuits,
    circuitsCsv: exportCircuits,
    factors: router({
      list: listFactorSets,
      get: getFactorSet,
      previewImport: previewFactorImport,
      confirmImport: confirmFactorImport,
    }),
  }),
  invitations: router({ get: getInvitation, accept: acceptInvitation }),
  tours: router({ plan: planPickupTour, recordTrip: recordTourTrip }),
  sourcing: router({
    plan: planSourcing,
    createBasket,
    basket: router({ get: getBasket, list: listBaskets }),
  }),
  pooledTours: router({
    plan: planPooledTours,
    propose: proposePooledTours,
    get: getPooledTour,
    list: listPooledTours,
    respond: respondPooledTour,
    record: recordPooledTour,
  }),
  lots: router({
    search: searchLots,
    get: getLot,
    listForSite: listSiteLots,
    create: createLot,
    update: updateLot,
    publish: publishLot,
    withdraw: withdrawLot,
  }),
  requests: router({
    create: createRequest,
    listMine: listMyRequests,
    listOpen: listOpenRequests,
    get: getRequest,
    close: closeRequest,
  }),
  sites: router({
    list: listSites,
    get: getSite,
    create: createSite,
    update: updateSite,
    verify: verifySite,
    members: router({ list: listMembers, setRole: setMemberRole }),
    invitations: router({ list: listInvitations, create: inviteMember, revoke: revokeInvitation }),
  }),
});

export type AppRouter = typeof appRouter;
