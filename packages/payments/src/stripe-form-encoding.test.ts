import { describe, expect, it } from 'vitest';
import { FormEncodingError, parseStripeForm } from './stripe-form-encoding.ts';

describe('parseStripeForm', () => {
  it.each([
    ['', {}],
    ['a=1&b=two', { a: '1', b: 'two' }],
    ['email=a%40b.fr&name=Atelier+du+coin', { email: 'a@b.fr', name: 'Atelier du coin' }],
    ['metadata[tradeId]=t1&metadata[site]=s', { metadata: { tradeId: 't1', site: 's' } }],
    ['capabilities[transfers][requested]=true', { capabilities: { transfers: { requested: 'true' } } }],
    [
      'line_items[0][quantity]=1&line_items[0][price_data][unit_amount]=1234&line_items[1][quantity]=2',
      { line_items: [{ quantity: '1', price_data: { unit_amount: '1234' } }, { quantity: '2' }] },
    ],
    ['expand[]=a&expand[]=b', { expand: ['a', 'b'] }],
    [
      'success_url=http%3A%2F%2Fa%2Fs%3Fid%3D%7BCHECKOUT_SESSION_ID%7D',
      { success_url: 'http://a/s?id={CHECKOUT_SESSION_ID}' },
    ],
    ['metadata[note]=', { metadata: { note: '' } }],
    ['0=a', { '0': 'a' }],
  ])('%s', (body, expected) => {
    expect(parseStripeForm(body)).toEqual(expected);
  });

  it.each([
    ['a=1&a[b]=2', 'a'],
    ['a[b]=2&a=1', 'a'],
    ['__proto__[x]=1', '__proto__[x]'],
    ['a[constructor]=1', 'a[constructor]'],
    ['a]=1', 'a]'],
  ])('rejects %s', (body, param) => {
    expect(() => parseStripeForm(body)).toThrow(FormEncodingError);
    try {
      parseStripeForm(body);
    } catch (err) {
      expect((err as FormEncodingError).param).toBe(param);
    }
  });

  it('does not pollute prototypes', () => {
    expect(() => parseStripeForm('__proto__[polluted]=yes')).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
