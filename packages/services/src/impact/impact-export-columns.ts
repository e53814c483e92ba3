/** The columns, labels and texts of the impact exports (CSV, JSON, workbook), in French and English. */
import type { ImpactRecordRow } from '@retaille/db';
import {
  type CsvColumn,
  IMPACT_METHOD_VERSION,
  LEGACY_METHOD_VERSION,
  MEDIUM_DISTANCE_KM,
  SHORT_DISTANCE_KM,
  sectors,
  TRAVEL_MODE_FACTORS,
  type TravelMode,
} from '@retaille/domain';

/** A dashboard or an export covers at most this many months. */

export type Locale = 'fr' | 'en';

export interface ExportOptions {
  format: 'csv' | 'json' | 'xlsx';
  kind: 'lines' | 'aggregates' | 'sources';
  locale?: Locale;
}

export const travelLabel = (mode: string, locale: Locale) => {
  const f = TRAVEL_MODE_FACTORS[mode as TravelMode];
  return f === undefined ? mode : locale === 'fr' ? f.labelFr : f.labelEn;
};

/** One paragraph per method version the figures use, in the reader's language. */
export function methodSummaryText(versions: readonly string[], locale: Locale): string {
  const texts: Record<string, { fr: string; en: string }> = {
    [IMPACT_METHOD_VERSION]: {
      fr:
        `${IMPACT_METHOD_VERSION} : évité = masse × ratio de substitution de la famille × (facteur vierge − facteur réemploi), ` +
        'facteurs approchés signalés ; transport = le trajet déclaré à la remise (mode, aller simple ou aller-retour), réparti ' +
        'par masse entre les lots du trajet, sinon un utilitaire diesel aller-retour (par défaut, signalé) ; chaque chiffre avec ' +
        `sa fourchette basse/haute ; circuits courts ≤ ${SHORT_DISTANCE_KM} km et ≤ ${MEDIUM_DISTANCE_KM} km`,
      en:
        `${IMPACT_METHOD_VERSION}: avoided = mass × the family's substitution ratio × (virgin − reuse factor), proxies flagged; ` +
        'transport = the trip recorded at handover (mode, one way or round trip), allocated by mass across the lots of the trip, ' +
        'else a diesel van there and back (the labelled default); every figure with its low/high range; ' +
        `short circuits ≤ ${SHORT_DISTANCE_KM} km and ≤ ${MEDIUM_DISTANCE_KM} km`,
    },
    [LEGACY_METHOD_VERSION]: {
      fr: `${LEGACY_METHOD_VERSION} : évité = masse × (facteur vierge − facteur réemploi) ; transport = utilitaire du registre aller-retour avec amont carburant ; sans fourchette`,
      en: `${LEGACY_METHOD_VERSION}: avoided = mass × (virgin − reuse factor); transport = a registry vehicle there and back with upstream fuel; no range`,
    },
  };
  const used = versions.length > 0 ? versions : [IMPACT_METHOD_VERSION];
  return used.map((v) => texts[v]?.[locale] ?? v).join(' | ');
}
export type Line = ReturnType<typeof lineOf>;
export type Aggregate = Record<string, unknown> & { dimension: string; key: string; label: string };

export const sectorLabel = (key: string | null, locale: Locale) =>
  sectors.find((s) => s.key === key)?.[locale] ?? key ?? '';
export const territoryLabels: Record<string, { fr: string; en: string }> = {
  rural: { fr: 'Rural', en: 'Rural' },
  qpv: { fr: 'Quartier prioritaire (QPV)', en: 'Priority neighbourhood (QPV)' },
  small_medium_town: { fr: 'Petite ou moyenne ville', en: 'Small or medium town' },
  metropolis: { fr: 'Métropole', en: 'Metropolis' },
};
export const dimensionLabels: Record<string, { fr: string; en: string }> = {
  total: { fr: 'Total', en: 'Total' },
  month: { fr: 'Mois', en: 'Month' },
  sector: { fr: 'Filière', en: 'Sector' },
  materialFamily: { fr: 'Famille de matière', en: 'Material family' },
  departement: { fr: 'Département', en: 'Département' },
  region: { fr: 'Région', en: 'Region' },
  territoryType: { fr: 'Type de territoire', en: 'Territory type' },
  site: { fr: 'Site', en: 'Site' },
};

/** Reads the cell of column `key`, labelled by `fr`/`en`, with `decimals` for numbers. */
export function col<R>(
  key: string,
  fr: string,
  en: string,
  decimals?: number,
  map?: (v: unknown, locale: Locale) => unknown,
) {
  return (locale: Locale): CsvColumn<R> => ({
    header: { fr, en },
    value: (r) => {
      const v = (r as Record<string, unknown>)[key];
      return map ? map(v, locale) : v;
    },
    decimals,
  });
}

