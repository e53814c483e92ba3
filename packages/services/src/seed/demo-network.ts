import {
  type Commune,
  type CommuneDirectory,
  mulberry32,
  type OpeningHours,
  type SectorKey,
  sectorKeys,
} from '@retaille/domain';
import { type DemoSite, demoSites } from './demo-sites.ts';

/**
 * The demo network: the known laureates (demo-sites.ts) plus generated manufactures up to the
 * programme's 100, with its mix (shared/data/README.md): 43 rural, 18 in or next to a priority
 * neighbourhood (QPV), 39 in small and medium towns, across every sector and every region.
 * Deterministic: the same seed gives the same network on every fresh start.
 */
export const PROGRAMME_MIX = { rural: 43, qpv: 18, small_medium_town: 39 } as const;
export const PROGRAMME_SIZE = 100;

export type ProgrammeTerritory = keyof typeof PROGRAMME_MIX;

export interface DemoManufacture extends DemoSite {
  communeInsee: string;
  territoryType: ProgrammeTerritory;
  /** First names of the members (the first is the owner), generated. */
  members: string[];
  generated: true;
}

/**
 * QPV communes: no open list of priority neighbourhoods ships with the project, so the generated
 * QPV manufactures sit in regional cities that each hold several QPVs (the 2024 list of the
 * ANCT names quartiers in every one of them: Amiens-Nord, Croix-Rouge in Reims, Les Coteaux in
 * Mulhouse, Planoise in Besançon, Beaubreuil in Limoges, Saint-Jacques in Clermont-Ferrand,
 * Pissevin in Nîmes, Maurepas in Rennes, La Source in Orléans, La Grâce-de-Dieu in Caen, the
 * northern quarters of Marseille, Bellevue in Nantes, Le Mas-du-Taureau in Vaulx-en-Velin),
 * one per region where the laureates have none. README « Demo data » says the same.
 */
export const QPV_COMMUNES = [
  '80021', // Amiens
  '51454', // Reims
  '68224', // Mulhouse
  '25056', // Besançon
  '87085', // Limoges
  '63113', // Clermont-Ferrand
  '30189', // Nîmes
  '35238', // Rennes
  '45234', // Orléans
  '14118', // Caen
  '13055', // Marseille
  '44109', // Nantes
  '69256', // Vaulx-en-Velin
] as const;

/** Rural: a commune of 150 to 2,000 inhabitants; small and medium town: 3,500 to 40,000. */
export const RURAL_POPULATION = { min: 150, max: 2_000 } as const;
export const TOWN_POPULATION = { min: 3_500, max: 40_000 } as const;

/** Metropolitan départements by region (INSEE region codes), so every region gets manufactures. */
const DEPARTEMENTS_BY_REGION: string[][] = [
  ['01', '03', '07', '15', '26', '38', '42', '43', '73', '74'], // Auvergne-Rhône-Alpes
  ['21', '39', '58', '70', '71', '89'], // Bourgogne-Franche-Comté
  ['22', '29', '35', '56'], // Bretagne
  ['18', '28', '36', '41', '45'], // Centre-Val de Loire
  ['2A', '2B'], // Corse
  ['08', '10', '52', '54', '55', '88'], // Grand Est
  ['02', '60', '62', '80'], // Hauts-de-France
  ['77', '91', '95'], // Île-de-France
  ['27', '50', '61', '76'], // Normandie
  ['16', '19', '23', '24', '40', '47', '64', '79'], // Nouvelle-Aquitaine
  ['09', '11', '12', '32', '46', '48', '65', '81', '82'], // Occitanie
  ['49', '53', '72', '85'], // Pays de la Loire
  ['04', '05', '83', '84'], // Provence-Alpes-Côte d'Azur
];

const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Hugo',
  'Inès',
  'Malik',
  'Sarah',
  'Louis',
  'Chloé',
  'Yanis',
  'Manon',
  'Jules',
  'Aïcha',
  'Nathan',
  'Zoé',
  'Karim',
  'Élise',
  'Thomas',
  'Anaïs',
  'Mathis',
  'Lina',
  'Paul',
  'Nora',
  'Antoine',
  'Clara',
  'Samuel',
  'Jeanne',
  'Rayan',
  'Margaux',
  'Bastien',
  'Salomé',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  'Moreau',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Diallo',
  'Benali',
  'Nguyen',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
];

