import type { SectorKey, TerritoryType } from '@retaille/domain';

/**
 * Demo network: the known laureates of the Manufactures de proximité programme
 * (packages/domain/data/laureates.csv; many fields unverified, so every row is marked demo).
 * Where the commune is unknown, the site sits at the département's chef-lieu, flagged approximate.
 * Territory types follow the programme's three kinds (rural, QPV, small and medium towns): the
 * laureates the sources do not classify are put in the kind their commune suggests (unverified).
 * Left out: « La Crunch Factory » (region only), the ESAT of the Morbihan (no name), « Fabrique des
 * Usages Numériques » and « La Place des Possibles » (no location).
 */
export interface DemoSite {
  name: string;
  description: string;
  departementCode: string;
  /** INSEE code of the known commune, or undefined to use the département's chef-lieu. */
  communeInsee?: string;
  sectors: SectorKey[];
  territoryType: TerritoryType;
}

export const demoSites: DemoSite[] = [
  // The five Île-de-France manufactures of wave 3 (data/README.md).
  {
    name: 'Le Cube',
    description: 'Manufacture de proximité du Val-d’Oise (lauréate 2022, vague 3). Commune non vérifiée.',
    departementCode: '95',
    sectors: ['multi_filieres'],
    // The chef-lieu (Cergy-Pontoise) holds several QPVs.
    territoryType: 'qpv',
  },
  {
    name: '093 Lab',
    description:
      'Manufacture de proximité de Seine-Saint-Denis (lauréate 2022, vague 3). Commune non vérifiée.',
    departementCode: '93',
    sectors: ['multi_filieres'],
    territoryType: 'qpv',
  },
  {
    name: "La Fabrique de l'Espoir",
    description:
      'Manufacture de proximité de Seine-Saint-Denis (lauréate 2022, vague 3). Commune non vérifiée.',
    departementCode: '93',
    sectors: ['multi_filieres'],
    territoryType: 'qpv',
  },
  {
    name: 'La Forge',
    description: 'Manufacture de proximité des Yvelines (lauréate 2022, vague 3). Commune non vérifiée.',
    departementCode: '78',
    sectors: ['multi_filieres'],
    territoryType: 'small_medium_town',
  },
  {
    name: 'Électrolab',
    description: 'Hackerspace de 1 500 m² à Nanterre, fabrication numérique (lauréat 2022, vague 3).',
    departementCode: '92',
    communeInsee: '92050',
    sectors: ['fabrication_numerique'],
    // Nanterre holds several QPVs (Le Petit-Nanterre, Les Provinces françaises…).
    territoryType: 'qpv',
  },
  // Other known laureates.
  {
    name: "Polinno — pôle d'innovation métiers d'art",
    description: "Pôle d'innovation métiers d'art de la CC du Pays Beaume-Drobie : fablab, prototypes.",
    departementCode: '07',
    communeInsee: '07053',
    sectors: ['metiers_d_art'],
    territoryType: 'rural',
  },
  {
    name: 'Le Labo.VE (fablab La Fabritech)',
    description: 'Fablab et manufacture de proximité du Cheylard.',
    departementCode: '07',
    communeInsee: '07064',
    sectors: ['fabrication_numerique'],
    territoryType: 'rural',
  },
  {
    name: "L'Atelier des Savoir-Faire",
    description: "Manufacture de la CC Haut-Jura-Saint-Claude, dans un village d'environ 500 habitants.",
    departementCode: '39',
    communeInsee: '39453',
    sectors: ['metiers_d_art'],
    territoryType: 'rural',
  },
  {
    name: 'Manufacture du Haut-Clunisois',
    description: 'Artisanat, bâtiment et agriculture dans le Haut-Clunisois.',
    departementCode: '71',
    communeInsee: '71545',
    sectors: ['multi_filieres'],
    territoryType: 'rural',
  },
  {
    name: 'Le Plateau Fertile (Fashion Green Hub)',
    description: 'Plateforme textile circulaire de Roubaix : chutes, stocks dormants, confection.',
    departementCode: '59',
    communeInsee: '59512',
    sectors: ['textile'],
    territoryType: 'qpv',
  },
  {
    name: 'Pangloss Labs',
    description:
      'Seule manufacture de proximité avec une filière énergies renouvelables (Genevois français).',
    departementCode: '01',
    sectors: ['energies_renouvelables'],
    territoryType: 'small_medium_town',
  },
  {
    name: 'Le 96',
    description: "Manufacture agro-alimentaire de l'Ain.",
    departementCode: '01',
    sectors: ['agroalimentaire'],
    territoryType: 'rural',
  },
  {
    name: 'La Fabrique du Loch',
    description: 'Réemploi et textile dans le Morbihan.',
    departementCode: '56',
    sectors: ['reemploi', 'textile'],
    territoryType: 'small_medium_town',
  },
  {
    name: "L'Argonaute",
    description: 'Réemploi et textile dans le Morbihan (lauréat 2022, vague 3). Commune non vérifiée.',
    departementCode: '56',
    sectors: ['reemploi', 'textile'],
    territoryType: 'small_medium_town',
  },
  {
    name: 'La Manufacture Tourangelle',
    description: "Fabrication numérique, métiers d'art et plasturgie en Indre-et-Loire.",
    departementCode: '37',
    sectors: ['fabrication_numerique', 'metiers_d_art', 'plasturgie'],
    territoryType: 'small_medium_town',
  },
  {
    name: 'Hollywood',
    description: 'Manufacture de la filière bois dans les Vosges.',
    departementCode: '88',
    sectors: ['bois'],
    territoryType: 'rural',
  },
  {
    name: 'Fablab Université de Corse',
    description: "Fablab de l'université de Corse à Corte.",
    departementCode: '2B',
    communeInsee: '2B096',
    sectors: ['fabrication_numerique'],
    territoryType: 'rural',
  },
];