/** Labels, not keys, in the reader's language: « Métiers d'art », not `metiers_d_art`. */
export const lineColumns = [
  col<Line>('tradeId', 'Échange', 'Trade'),
  col<Line>('completedAt', 'Terminé le', 'Completed at'),
  col<Line>('month', 'Mois', 'Month'),
  col<Line>('originSiteId', 'Site vendeur', 'Seller site'),
  col<Line>('originDepartement', 'Département', 'Département'),
  col<Line>('originRegion', 'Région (code INSEE)', 'Region (INSEE code)'),
  col<Line>('originTerritoryType', 'Type de territoire', 'Territory type', undefined, (v, l) =>
    typeof v === 'string' ? (territoryLabels[v]?.[l] ?? v) : v,
  ),
  col<Line>('sector', 'Filière', 'Sector', undefined, (v, l) => sectorLabel(v as string | null, l)),
  col<Line>('destinationKind', 'Type de destination', 'Destination kind'),
  col<Line>('destinationLabel', 'Destination', 'Destination'),
  col<Line>('materialKey', 'Matière (clé)', 'Material (key)'),
  col<Line>('materialFamily', 'Famille de matière (clé)', 'Material family (key)'),
  col<Line>('massKg', 'Masse (kg)', 'Mass (kg)', 1),
  col<Line>('massSource', 'Origine de la masse', 'Mass source'),
  col<Line>('distanceKm', 'Distance (km)', 'Distance (km)', 1),
  col<Line>('distanceMethod', 'Méthode de distance', 'Distance method'),
  col<Line>('travelMode', 'Mode de transport', 'Travel mode', undefined, (v, l) =>
    typeof v === 'string' ? travelLabel(v, l) : v,
  ),
  col<Line>('travelIsDefault', 'Transport par défaut', 'Default travel'),
  col<Line>('vehicleKey', 'Véhicule', 'Vehicle'),
  col<Line>('avoidedKgCo2e', 'Évité (kg CO2e)', 'Avoided (kg CO2e)', 1),
  col<Line>('transportKgCo2e', 'Transport (kg CO2e)', 'Transport (kg CO2e)', 2),
  col<Line>('netKgCo2e', 'Net (kg CO2e)', 'Net (kg CO2e)', 1),
  col<Line>('netLowKgCo2e', 'Net bas (kg CO2e)', 'Net low (kg CO2e)', 1),
  col<Line>('netHighKgCo2e', 'Net haut (kg CO2e)', 'Net high (kg CO2e)', 1),
  col<Line>('tonneKm', 't·km', 't·km', 3),
  col<Line>('methodVersion', 'Version de la méthode', 'Method version'),
  col<Line>('factorVersion', 'Version des facteurs', 'Factor version'),
  col<Line>('coverage', 'Couverture du facteur', 'Factor coverage'),
  col<Line>('factorKey', 'Facteur', 'Factor'),
  col<Line>('factorMissing', 'Facteur manquant', 'Factor missing'),
  col<Line>('flags', 'Signaux', 'Flags'),
  col<Line>('isDemo', 'Démo', 'Demo'),
];
export const LINE_COLUMNS_BY_LOCALE = {
  fr: lineColumns.map((c) => c('fr')),
  en: lineColumns.map((c) => c('en')),
};

