/**
 * The sectors (filières) of the Manufactures de proximité programme.
 * Source: packages/domain/data/filieres.csv (copied from shared/data, with the source of each row).
 * The two last rows are UNVERIFIED candidates for the 17th filière and stay flagged.
 */
export const sectors = [
  { key: 'agroalimentaire', fr: 'Agro-alimentaire', en: 'Agri-food', verified: true },
  { key: 'multi_filieres', fr: 'Multi-filières', en: 'Multi-sector', verified: true },
  { key: 'bois', fr: 'Bois', en: 'Wood', verified: true },
  { key: 'metiers_d_art', fr: "Métiers d'art", en: 'Fine crafts / art trades', verified: true },
  { key: 'metal', fr: 'Métal', en: 'Metal', verified: true },
  { key: 'fabrication_numerique', fr: 'Fabrication numérique', en: 'Digital fabrication', verified: true },
  { key: 'eco_construction', fr: 'Éco-construction', en: 'Eco-construction', verified: true },
  { key: 'industries_culturelles', fr: 'Industries culturelles', en: 'Cultural industries', verified: true },
  { key: 'textile', fr: 'Textile', en: 'Textile', verified: true },
  { key: 'reemploi', fr: 'Réemploi', en: 'Reuse', verified: true },
  { key: 'mobilites_durables', fr: 'Mobilités durables', en: 'Sustainable mobility', verified: true },
  { key: 'transition_ecologique', fr: 'Transition écologique', en: 'Ecological transition', verified: true },
  { key: 'ceramique', fr: 'Céramique', en: 'Ceramics', verified: true },
  { key: 'chaussure', fr: 'Chaussure', en: 'Footwear', verified: true },
  { key: 'parfumerie', fr: 'Parfumerie', en: 'Perfumery', verified: true },
  { key: 'aeronautique', fr: 'Aéronautique', en: 'Aeronautics', verified: true },
  { key: 'plasturgie', fr: 'Plastique / plasturgie', en: 'Plastics', verified: false },
  { key: 'energies_renouvelables', fr: 'Énergies renouvelables', en: 'Renewable energy', verified: false },
] as const;

export type SectorKey = (typeof sectors)[number]['key'];
export const sectorKeys = sectors.map((s) => s.key) as [SectorKey, ...SectorKey[]];
export const isSectorKey = (k: string): k is SectorKey => sectorKeys.includes(k as SectorKey);
