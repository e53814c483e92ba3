import { describe, expect, it } from 'vitest';
import { webLinks } from './links.ts';

describe('webLinks', () => {
  const links = webLinks('https://retaille.example/');

  it('builds absolute page links from the public URL, without a doubled slash', () => {
    expect(links.tradePage('t1')).toBe('https://retaille.example/echanges/t1');
    expect(links.lotPage('l1')).toBe('https://retaille.example/lots/l1');
    expect(links.sitePayments('s1', { retour: '1' })).toBe(
      'https://retaille.example/sites/s1/paiements?retour=1',
    );
    expect(links.invitation('abc')).toBe('https://retaille.example/invitations/abc');
  });

  it('keeps Stripe’s placeholder verbatim in a query', () => {
    expect(links.tradePage('t1', { paiement: 'ok', session: '{CHECKOUT_SESSION_ID}' })).toBe(
      'https://retaille.example/echanges/t1?paiement=ok&session={CHECKOUT_SESSION_ID}',
    );
  });

  it('gives photos as server paths', () => {
    expect(links.photo('p1')).toBe('/api/photos/p1');
    expect(links.photo('p1', 'thumb')).toBe('/api/photos/p1?size=thumb');
  });

  it('cannot be steered elsewhere by an id', () => {
    expect(links.tradePage('../admin')).toBe('https://retaille.example/echanges/..%2Fadmin');
  });
});
