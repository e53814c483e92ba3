import type { OutgoingMail } from '../mail/mailer.ts';

/** French first, then English, as every message of the platform. */
function bilingual(kind: string, to: string, subject: string, fr: string, en: string): OutgoingMail {
  return { kind, to, subject, text: `${fr}\n\n— English below —\n\n${en}\n\n--\nRetaille` };
}

export const operationsMail = {
  siteVerified: (to: string, site: string, url: string) =>
    bilingual(
      'site-verified',
      to,
      `Votre atelier est vérifié — Your workshop is verified`,
      `Bonjour,\n\n« ${site} » a été vérifié par l'équipe Retaille : ses lots sont maintenant visibles de tous.\n${url}`,
      `Hello,\n\n“${site}” was verified by the Retaille team: its lots are now visible to everyone.\n${url}`,
    ),
  siteRefused: (to: string, site: string, note: string, url: string) =>
    bilingual(
      'site-refused',
      to,
      `Votre demande de vérification n'a pas été acceptée — Your verification request was declined`,
      `Bonjour,\n\nLa vérification de « ${site} » a été refusée, pour la raison suivante :\n\n${note}\n\nVous pouvez corriger la fiche et répondre à ce message :\n${url}`,
      `Hello,\n\nThe verification of “${site}” was declined, for this reason:\n\n${note}\n\nYou may correct the page and reply to this message:\n${url}`,
    ),
  siteInfoRequested: (to: string, site: string, note: string, url: string) =>
    bilingual(
      'site-info-requested',
      to,
      `Informations demandées pour la vérification — Information needed for verification`,
      `Bonjour,\n\nPour vérifier « ${site} », l'équipe Retaille a besoin de précisions :\n\n${note}\n\nComplétez la fiche ou répondez à ce message :\n${url}`,
      `Hello,\n\nTo verify “${site}”, the Retaille team needs more information:\n\n${note}\n\nComplete the page or reply to this message:\n${url}`,
    ),
  reconciliationDifferences: (to: string, count: number, lines: string, url: string) =>
    bilingual(
      'reconciliation-differences',
      to,
      `Rapprochement : ${count} écart(s) — Reconciliation: ${count} difference(s)`,
      `Bonjour,\n\nLe rapprochement quotidien a trouvé ${count} écart(s) entre le journal et le prestataire de paiement :\n\n${lines}\n\nDétails dans la console : ${url}`,
      `Hello,\n\nThe daily reconciliation found ${count} difference(s) between the ledger and the payment provider:\n\n${lines}\n\nDetails in the console: ${url}`,
    ),
  paymentGaveUp: (to: string, lines: string, url: string) =>
    bilingual(
      'payment-gave-up',
      to,
      `Paiements en échec après la dernière tentative — Payments failed after the last retry`,
      `Bonjour,\n\nCes versements ou remboursements ont échoué après la dernière tentative automatique :\n\n${lines}\n\nRéessayez ou marquez-les réglés dans la console : ${url}`,
      `Hello,\n\nThese payouts or refunds failed after the last automatic retry:\n\n${lines}\n\nRetry them or mark them settled in the console: ${url}`,
    ),
};