/** Name stems by kind of territory: « La Fabrique de Saint-Agrève », « Atelier partagé de Calais »… */
const NAME_PATTERNS: Record<ProgrammeTerritory, string[]> = {
  rural: [
    'La Fabrique de {c}',
    'L’Atelier des Communs de {c}',
    'Manufacture rurale de {c}',
    'La Grange à Faire ({c})',
  ],
  qpv: [
    'La Manufacture du Quartier ({c})',
    'Atelier partagé de {c}',
    'Fab’Quartier {c}',
    'Les Mains Libres ({c})',
  ],
  small_medium_town: [
    'Manufacture de {c}',
    'Le Tiers-Lieu Productif de {c}',
    'Atelier Centre-Bourg ({c})',
    'La Coopérative de Fabrication de {c}',
  ],
};

/** What each sector makes, for the descriptions. */
const SECTOR_WORK: Record<SectorKey, string> = {
  agroalimentaire: 'transformation alimentaire partagée (conserverie, brasserie, boulangerie)',
  multi_filieres: 'ateliers bois, métal et textile ouverts aux artisans du territoire',
  bois: 'menuiserie et ébénisterie, machines à bois partagées',
  metiers_d_art: 'métiers d’art : marqueterie, maroquinerie, reliure',
  metal: 'chaudronnerie, soudure et découpe plasma',
  fabrication_numerique: 'fablab : découpe laser, fraiseuse numérique, impression 3D',
  eco_construction: 'éco-construction : terre crue, paille, bois d’œuvre',
  industries_culturelles: 'décors de spectacle, sérigraphie et édition',
  textile: 'confection, retouche et upcycling textile',
  reemploi: 'réemploi de matériaux et de mobilier',
  mobilites_durables: 'vélos cargos et réparation de cycles',
  transition_ecologique: 'réparation, reconditionnement et sobriété matière',
  ceramique: 'céramique : tournage, émaillage, four partagé',
  chaussure: 'fabrication et réparation de chaussures',
  parfumerie: 'distillation de plantes à parfum et cosmétique',
  aeronautique: 'composites et usinage de précision pour l’aéronautique légère',
  plasturgie: 'plasturgie de recyclage : broyage, injection, thermoformage',
  energies_renouvelables: 'énergies renouvelables : solaire, petit éolien, réemploi de panneaux',
};

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** A commune of the département whose population falls in the range, picked by `rand`. */
function communeIn(
  communes: CommuneDirectory,
  departement: string,
  range: { min: number; max: number },
  rand: () => number,
  taken: Set<string>,
): Commune | undefined {
  const fits = communes
    .inDepartement(departement)
    .filter(
      (c) =>
        !c.approximate &&
        !taken.has(c.insee) &&
        c.population !== null &&
        c.population >= range.min &&
        c.population <= range.max,
    );
  return fits.length > 0 ? pick(rand, fits) : undefined;
}

/** Members' first names: one to four, the first is the owner. */
export function demoMembers(rand: () => number): string[] {
  const n = 1 + Math.floor(rand() * 4);
  return Array.from({ length: n }, () => `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`);
}

/**
 * The generated manufactures: `PROGRAMME_MIX` minus the laureates' own territory types, each on a
 * real commune (QPV list above, or a commune of the right size in a département taken region by
 * region in turn), sectors dealt in turn so that every sector appears.
 */
