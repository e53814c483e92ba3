import type { CheckoutSessionObject, LineItem } from './stripe-emulator-state.ts';

export const SIMULATION_NOTICE_FR = 'Simulation Stripe — aucun paiement réel';
export const SIMULATION_NOTICE_EN = 'Stripe simulation — no real payment';
export const PAY_LABEL = 'Payer / Pay';
export const DECLINE_LABEL = 'Refuser / Decline';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const formatCents = (cents: number): string => euros.format(cents / 100);

const styles = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f7f9; }
  .banner { background: #fff3bf; border-bottom: 2px solid #e0a800; padding: .75rem 1rem; text-align: center; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: .5rem;
         box-shadow: 0 1px 3px rgb(0 0 0 / .15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  .amount { font-size: 2rem; font-weight: 700; margin: .5rem 0 1rem; }
  ul { padding-left: 1.2rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #888; border-radius: .25rem; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; flex-wrap: wrap; }
  button { font: inherit; padding: .75rem 1.25rem; border-radius: .25rem; border: 2px solid #1a1a1a; cursor: pointer; }
  button[value="pay"] { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  button[value="decline"] { background: #fff; }
  button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #e0a800; outline-offset: 2px; }
`;

function layout(titleFr: string, titleEn: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(titleFr)} / ${escapeHtml(titleEn)} — ${escapeHtml(SIMULATION_NOTICE_FR)}</title>
<style>${styles}</style>
</head>
<body>
<div class="banner" role="note"><strong>${escapeHtml(SIMULATION_NOTICE_FR)}</strong><br><span lang="en">${escapeHtml(SIMULATION_NOTICE_EN)}</span></div>
<main>
<h1 id="title">${escapeHtml(titleFr)} <span lang="en">/ ${escapeHtml(titleEn)}</span></h1>
${body}
</main>
</body>
</html>
`;
}

export function checkoutPage(session: CheckoutSessionObject, lineItems: readonly LineItem[]): string {
  const items = lineItems
    .map(
      (li) =>
        `<li>${escapeHtml(li.description)}${li.quantity > 1 ? ` × ${li.quantity}` : ''} — ${escapeHtml(formatCents(li.unitAmount * li.quantity))}</li>`,
    )
    .join('');
  const email = session.customer_email ?? '';
  return layout(
    'Paiement',
    'Payment',
    `<p>Montant à payer <span lang="en">/ Amount due</span></p>
<p class="amount">${escapeHtml(formatCents(session.amount_total))}</p>
<ul aria-label="Détail / Details">${items}</ul>
<form method="post" action="/checkout/${escapeHtml(session.id)}" aria-labelledby="title">
<label for="email">Adresse e-mail <span lang="en">/ Email</span></label>
<input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(email)}">
<div class="actions">
<button type="submit" name="action" value="pay">${escapeHtml(PAY_LABEL)}</button>
<button type="submit" name="action" value="decline">${escapeHtml(DECLINE_LABEL)}</button>
</div>
</form>`,
  );
}

export function messagePage(
  titleFr: string,
  titleEn: string,
  link?: { href: string; fr: string; en: string } | undefined,
): string {
  const a =
    link === undefined
      ? ''
      : `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.fr)} <span lang="en">/ ${escapeHtml(link.en)}</span></a></p>`;
  return layout(titleFr, titleEn, a);
}
