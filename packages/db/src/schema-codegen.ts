import type { Kysely } from 'kysely';
import { PostgresDialect as CodegenPostgresDialect, serializeFromMetadata } from 'kysely-codegen';

export const SCHEMA_FILE = new URL('./schema.generated.ts', import.meta.url);

const EXCLUDE = '(kysely_*|pgboss.*)';

/**
 * Columns whose values are a domain type: the text columns behind a check constraint or a
 * validated input (statuses, units, materials, roles…) and the JSON documents we write. `select`
 * is what a repository reads; `write`, when given, what it writes (JSON as text: the driver would
 * turn a JS array into a PostgreSQL array). Nullability and defaults come from the schema.
 */
interface ColumnType {
  select: string;
  write?: string;
}
const DOMAIN_COLUMNS: Record<string, ColumnType> = {
  'lot.status': { select: 'LotStatus' },
  'lot.condition': { select: 'LotCondition' },
  'lot.unit': { select: 'UnitKey' },
  'lot.recurring_period': { select: 'RecurringPeriod' },
  'lot.material_key': { select: 'MaterialKey' },
  'lot.family_key': { select: 'MaterialFamilyKey' },
  'lot.site_sectors': { select: 'SectorKey[]' },
  'lot.composition': { select: 'Composition', write: 'string' },
  'wanted_request.status': { select: 'RequestStatus' },
  'wanted_request.unit': { select: 'UnitKey' },
  'wanted_request.material_keys': { select: 'MaterialKey[]' },
  'site.sectors': { select: 'SectorKey[]' },
  'site.territory_type': { select: 'TerritoryType' },
  'site_member.role': { select: 'SiteRole' },
  'site_invitation.role': { select: 'SiteRole' },
  'user_profile.roles': { select: 'PlatformRole[]' },
  'allocation_run.status': { select: 'AllocationRunStatus' },
  'allocation_run.totals': { select: 'StoredAllocationSummary', write: 'string' },
  'allocation_flow.decision': { select: 'FlowDecision' },
  'notification.payload': { select: 'JsonObject', write: 'string' },
  'trade.state': { select: 'TradeState' },
  'trade.pickup_proposed_by': { select: 'TradeParty' },
  'trade.dispute_resolution': { select: 'DisputeResolutionKind' },
  'trade_event.transition': { select: 'TransitionName' },
  'trade_event.from_state': { select: 'TradeState' },
  'trade_event.to_state': { select: 'TradeState' },
  'trade_event.actor_role': { select: 'TradeActor' },
  'trade_timer.transition': { select: 'TransitionName' },
  'trade_payment_effect.reason': { select: 'RefundReason' },
  'trip.mode': { select: 'TravelMode' },
  'saved_search.filters': { select: 'JsonObject', write: 'string' },
  'saved_search.point': { select: 'JsonObject', write: 'string' },
  'operator_audit_log.details': { select: 'JsonObject', write: 'string' },
  'pooled_tour.status': { select: 'PooledTourStatus' },
  'pooled_tour.scope_kind': { select: 'TerritoryScopeKind' },
  'pooled_tour_stop.buyer_response': { select: 'PooledTourResponse' },
  'pooled_tour_stop.seller_response': { select: 'PooledTourResponse' },
};

/**
 * int8 keys that a repository still compares with a text value (`where id > '42'`): read as
 * numbers like every int8, typed `number | string` until that comparison takes a number.
 */
const TEXT_COMPARED_INT8 = ['ledger_entry.id'];

const DOMAIN_TYPES = [
  'AllocationRunStatus',
  'Composition',
  'DisputeResolutionKind',
  'FlowDecision',
  'LotCondition',
  'LotStatus',
  'MaterialFamilyKey',
  'MaterialKey',
  'PlatformRole',
  'PooledTourResponse',
  'PooledTourStatus',
  'RecurringPeriod',
  'RefundReason',
  'RequestStatus',
  'SectorKey',
  'SiteRole',
  'StoredAllocationSummary',
  'TerritoryScopeKind',
  'TerritoryType',
  'TradeActor',
  'TradeParty',
  'TradeState',
  'TransitionName',
  'TravelMode',
  'UnitKey',
];

/**
 * Generates the Kysely table types from a migrated database (kysely-codegen), stating the
 * driver's parsers (`value-parsers.ts`: numeric and int8 as numbers, dates as `YYYY-MM-DD`) and
 * the domain types of `DOMAIN_COLUMNS`.
 */
export async function generateSchemaTypes(db: Kysely<any>): Promise<string> {
  const dialect = new CodegenPostgresDialect({ dateParser: 'string', numericParser: 'number' });
  const metadata = await dialect.introspector.introspect({ db, excludePattern: EXCLUDE });
  const columns: Record<string, string> = {};
  const wanted: Record<string, ColumnType> = {
    ...DOMAIN_COLUMNS,
    ...Object.fromEntries(TEXT_COMPARED_INT8.map((path) => [path, { select: 'number | string' }])),
  };
  for (const [path, type] of Object.entries(wanted)) {
    const [tableName, columnName] = path.split('.');
    const column = metadata.tables
      .find((t) => t.name === tableName && t.schema === 'public')
      ?.columns.find((c) => c.name === columnName);
    if (!column) throw new Error(`schema-codegen: no column ${path} in the migrated schema`);
    const orNull = (t: string) => (column.isNullable ? `${t} | null` : t);
    let node = type.write
      ? `ColumnType<${orNull(type.select)}, ${orNull(type.write)}, ${orNull(type.write)}>`
      : orNull(type.select);
    if (column.hasDefaultValue || column.isAutoIncrementing) node = `Generated<${node}>`;
    columns[path] = node;
  }
  const body = serializeFromMetadata({
    metadata,
    dialect,
    skipAutogeneratedFileComment: true,
    typeMapping: {
      int8: 'number',
      // Read as `YYYY-MM-DD`; a Date is still accepted in writes (PostgreSQL takes its day).
      date: 'ColumnType<string, Date | string, Date | string>',
    },
    overrides: { columns },
    customImports: Object.fromEntries(DOMAIN_TYPES.map((t) => [t, '@retaille/domain'])),
  });
  return `/**\n * Generated by \`pnpm db:types\` from the migrated schema (kysely-codegen). Do not edit:\n * a drift test fails when this file and the migrations disagree.\n */\n${body}`;
}