export function generateManufactures(communes: CommuneDirectory, seed = 20261205): DemoManufacture[] {
  const rand = mulberry32(seed);
  const remaining: Record<ProgrammeTerritory, number> = { ...PROGRAMME_MIX };
  for (const s of demoSites) remaining[s.territoryType as ProgrammeTerritory]--;
  const taken = new Set(demoSites.flatMap((s) => (s.communeInsee ? [s.communeInsee] : [])));
  const out: DemoManufacture[] = [];
  // Sectors the laureates lack come first, then every sector in turn.
  const covered = new Set(demoSites.flatMap((s) => s.sectors));
  const sectorOrder = [...sectorKeys.filter((k) => !covered.has(k)), ...sectorKeys];
  let region = 0;
  const nextDepartement = () => {
    const list = DEPARTEMENTS_BY_REGION[region % DEPARTEMENTS_BY_REGION.length]!;
    region++;
    return pick(rand, list);
  };
  const qpv = [...QPV_COMMUNES];
  const order: ProgrammeTerritory[] = [];
  for (const t of ['rural', 'qpv', 'small_medium_town'] as const) {
    for (let i = 0; i < remaining[t]; i++) order.push(t);
  }
  // Interleave the kinds so regions get a mix (deterministic shuffle).
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const [i, territoryType] of order.entries()) {
    let commune: Commune | undefined;
    if (territoryType === 'qpv') {
      commune = communes.get(qpv.shift() ?? '');
    } else {
      const range = territoryType === 'rural' ? RURAL_POPULATION : TOWN_POPULATION;
      for (let attempt = 0; !commune && attempt < 20; attempt++) {
        commune = communeIn(communes, nextDepartement(), range, rand, taken);
      }
    }
    if (!commune) throw new Error(`demo network: no commune for manufacture ${i} (${territoryType})`);
    taken.add(commune.insee);
    const main = sectorOrder[i % sectorOrder.length]!;
    const second = rand() < 0.35 ? pick(rand, sectorKeys) : undefined;
    const sectors = second && second !== main ? [main, second] : [main];
    const name = pick(rand, NAME_PATTERNS[territoryType]).replace('{c}', commune.name);
    const members = demoMembers(rand);
    out.push({
      name: `${name} (démo)`,
      description:
        `Manufacture de proximité générée pour la démonstration (${commune.name}, ${commune.departementName}) : ` +
        `${sectors.map((s) => SECTOR_WORK[s]).join(' ; ')}. ${members.length} membre${members.length > 1 ? 's' : ''} ` +
        'actif·ves, ouvert aux artisans, designers et habitants du territoire.',
      departementCode: commune.departementCode,
      communeInsee: commune.insee,
      sectors,
      territoryType,
      members,
      generated: true,
    });
  }
  return out;
}

/**
 * Plausible weekly opening hours in the shape sites store them (one opening per ISO weekday,
 * minutes from midnight, as the tour planner reads them): weekdays, some Saturday mornings.
 */
export function demoOpeningHours(rand: () => number): OpeningHours {
  const days = rand() < 0.4 ? [1, 2, 3, 4, 5, 6] : rand() < 0.5 ? [2, 3, 4, 5, 6] : [1, 2, 3, 4, 5];
  const opens = pick(rand, [8 * 60, 8 * 60 + 30, 9 * 60, 9 * 60 + 30]);
  const closes = pick(rand, [17 * 60, 17 * 60 + 30, 18 * 60, 19 * 60]);
  return days.map((weekday) =>
    weekday === 6 ? { weekday, fromMin: 9 * 60, toMin: 13 * 60 } : { weekday, fromMin: opens, toMin: closes },
  );
}

/** Buyers across France: designers, makers, a few schools and ESS buyers, each at a real town. */
export interface DemoBuyer {
  name: string;
  kind: 'designer' | 'buyer';
  communeInsee: string;
}

const BUYER_TOWNS = [
  '75056',
  '69123',
  '13055',
  '31555',
  '33063',
  '59350',
  '67482',
  '44109',
  '34172',
  '35238',
  '21231',
  '63113',
  '38185',
  '37261',
  '76540',
  '29019',
  '86194',
  '87085',
  '64445',
  '66136',
  '06088',
  '57463',
  '54395',
  '25056',
  '80021',
  '51454',
  '45234',
  '14118',
  '72181',
  '49007',
  '42218',
  '73065',
  '2A004',
  '17300',
  '84007',
  '30189',
];
const BUYER_TRADES = [
  'designer mobilier',
  'créatrice textile',
  'maroquinier',
  'luthière',
  'scénographe',
  'céramiste',
  'designer luminaire',
  'costumière',
  'ébéniste',
  'bijoutière',
  'collectif de makers',
  'lycée professionnel (atelier bois)',
  'recyclerie solidaire',
  'compagnie de théâtre',
];

/** A maker living near a workshop, who buys from it (the history's short circuits). */
export function localBuyerName(rand: () => number): string {
  return `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}, ${pick(rand, BUYER_TRADES)} (démo)`;
}

export function generateBuyers(seed = 20261206, count = 36): DemoBuyer[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const trade = BUYER_TRADES[i % BUYER_TRADES.length]!;
    return {
      name: `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}, ${trade} (démo)`,
      kind: /lycée|recyclerie|compagnie|collectif/.test(trade) ? 'buyer' : 'designer',
      communeInsee: BUYER_TOWNS[i % BUYER_TOWNS.length]!,
    };
  });
}
