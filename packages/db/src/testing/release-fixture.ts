/**
 * Data as the release of 2026-11-26 (migrations up to 20261126190000, commit 884444c) wrote it:
 * accounts, three sites, lots with a photo, a wanted request and its notification, a completed
 * paid trade with its history, payment effects and balanced ledger, a trade still waiting for the
 * seller, and the impact records of two past trades with their monthly pre-aggregations.
 *
 * Frozen like a migration: plain inserts on `Kysely<any>` against THAT schema, never the current
 * repositories (which follow the latest schema and would stop fitting the old one). Do not edit
 * it to follow a new migration; it is the old data the new migrations must carry over.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

export const RELEASE_LAST_MIGRATION = '20261126190000';

export interface ReleaseFixture {
  users: { sellerOwner: string; buyerOwner: string; designer: string; admin: string };
  sites: { menuiserie: string; atelier: string; tannerie: string };
  lots: { oak: string; leather: string; felt: string; linen: string };
  requestId: string;
  completedTradeId: string;
  pendingTradeId: string;
  impactTradeIds: string[];
  /** What the data must still add up to after an upgrade. */
  expected: {
    ledgerEurBalance: Record<string, number>;
    ledgerKgBalance: Record<string, number>;
    impactMassKg: number;
    impactNetKgCo2e: number;
  };
}

