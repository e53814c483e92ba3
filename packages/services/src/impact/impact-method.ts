import { type Database, type ImpactQueryFilter, impactRepository, type Kysely } from '@retaille/db';
import {
  assessTrade,
  type FactorSet,
  type MethodSummary,
  type MethodTradeImpact,
  summariseImpacts,
  type TravelMode,
} from '@retaille/domain';

/**
 * Method figures of a dashboard filter: central with range, coverage by material, the five most
 * sensitive parameters, read from the stored records (each computed with the method version it
 * cites, its trip share included). Records are grouped by factor version, material and travel;
 * each group is assessed with its own factor version, so the totals are the records' own.
 * `factorSetOf` resolves a version; groups of an unknown version are assessed with `fallback`.
 */
export async function methodSummaryOf(
  db: Kysely<Database>,
  filter: ImpactQueryFilter,
  factorSetOf: (version: string) => Promise<FactorSet | undefined>,
  fallback: FactorSet,
): Promise<MethodSummary> {
  const groups = await impactRepository.methodGroups(db, filter);
  const sets = new Map<string, FactorSet>();
  for (const v of new Set(groups.map((g) => g.factor_version)))
    sets.set(v, (await factorSetOf(v)) ?? fallback);
  const impacts: MethodTradeImpact[] = groups.map((g) =>
    assessTrade(
      {
        tradeId: `group:${g.factor_version}:${g.material_key}:${g.travel_mode}:${g.is_default}`,
        materialKey: g.material_key,
        massKg: g.mass_kg,
        transportKgCo2e: {
          low: g.transport_low_kg_co2e,
          central: g.transport_kg_co2e,
          high: g.transport_high_kg_co2e,
        },
        travelMode: g.travel_mode as TravelMode,
        travelIsDefault: g.is_default,
        trades: g.trades,
      },
      sets.get(g.factor_version) ?? fallback,
    ),
  );
  return summariseImpacts(impacts, fallback);
}
