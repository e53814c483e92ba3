import type { Migration } from 'kysely';
import * as m20261126140000 from './20261126140000_create_extensions.ts';
import * as m20261126140100 from './20261126140100_create_site.ts';
import * as m20261126150000 from './20261126150000_create_accounts.ts';
import * as m20261126160000 from './20261126160000_create_catalogue.ts';
import * as m20261126170000 from './20261126170000_create_trades.ts';
import * as m20261126180000 from './20261126180000_create_matching.ts';
import * as m20261126190000 from './20261126190000_create_impact.ts';
import * as m20261204110000 from './20261204110000_index_photo_quotas.ts';
import * as m20261204150000 from './20261204150000_create_trip.ts';
import * as m20261204170000 from './20261204170000_offset_edited_lot_points.ts';
import * as m20261205010000 from './20261205010000_create_operations.ts';
import * as m20261205020000 from './20261205020000_create_trade_notifications.ts';
import * as m20261205030000 from './20261205030000_add_seller_transfers_active.ts';
import * as m20261205030100 from './20261205030100_create_offers_and_saved_searches.ts';
import * as m20261205040000 from './20261205040000_impact_records_method.ts';
import * as m20261206100000 from './20261206100000_create_basket.ts';
import * as m20261206200000 from './20261206200000_create_site_opening_hours.ts';
import * as m20261206200100 from './20261206200100_create_pooled_tours.ts';
import * as m20261207100000 from './20261207100000_add_pooled_tour_answered_notice.ts';

/**
 * The one migrations folder, listed statically so that it works the same under tsx, Vitest and a
 * bundle. A landed migration is never edited: add a new file and a line here.
 */
export const migrations: Record<string, Migration> = {
  '20261126140000_create_extensions': m20261126140000,
  '20261126140100_create_site': m20261126140100,
  '20261126150000_create_accounts': m20261126150000,
  '20261126160000_create_catalogue': m20261126160000,
  '20261126170000_create_trades': m20261126170000,
  '20261126180000_create_matching': m20261126180000,
  '20261126190000_create_impact': m20261126190000,
  '20261204110000_index_photo_quotas': m20261204110000,
  '20261204150000_create_trip': m20261204150000,
  '20261204170000_offset_edited_lot_points': m20261204170000,
  '20261205010000_create_operations': m20261205010000,
  '20261205020000_create_trade_notifications': m20261205020000,
  '20261205030000_add_seller_transfers_active': m20261205030000,
  '20261205030100_create_offers_and_saved_searches': m20261205030100,
  '20261205040000_impact_records_method': m20261205040000,
  '20261206100000_create_basket': m20261206100000,
  '20261206200000_create_site_opening_hours': m20261206200000,
  '20261206200100_create_pooled_tours': m20261206200100,
  '20261207100000_add_pooled_tour_answered_notice': m20261207100000,
};
