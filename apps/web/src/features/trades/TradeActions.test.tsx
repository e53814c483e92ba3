// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import type { TradeOutput } from '@retaille/api/client';
import { availableTransitions, type TradeParty, type TradeState } from '@retaille/domain/web';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n.ts';
import { tradesFr } from '../../i18n/trades.fr.ts';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from '../../lib/trpc.ts';
// The French texts are shown with their no-break spaces (the i18n post-processor).
import { frenchTypography } from '../../lib/typography.ts';
import { TradeActions } from './TradeActions.tsx';

beforeAll(async () => {
  // Mantine reads the colour scheme through matchMedia, which jsdom does not implement.
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
  await i18n.changeLanguage('fr');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function trade(
  state: TradeState,
  role: TradeOutput['role'],
  proposedBy: TradeParty | null = null,
): TradeOutput {
  return {
    id: '7a1e0c52-0000-4000-8000-000000000001',
    state,
    role,
    isPaid: true,
    availableTransitions: availableTransitions(state, role, true, proposedBy),
    pickup:
      state === 'pickup_proposed' || state === 'pickup_scheduled'
        ? {
            start: '2026-12-03T09:00:00Z',
            end: '2026-12-03T11:00:00Z',
            proposedBy,
            agreed: state === 'pickup_scheduled',
          }
        : null,
    handoverKg: state === 'handed_over' ? '28.5' : null,
    price: { totalCents: 4200 },
  } as unknown as TradeOutput;
}

function show(t: TradeOutput) {
  const queryClient = makeQueryClient();
  render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={makeTrpcClient()} queryClient={queryClient}>
          <TradeActions trade={t} />
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  const panel = screen.getByTestId('trade-actions');
  return {
    panel,
    buttons: within(panel)
      .queryAllByRole('button')
      .map((b) => b.textContent),
  };
}

const a = tradesFr.action;

describe('<TradeActions>', () => {
  it('offers the seller to accept or decline a request, and nothing to the buyer but withdrawing', () => {
    expect(show(trade('requested', 'seller')).buttons).toEqual([a.accept, a.decline]);
    cleanup();
    const buyer = show(trade('requested', 'buyer'));
    expect(buyer.buttons).toEqual([a.withdraw_request]);
    expect(buyer.panel.textContent).toContain(frenchTypography(tradesFr.trade.waiting));
  });

  it('lets the buyer pay a pending payment', () => {
    expect(show(trade('payment_pending', 'buyer')).buttons).toEqual([
      a.pay.replace('{{amount}}', '42,00\u00a0€'),
      a.cancel,
    ]);
  });

  it('once a slot is agreed, the seller hands over first, then may reschedule or cancel', () => {
    expect(show(trade('pickup_scheduled', 'seller', 'buyer')).buttons).toEqual([
      a.hand_over,
      a.counter_pickup,
      a.cancel,
    ]);
  });

  it('the buyer agrees to the seller’s slot; the seller is told the answer is awaited', () => {
    const buyer = show(trade('pickup_proposed', 'buyer', 'seller'));
    expect(buyer.buttons).toEqual([a.agree_pickup, a.counter_pickup, a.cancel]);
    cleanup();
    const seller = show(trade('pickup_proposed', 'seller', 'seller'));
    expect(seller.buttons).not.toContain(a.agree_pickup);
    expect(seller.panel.textContent).toContain('En attente de réponse');
  });

  it('after the handover the buyer confirms or disputes; the seller waits', () => {
    expect(show(trade('handed_over', 'buyer')).buttons).toEqual([a.confirm_receipt, a.open_dispute]);
    cleanup();
    const seller = show(trade('handed_over', 'seller'));
    expect(seller.buttons).toEqual([]);
    expect(seller.panel.textContent).toContain(frenchTypography(tradesFr.trade.waiting));
  });

  it('a closed trade says so and offers nothing', () => {
    const closed = show(trade('completed', 'buyer'));
    expect(closed.buttons).toEqual([]);
    expect(closed.panel.textContent).toContain(frenchTypography(tradesFr.trade.finished));
  });
});

describe('<TradeActions> handover form', () => {
  const form = () => within(screen.getByTestId('hand-over'));
  const errorOf = (input: HTMLElement) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
    return ids.map((i) => document.getElementById(i)?.textContent ?? '').join(' ');
  };
  const pick = (mode: string) =>
    fireEvent.change(screen.getByTestId('travel-mode'), { target: { value: mode } });

  it('shows the fields each travel mode needs', () => {
    show(trade('pickup_scheduled', 'seller', 'buyer'));
    expect(screen.queryByTestId('travel-distance')).toBeNull();
    pick('shared_tour');
    const tour = screen.getByTestId('travel-distance');
    expect(tour.hasAttribute('required')).toBe(true);
    expect(form().queryByRole('checkbox')).toBeNull();
    pick('car_dedicated');
    expect(screen.getByTestId('travel-distance').hasAttribute('required')).toBe(false);
    expect(form().getByRole('checkbox', { name: /Aller-retour/ })).toBeTruthy();
    pick('on_foot');
    expect(screen.queryByTestId('travel-distance')).toBeNull();
    expect(form().queryByRole('checkbox')).toBeNull();
  });

  it('refuses a shared tour without its distance next to the distance field, without calling the server', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    show(trade('pickup_scheduled', 'seller', 'buyer'));
    fireEvent.change(form().getByLabelText(/Poids mesuré/), { target: { value: '12,5' } });
    pick('shared_tour');
    fireEvent.click(form().getByRole('button', { name: a.hand_over }));
    const distance = screen.getByTestId('travel-distance');
    expect(distance.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(distance)).toContain('Indiquez la distance totale de la tournée.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors next to their fields, and the others above the button', async () => {
    const fields = [
      {
        path: 'travel.distanceKm',
        key: 'impact.tripNegativeDistance',
        fr: 'Distance refusée.',
        en: 'Distance refused.',
      },
      { path: 'travel.tripId', key: 'impact.tripPartiesMismatch', fr: 'Pas un arrêt.', en: 'Not a stop.' },
    ];
    const body = [
      {
        error: {
          message: 'impact.invalidTrip',
          code: -32600,
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            key: 'impact.invalidTrip',
            messages: { fr: 'Trajet impossible.', en: 'Impossible trip.' },
            fields,
          },
        },
      },
    ];
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    show(trade('pickup_scheduled', 'seller', 'buyer'));
    fireEvent.change(form().getByLabelText(/Poids mesuré/), { target: { value: '12,5' } });
    pick('shared_tour');
    fireEvent.change(screen.getByTestId('travel-distance'), { target: { value: '18,5' } });
    fireEvent.click(form().getByRole('button', { name: a.hand_over }));
    await screen.findByTestId('hand-over-errors');
    expect(fetch).toHaveBeenCalledOnce();
    const sent = JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body));
    expect(sent[0].travel).toEqual({ mode: 'shared_tour', roundTrip: false, distanceKm: 18.5 });
    expect(errorOf(screen.getByTestId('travel-distance'))).toContain('Distance refusée.');
    expect(screen.getByTestId('hand-over-errors').textContent).toBe('Pas un arrêt.');
  });
});