export const aggregateColumns = [
  col<Aggregate>('dimension', 'Ventilation', 'Breakdown', undefined, (v, l) =>
    typeof v === 'string' ? (dimensionLabels[v]?.[l] ?? v) : v,
  ),
  col<Aggregate>('key', 'Code', 'Code'),
  col<Aggregate>('label', 'Libellé', 'Label'),
  col<Aggregate>('trades', 'Échanges', 'Trades', 0),
  col<Aggregate>('massKg', 'Masse (kg)', 'Mass (kg)', 1),
  col<Aggregate>('measuredMassKg', 'Masse pesée (kg)', 'Measured mass (kg)', 1),
  col<Aggregate>('avoidedKgCo2e', 'Évité (kg CO2e)', 'Avoided (kg CO2e)', 1),
  col<Aggregate>('transportKgCo2e', 'Transport (kg CO2e)', 'Transport (kg CO2e)', 1),
  col<Aggregate>('netKgCo2e', 'Net (kg CO2e)', 'Net (kg CO2e)', 1),
  col<Aggregate>('netLowKgCo2e', 'Net bas (kg CO2e)', 'Net low (kg CO2e)', 1),
  col<Aggregate>('netHighKgCo2e', 'Net haut (kg CO2e)', 'Net high (kg CO2e)', 1),
  col<Aggregate>('tonneKm', 't·km', 't·km', 1),
  col<Aggregate>('distanceKm', 'Distance totale (km)', 'Total distance (km)', 0),
  col<Aggregate>('averageDistanceKm', 'Distance moyenne (km)', 'Average distance (km)', 1),
  col<Aggregate>('tradesWithin30Km', 'Échanges ≤ 30 km', 'Trades ≤ 30 km', 0),
  col<Aggregate>('tradesWithin80Km', 'Échanges ≤ 80 km', 'Trades ≤ 80 km', 0),
  col<Aggregate>('shareWithin30Km', 'Part ≤ 30 km', 'Share ≤ 30 km', 3),
  col<Aggregate>('shareWithin80Km', 'Part ≤ 80 km', 'Share ≤ 80 km', 3),
  col<Aggregate>('tradesWithMissingFactor', 'Échanges sans facteur', 'Trades without factor', 0),
  col<Aggregate>('tradesProxy', 'Échanges sur un facteur approché', 'Trades on a proxy factor', 0),
  col<Aggregate>(
    'tradesDefaultTravel',
    'Échanges au transport par défaut',
    'Trades on the default travel',
    0,
  ),
  col<Aggregate>('methodVersions', 'Version de la méthode', 'Method version'),
  col<Aggregate>('factorVersions', 'Versions des facteurs', 'Factor versions'),
];
export const AGGREGATE_COLUMNS_BY_LOCALE = {
  fr: aggregateColumns.map((c) => c('fr')),
  en: aggregateColumns.map((c) => c('en')),
};

export interface MetadataRow {
  item: string;
  value: string;
}
export const SOURCE_COLUMNS: CsvColumn<MetadataRow>[] = [
  { header: { fr: 'Rubrique', en: 'Item' }, value: (r) => r.item },
  { header: { fr: 'Valeur', en: 'Value' }, value: (r) => r.value },
];

/** The provenance of an export (period, filters, factor versions, method, one row per source). */
export function metadataRows(
  meta: Record<string, unknown> & {
    factorVersions: string[];
    methodVersions: string[];
    methodDocument: { path: string; url: string };
    sources: string[];
    method: string;
    title: string;
  },
  locale: Locale,
): MetadataRow[] {
  const t = (fr: string, en: string) => (locale === 'fr' ? fr : en);
  const rows: MetadataRow[] = [
    { item: t('Titre', 'Title'), value: meta.title },
    { item: t('Période', 'Period'), value: JSON.stringify(meta.period) },
    { item: t('Filtres', 'Filters'), value: JSON.stringify(meta.filters) },
    { item: t('Périmètre', 'Scope'), value: JSON.stringify(meta.scope) },
    { item: t('Généré le', 'Generated at'), value: String(meta.generatedAt) },
    { item: t('Version de la méthode', 'Method version'), value: meta.methodVersions.join(', ') },
    {
      item: t('Document de méthode', 'Method document'),
      value: `${meta.methodDocument.path} — ${meta.methodDocument.url}`,
    },
    { item: t('Versions des facteurs', 'Factor versions'), value: meta.factorVersions.join(', ') },
    { item: t('Méthode', 'Method'), value: meta.method },
  ];
  for (const s of meta.sources) rows.push({ item: t('Source', 'Source'), value: s.replaceAll('\n', ' ') });
  return rows;
}

export function lineOf(r: ImpactRecordRow) {
  return {
    tradeId: r.trade_id,
    completedAt: r.completed_at.toISOString(),
    // `YYYY-MM` of the month's first day.
    month: r.month.slice(0, 7),
    originSiteId: r.origin_site_id,
    originDepartement: r.origin_departement,
    originRegion: r.origin_region,
    originTerritoryType: r.origin_territory_type,
    sector: r.sector,
    destinationKind: r.destination_kind,
    destinationKey: r.destination_key,
    destinationLabel: r.destination_label,
    materialKey: r.material_key,
    materialFamily: r.material_family,
    massKg: r.mass_kg,
    massSource: r.mass_source,
    distanceKm: r.distance_km,
    distanceMethod: r.distance_method,
    travelMode: r.travel_mode,
    travelIsDefault: r.travel_is_default,
    vehicleKey: r.vehicle_key,
    avoidedKgCo2e: r.avoided_kg_co2e,
    transportKgCo2e: r.transport_kg_co2e,
    netKgCo2e: r.net_kg_co2e,
    netLowKgCo2e: r.net_low_kg_co2e,
    netHighKgCo2e: r.net_high_kg_co2e,
    tonneKm: r.tonne_km,
    methodVersion: r.method_version,
    factorVersion: r.factor_version,
    coverage: r.coverage,
    factorKey: r.factor_key,
    factorMissing: r.factor_missing,
    flags: r.flags,
    isDemo: r.is_demo,
  };
}
