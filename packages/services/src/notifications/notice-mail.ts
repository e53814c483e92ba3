import type { OutgoingMail } from '../mail/mailer.ts';
import { renderNotice } from './notice-text.ts';
import type { Notice } from './notification.service.ts';

/** What a notice links to: a pooled tour, a trade, a lot, or the notices page. */
export type NoticeLinkTarget = Pick<Notice, 'tradeId' | 'lotId' | 'requestId'> & { tourId?: unknown };

/** The web page a notice opens (the `Links` port's pages; paths under `publicUrl` without it). */
export function noticeLink(
  deps: { publicUrl: string; links?: { tradePage(tradeId: string): string; lotPage(lotId: string): string } },
  notice: NoticeLinkTarget,
): string {
  const base = deps.publicUrl;
  const links = deps.links;
  // A pooled tour's proposal is answered on the tour's page, not the trade's.
  if (typeof notice.tourId === 'string') return `${base}/tournees/${notice.tourId}`;
  if (notice.tradeId) return links ? links.tradePage(notice.tradeId) : `${base}/echanges/${notice.tradeId}`;
  if (notice.lotId) return links ? links.lotPage(notice.lotId) : `${base}/lots/${notice.lotId}`;
  return `${base}/notifications`;
}

/** The e-mail of one notice sent at once: French, then English, with its link and unsubscribe link. */
export function noticeMail(
  to: string,
  notice: Notice,
  urls: { link: string; unsubscribe: string; settings: string },
): OutgoingMail {
  const text = renderNotice(notice.kind, notice.data);
  const { link, unsubscribe, settings } = urls;
  return {
    kind: `notice:${notice.kind}`,
    to,
    subject: text.subject,
    text: [
      'Bonjour,',
      '',
      text.fr.what,
      '',
      `À faire : ${text.fr.next}`,
      `Voir l’échange : ${link}`,
      '',
      '— English below —',
      '',
      text.en.what,
      '',
      `Next: ${text.en.next}`,
      `Open: ${link}`,
      '',
      '--',
      'Retaille',
      `Ne plus recevoir ces e-mails / Unsubscribe: ${unsubscribe}`,
      `Préférences / Preferences: ${settings}`,
    ].join('\n'),
  };
}

/** The daily digest: one line per notice (French, then English), each with its link. */
export function digestMail(
  to: string,
  lines: readonly { fr: string; en: string }[],
  urls: { unsubscribe: string; settings: string },
): OutgoingMail {
  const n = lines.length;
  return {
    kind: 'notice-digest',
    to,
    subject: `Votre résumé du jour (${n}) — Your daily summary`,
    text: [
      'Bonjour,',
      '',
      `Ce qui s’est passé sur Retaille depuis hier (${n}) :`,
      ...lines.map((l) => l.fr),
      '',
      '— English below —',
      '',
      `What happened on Retaille since yesterday (${n}):`,
      ...lines.map((l) => l.en),
      '',
      '--',
      'Retaille',
      `Ne plus recevoir ces e-mails / Unsubscribe: ${urls.unsubscribe}`,
      `Préférences / Preferences: ${urls.settings}`,
    ].join('\n'),
  };
}
