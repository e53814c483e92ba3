/**
 * Where things live for a person or a browser: the web pages and the server's file routes. Services
 * put links in e-mails, Stripe redirects and DTOs through this port and never spell a path, so the
 * routes have one owner (the composition root gives the implementation).
 */
export interface Links {
  /** The trade's page (absolute: it goes into e-mails and Stripe redirects). */
  tradePage(tradeId: string, query?: Record<string, string>): string;
  /** A lot's page (absolute). */
  lotPage(lotId: string): string;
  /** A site's payment settings, where Stripe onboarding returns (absolute). */
  sitePayments(siteId: string, query?: Record<string, string>): string;
  /** Accepting an invitation to a site (absolute). */
  invitation(token: string): string;
  /** A photo's bytes, as the web app requests them (relative to the server). */
  photo(photoId: string, size?: 'thumb'): string;
}

/** Query values are our own constants, written as given: Stripe wants `{CHECKOUT_SESSION_ID}` verbatim. */
function withQuery(url: string, query: Record<string, string> | undefined): string {
  if (!query) return url;
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${v}`);
  return parts.length === 0 ? url : `${url}?${parts.join('&')}`;
}

/** The server's own file routes, which need no public URL (relative paths). */
export const serverLinks: Pick<Links, 'photo'> = {
  photo: (photoId, size) => `/api/photos/${encodeURIComponent(photoId)}${size ? `?size=${size}` : ''}`,
};

/** The links of the Retaille web app served at `publicUrl` (French paths, as the router has them). */
export function webLinks(publicUrl: string): Links {
  const base = publicUrl.replace(/\/+$/, '');
  const id = (value: string) => encodeURIComponent(value);
  return {
    tradePage: (tradeId, query) => withQuery(`${base}/echanges/${id(tradeId)}`, query),
    lotPage: (lotId) => `${base}/lots/${id(lotId)}`,
    sitePayments: (siteId, query) => withQuery(`${base}/sites/${id(siteId)}/paiements`, query),
    invitation: (token) => `${base}/invitations/${id(token)}`,
    photo: serverLinks.photo,
  };
}