const at = (iso: string) => new Date(iso);
/** 1×1 PNG: the bytes must survive an upgrade exactly. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export async function seedReleaseData(db: Kysely<any>): Promise<ReleaseFixture> {
  const u = {
    sellerOwner: `usr_${randomUUID()}`,
    buyerOwner: `usr_${randomUUID()}`,
    designer: `usr_${randomUUID()}`,
    admin: `usr_${randomUUID()}`,
  };
  const names: Record<keyof typeof u, [string, string]> = {
    sellerOwner: ['Camille Roux', 'camille@menuiserie-roux.test'],
    buyerOwner: ['Inès Benali', 'ines@atelier-benali.test'],
    designer: ['Léa Martin', 'lea.martin@designer.test'],
    admin: ['Admin Retaille', 'admin@retaille.test'],
  };
  await db
    .insertInto('auth_user')
    .values(
      Object.entries(u).map(([k, id]) => ({
        id,
        name: names[k as keyof typeof u][0],
        email: names[k as keyof typeof u][1],
        emailVerified: true,
        createdAt: at('2026-09-01T08:00:00Z'),
        updatedAt: at('2026-09-01T08:00:00Z'),
      })),
    )
    .execute();
  await db
    .insertInto('auth_account')
    .values(
      Object.values(u).map((id) => ({
        id: `acc_${id}`,
        accountId: id,
        providerId: 'credential',
        userId: id,
        password: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
        updatedAt: at('2026-09-01T08:00:00Z'),
      })),
    )
    .execute();
  await db
    .insertInto('auth_session')
    .values({
      id: `ses_${randomUUID()}`,
      expiresAt: at('2027-01-01T00:00:00Z'),
      token: randomUUID(),
      updatedAt: at('2026-11-20T10:00:00Z'),
      ipAddress: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      userId: u.designer,
    })
    .execute();
  await db
    .insertInto('user_profile')
    .values([
      { user_id: u.sellerOwner },
      { user_id: u.buyerOwner },
      {
        user_id: u.designer,
        roles: sql`array['designer']::text[]`,
        home_commune_insee: '69123',
        home_lat: 45.764,
        home_lon: 4.8357,
      },
      {
        user_id: u.admin,
        roles: sql`array['admin', 'coordinator']::text[]`,
        coordinator_regions: sql`array['84']::text[]`,
      },
    ])
    .execute();

  const siteRow = (
    name: string,
    commune: [string, string, string, string, string],
    lat: number,
    lon: number,
    sectors: string[],
    owner: string,
    vat: number | null,
  ) => ({
    id: randomUUID(),
    name,
    description: `${name} — atelier de fabrication`,
    address: '12 rue des Artisans',
    postal_code: commune[0],
    commune_insee: commune[1],
    commune_name: commune[2],
    departement_code: commune[3],
    region_code: commune[4],
    lat,
    lon,
    sectors: sql`${sql.val(sectors)}::text[]`,
    territory_type: 'metropolis',
    contact_email: `contact@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.test`,
    vat_rate_bps: vat,
    created_by: owner,
    verified_at: at('2026-09-02T09:00:00Z'),
    verified_by: u.admin,
    created_at: at('2026-09-01T09:00:00Z'),
  });
  const menuiserie = siteRow(
    'Menuiserie Roux',
    ['69007', '69387', 'Lyon 7e Arrondissement', '69', '84'],
    45.7457,
    4.8421,
    ['bois'],
    u.sellerOwner,
    2000,
  );
  const atelier = siteRow(
    'Atelier Benali',
    ['69100', '69266', 'Villeurbanne', '69', '84'],
    45.7719,
    4.8902,
    ['bois', 'ameublement'],
    u.buyerOwner,
    null,
  );
  const tannerie = siteRow(
    'Tannerie du Rhône',
    ['69200', '69259', 'Vénissieux', '69', '84'],
    45.6975,
    4.8867,
    ['cuir'],
    u.sellerOwner,
    2000,
  );
  await db.insertInto('site').values([menuiserie, atelier, tannerie]).execute();
  await db
    .insertInto('site_member')
    .values([
      { site_id: menuiserie.id, user_id: u.sellerOwner, role: 'owner' },
      { site_id: tannerie.id, user_id: u.sellerOwner, role: 'owner' },
      { site_id: atelier.id, user_id: u.buyerOwner, role: 'owner' },
      { site_id: atelier.id, user_id: u.designer, role: 'member' },
    ])
    .execute();
  await db
    .updateTable('user_profile')
    .set({ active_site_id: atelier.id })
    .where('user_id', '=', u.buyerOwner)
    .execute();
  await db
    .insertInto('site_invitation')
    .values({
      site_id: menuiserie.id,
      email: 'apprenti@menuiserie-roux.test',
      role: 'member',
      token_hash: `sha256:${randomUUID()}`,
      invited_by: u.sellerOwner,
      expires_at: at('2026-12-31T00:00:00Z'),
    })
    .execute();

  type LotSpec = {
    site: typeof menuiserie;
    title: string;
    material: string;
    family: string;
    unit: string;
    quantity: number;
    price: number | null;
    dims?: [number, number, number];
    mass: number;
    status?: string;
    sold?: number;
    reserved?: number;
  };
  const lot = (s: LotSpec) => {
    const id = randomUUID();
    return {
      id,
      site_id: s.site.id,
      created_by: u.sellerOwner,
      title: s.title,
      description: `${s.title}, stock propre et sec`,
      material_key: s.material,
      family_key: s.family,
      condition: 'offcut',
      unit: s.unit,
      quantity: String(s.quantity),
      quantity_sold: String(s.sold ?? 0),
      quantity_reserved: String(s.reserved ?? 0),
      length_mm: s.dims ? String(s.dims[0]) : null,
      width_mm: s.dims ? String(s.dims[1]) : null,
      thickness_mm: s.dims ? String(s.dims[2]) : null,
      mass_kg: String(s.mass),
      mass_estimated: true,
      mass_method: 'density',
      price_cents: s.price,
      status: s.status ?? 'published',
      lat: s.site.lat,
      lon: s.site.lon,
      earth_point: sql`ll_to_earth(${s.site.lat}, ${s.site.lon})`,
      site_sectors: s.site.sectors,
      search_tsv: sql`to_tsvector('french', unaccent(${`${s.title} ${s.material}`}))`,
      published_at: at('2026-10-01T10:00:00Z'),
      created_at: at('2026-10-01T09:30:00Z'),
    };
  };
  const oak = lot({
    site: menuiserie,
    title: 'Planches de chêne massif',
    material: 'oak',
    family: 'wood',
    unit: 'piece',
    quantity: 30,
    price: 400,
    dims: [1000, 200, 20],
    mass: 84,
    sold: 30,
    status: 'exhausted',
  });
  const leather = lot({
    site: tannerie,
    title: 'Chutes de cuir pleine fleur',
    material: 'leather',
    family: 'leather',
    unit: 'kg',
    quantity: 12.5,
    price: 1500,
    mass: 12.5,
    reserved: 2,
  });
  const felt = lot({
    site: menuiserie,
    title: 'Feutre de laine gris',
    material: 'wool_felt',
    family: 'textile',
    unit: 'm2',
    quantity: 8,
    price: null,
    dims: [2000, 1000, 5],
    mass: 4.8,
  });
  const linen = lot({
    site: tannerie,
    title: 'Toile de lin écrue',
    material: 'linen',
    family: 'textile',
    unit: 'm',
    quantity: 40,
    price: 250,
    mass: 9.6,
  });
  await db.insertInto('lot').values([oak, leather, felt, linen]).execute();
  await db
    .insertInto('lot_photo')
    .values({
      lot_id: leather.id,
      uploaded_by: u.sellerOwner,
      position: 0,
      width: 1,
      height: 1,
      image: PNG,
      thumb: PNG,
      content_type: 'image/png',
      bytes: PNG.length,
    })
    .execute();

  const requestId = randomUUID();
  await db
    .insertInto('wanted_request')
    .values({
      id: requestId,
      requester_id: u.designer,
      site_id: atelier.id,
      title: 'Cuir pour maroquinerie',
      description: 'Petites pièces pour porte-cartes',
      material_keys: sql`array['leather']::text[]`,
      unit: 'kg',
      quantity_min: '1',
      quantity_max: '5',
      max_distance_km: '50',
      lat: atelier.lat,
      lon: atelier.lon,
      earth_point: sql`ll_to_earth(${atelier.lat}, ${atelier.lon})`,
      departement_code: '69',
      region_code: '84',
      budget_cents: 6000,
    })
    .execute();
  await db
    .insertInto('notification')
    .values({
      user_id: u.designer,
      kind: 'lot_matches_request',
      lot_id: leather.id,
      request_id: requestId,
      payload: JSON.stringify({ score: 0.91, distanceKm: 8.2 }),
    })
    .execute();

  // A paid trade taken to completion: 30 oak boards at 4,00 € + 20 % VAT, no platform fee.
  const completedTradeId = randomUUID();
  const subtotal = 12000;
  const vat = 2400;
  const total = subtotal + vat;
  await db
    .insertInto('trade')
    .values({
      id: completedTradeId,
      lot_id: oak.id,
      seller_site_id: menuiserie.id,
      buyer_user_id: u.buyerOwner,
      buyer_site_id: atelier.id,
      quantity: '30',
      unit: 'piece',
      unit_price_cents: 400,
      subtotal_cents: subtotal,
      vat_rate_bps: 2000,
      vat_cents: vat,
      total_cents: total,
      platform_fee_bps: 0,
      platform_fee_cents: 0,
      seller_payout_cents: total,
      is_paid: true,
      state: 'completed',
      state_entered_at: at('2026-11-12T16:00:00Z'),
      pickup_start: at('2026-11-10T08:00:00Z'),
      pickup_end: at('2026-11-10T10:00:00Z'),
      pickup_proposed_by: 'seller',
      pickup_agreed_at: at('2026-11-06T12:00:00Z'),
      handover_grams: 84000,
      vehicle_key: 'van_diesel',
      handed_over_at: at('2026-11-10T09:00:00Z'),
      receipt_grams: 84000,
      received_at: at('2026-11-12T16:00:00Z'),
      final_total_cents: total,
      final_platform_fee_cents: 0,
      final_seller_payout_cents: total,
      checkout_session_id: 'cs_test_release',
      payment_intent_id: 'pi_test_release',
      paid_cents: total,
      transfer_id: 'tr_test_release',
      version: 8,
      created_at: at('2026-11-05T10:00:00Z'),
      updated_at: at('2026-11-12T16:00:00Z'),
    })
    .execute();
  const steps: [string, string, string, string, string][] = [
    ['request', 'initial', 'requested', 'buyer', '2026-11-05T10:00:00Z'],
    ['accept', 'requested', 'payment_pending', 'seller', '2026-11-05T14:00:00Z'],
    ['mark_paid', 'payment_pending', 'paid', 'system', '2026-11-05T14:20:00Z'],
    ['propose_pickup', 'paid', 'pickup_proposed', 'seller', '2026-11-06T09:00:00Z'],
    ['agree_pickup', 'pickup_proposed', 'pickup_scheduled', 'buyer', '2026-11-06T12:00:00Z'],
    ['hand_over', 'pickup_scheduled', 'handed_over', 'seller', '2026-11-10T09:00:00Z'],
    ['confirm_receipt', 'handed_over', 'received', 'buyer', '2026-11-12T16:00:00Z'],
    ['complete', 'received', 'completed', 'system', '2026-11-12T16:00:00Z'],
  ];
  await db
    .insertInto('trade_event')
    .values(
      steps.map(([transition, from, to, role, when], i) => ({
        trade_id: completedTradeId,
        seq: i + 1,
        transition,
        from_state: from,
        to_state: to,
        actor_role: role,
        actor_user_id: role === 'buyer' ? u.buyerOwner : role === 'seller' ? u.sellerOwner : null,
        params: JSON.stringify(transition === 'hand_over' ? { grams: 84000, vehicleKey: 'van_diesel' } : {}),
        created_at: at(when),
      })),
    )
    .execute();
  await db
    .insertInto('trade_message')
    .values({
      trade_id: completedTradeId,
      author_user_id: u.buyerOwner,
      author_role: 'buyer',
      body: 'Je passe avec la camionnette mardi matin.',
      created_at: at('2026-11-06T10:00:00Z'),
    })
    .execute();
  await db
    .insertInto('trade_payment_effect')
    .values({
      trade_id: completedTradeId,
      kind: 'transfer',
      seq: 1,
      amount_cents: total,
      status: 'done',
      external_id: 'tr_test_release',
      created_at: at('2026-11-12T16:00:00Z'),
      updated_at: at('2026-11-12T16:00:05Z'),
    })
    .execute();
  await db
    .insertInto('processed_stripe_event')
    .values({
      event_id: 'evt_test_release',
      type: 'checkout.session.completed',
      trade_id: completedTradeId,
      processed_at: at('2026-11-05T14:20:00Z'),
    })
    .execute();
  await db
    .insertInto('seller_payment_account')
    .values({
      site_id: menuiserie.id,
      stripe_account_id: `acct_${randomUUID().slice(0, 16)}`,
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
    })
    .execute();
  const seller = `site:${menuiserie.id}`;
  const buyer = `site:${atelier.id}`;
  const journal: [string, string, [string, string, number][]][] = [
    [
      'payment_captured',
      '2026-11-05T14:20:00Z',
      [
        ['buyer', 'EUR', -total],
        ['stripe_clearing', 'EUR', total],
      ],
    ],
    [
      'material_handover',
      '2026-11-10T09:00:00Z',
      [
        [seller, 'kg', -84000],
        [buyer, 'kg', 84000],
      ],
    ],
    [
      'settlement',
      '2026-11-12T16:00:00Z',
      [
        ['stripe_clearing', 'EUR', -total],
        ['platform_fee', 'EUR', 0],
        ['seller_payable', 'EUR', total],
      ],
    ],
    [
      'transfer_to_seller',
      '2026-11-12T16:00:05Z',
      [
        ['seller_payable', 'EUR', -total],
        ['seller_paid_out', 'EUR', total],
      ],
    ],
  ];
  await db
    .insertInto('ledger_entry')
    .values(
      journal.flatMap(([event, when, postings]) =>
        postings.map(([account, unit, amount], i) => ({
          entry_key: `${event}:${completedTradeId}`,
          posting_no: i + 1,
          trade_id: completedTradeId,
          event,
          account,
          unit,
          amount_minor: amount,
          created_at: at(when),
        })),
      ),
    )
    .execute();

  // A trade waiting for the seller's answer, with its expiry timer armed.
  const pendingTradeId = randomUUID();
  await db
    .insertInto('trade')
    .values({
      id: pendingTradeId,
      lot_id: leather.id,
      seller_site_id: tannerie.id,
      buyer_user_id: u.designer,
      buyer_site_id: null,
      quantity: '2',
      unit: 'kg',
      unit_price_cents: 1500,
      subtotal_cents: 3000,
      vat_rate_bps: 2000,
      vat_cents: 600,
      total_cents: 3600,
      platform_fee_bps: 0,
      platform_fee_cents: 0,
      seller_payout_cents: 3600,
      is_paid: true,
      state: 'requested',
      state_entered_at: at('2026-11-25T08:00:00Z'),
      created_at: at('2026-11-25T08:00:00Z'),
      updated_at: at('2026-11-25T08:00:00Z'),
    })
    .execute();
  await db
    .insertInto('trade_event')
    .values({
      trade_id: pendingTradeId,
      seq: 1,
      transition: 'request',
      from_state: 'initial',
      to_state: 'requested',
      actor_role: 'buyer',
      actor_user_id: u.designer,
      created_at: at('2026-11-25T08:00:00Z'),
    })
    .execute();
  await db
    .insertInto('trade_timer')
    .values({ trade_id: pendingTradeId, transition: 'expire_request', due_at: at('2026-12-02T08:00:00Z') })
    .execute();

  await db
    .insertInto('mail_outbox')
    .values({
      to_address: names.sellerOwner[1],
      subject: 'Nouvelle demande sur « Chutes de cuir pleine fleur »',
      text_body: 'Léa Martin demande 2 kg.',
      kind: 'trade.requested',
      transport: 'outbox',
    })
    .execute();
  await db
    .insertInto('sign_in_throttle')
    .values({ key: `email:${names.designer[1]}`, failures: 2, window_started_at: at('2026-11-25T07:55:00Z') })
    .execute();

  await db
    .insertInto('factor_set')
    .values({
      version: '2026.1',
      status: 'active',
      material_factors: JSON.stringify({ oak: { kgCo2ePerKg: 0.87 }, leather: { kgCo2ePerKg: 17 } }),
      transport_factors: JSON.stringify({ van_diesel: { kgCo2ePerTonneKm: 0.6 } }),
      created_at: at('2026-09-01T00:00:00Z'),
    })
    .execute();

  // Impact of two trades completed in October and November (one per origin site and month), and
  // the three monthly pre-aggregations the release wrote in the same transaction.
  const impacts = [
    {
      trade: completedTradeId,
      site: menuiserie,
      month: '2026-11-01',
      completed: '2026-11-12T16:00:00Z',
      material: 'oak',
      family: 'wood',
      sector: 'bois',
      mass: 84,
      km: 4.9,
      avoided: 73.08,
      lotId: oak.id,
    },
    {
      trade: randomUUID(),
      site: tannerie,
      month: '2026-10-01',
      completed: '2026-10-20T11:00:00Z',
      material: 'leather',
      family: 'leather',
      sector: 'cuir',
      mass: 3,
      km: 8.2,
      avoided: 51,
      lotId: leather.id,
    },
  ].map((r) => {
    const tonneKm = (r.mass / 1000) * r.km;
    const transport = tonneKm * 0.6;
    return { ...r, tonneKm, transport, net: r.avoided - transport };
  });
  for (const r of impacts) {
    await db
      .insertInto('impact_record')
      .values({
        trade_id: r.trade,
        completed_at: at(r.completed),
        month: r.month,
        origin_site_id: r.site.id,
        origin_departement: '69',
        origin_region: '84',
        origin_territory_type: 'metropolis',
        origin_sectors: r.site.sectors,
        origin_lat: r.site.lat,
        origin_lon: r.site.lon,
        sector: r.sector,
        destination_kind: 'site',
        destination_site_id: atelier.id,
        destination_user_id: null,
        destination_key: `site:${atelier.id}`,
        destination_label: atelier.name,
        destination_departement: '69',
        destination_lat: atelier.lat,
        destination_lon: atelier.lon,
        lot_id: r.lotId,
        material_key: r.material,
        material_family: r.family,
        factor_key: r.material,
        vehicle_key: 'van_diesel',
        mass_kg: r.mass,
        mass_source: 'measured',
        distance_km: r.km,
        distance_method: 'great_circle',
        avoided_kg_co2e: r.avoided,
        transport_kg_co2e: r.transport,
        net_kg_co2e: r.net,
        tonne_km: r.tonneKm,
        factor_version: '2026.1',
        factor_missing: false,
        input: JSON.stringify({ massKg: r.mass, distanceKm: r.km, vehicleKey: 'van_diesel' }),
      })
      .execute();
    const place = {
      month: r.month,
      origin_site_id: r.site.id,
      origin_departement: '69',
      origin_region: '84',
      origin_territory_type: 'metropolis',
    };
    await db
      .insertInto('impact_monthly')
      .values({
        ...place,
        sector: r.sector,
        material_family: r.family,
        factor_version: '2026.1',
        trades: 1,
        mass_kg: r.mass,
        measured_mass_kg: r.mass,
        avoided_kg_co2e: r.avoided,
        transport_kg_co2e: r.transport,
        net_kg_co2e: r.net,
        tonne_km: r.tonneKm,
        distance_km: r.km,
        trades_within_30km: 1,
        trades_within_80km: 1,
        trades_factor_missing: 0,
      })
      .execute();
    const flow = {
      ...place,
      destination_key: `site:${atelier.id}`,
      destination_label: atelier.name,
      destination_site_id: atelier.id,
      destination_lat: atelier.lat,
      destination_lon: atelier.lon,
      trades: 1,
      mass_kg: r.mass,
      tonne_km: r.tonneKm,
      net_kg_co2e: r.net,
    };
    await db
      .insertInto('impact_flow_monthly')
      .values({ ...flow, sector: r.sector, material_family: r.family })
      .execute();
    await db.insertInto('impact_site_flow_monthly').values(flow).execute();
  }

  return {
    users: u,
    sites: { menuiserie: menuiserie.id, atelier: atelier.id, tannerie: tannerie.id },
    lots: { oak: oak.id, leather: leather.id, felt: felt.id, linen: linen.id },
    requestId,
    completedTradeId,
    pendingTradeId,
    impactTradeIds: impacts.map((r) => r.trade),
    expected: {
      ledgerEurBalance: {
        buyer: -total,
        stripe_clearing: 0,
        platform_fee: 0,
        seller_payable: 0,
        seller_paid_out: total,
      },
      ledgerKgBalance: { [seller]: -84000, [buyer]: 84000 },
      impactMassKg: impacts.reduce((s, r) => s + r.mass, 0),
      impactNetKgCo2e: impacts.reduce((s, r) => s + r.net, 0),
    },
  };
}
