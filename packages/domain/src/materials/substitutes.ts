/**
 * Which material may stand in for a requested one, as data, and the fit between a request and
 * an offer used by matching.
 */
import { getMaterial, type LocalizedLabel, type MaterialKey } from './taxonomy.ts';

export interface SubstituteRule {
  requested: MaterialKey;
  /** May be offered when `requested` is asked for. */
  offered: MaterialKey;
  /** The other way round holds too. */
  symmetric: boolean;
  reason: LocalizedLabel;
}

export const substituteRules: readonly SubstituteRule[] = [
  {
    requested: 'oak',
    offered: 'beech',
    symmetric: true,
    reason: {
      fr: 'Feuillus durs de densité proche : se remplacent pour des ébauches, du tournage, des petits objets.',
      en: 'Hard hardwoods of similar density: interchangeable for blanks, turning and small objects.',
    },
  },
  {
    requested: 'oak',
    offered: 'ash',
    symmetric: true,
    reason: {
      fr: 'Feuillus durs à zones poreuses, proches en dureté et en aspect pour le mobilier.',
      en: 'Ring-porous hardwoods close in hardness and look for furniture.',
    },
  },
  {
    requested: 'oak',
    offered: 'chestnut',
    symmetric: true,
    reason: {
      fr: 'Veinage très proche ; le châtaignier remplace le chêne en menuiserie et en extérieur abrité.',
      en: 'Very similar grain; chestnut stands in for oak in joinery and sheltered outdoor use.',
    },
  },
  {
    requested: 'beech',
    offered: 'maple',
    symmetric: true,
    reason: {
      fr: 'Bois clairs à grain fin, pour le tournage et les ustensiles.',
      en: 'Pale fine-grained woods for turning and utensils.',
    },
  },
  {
    requested: 'walnut',
    offered: 'cherry',
    symmetric: true,
    reason: {
      fr: 'Bois d’ébénisterie fins, de densité voisine.',
      en: 'Fine cabinet-making woods of similar density.',
    },
  },
  {
    requested: 'pine',
    offered: 'spruce_fir',
    symmetric: true,
    reason: {
      fr: 'Résineux de construction courants, mêmes sections commerciales.',
      en: 'Common construction softwoods sold in the same sections.',
    },
  },
  {
    requested: 'pine',
    offered: 'douglas',
    symmetric: true,
    reason: {
      fr: 'Résineux de structure et de menuiserie, usages proches.',
      en: 'Structural and joinery softwoods with close uses.',
    },
  },
  {
    requested: 'douglas',
    offered: 'larch',
    symmetric: true,
    reason: {
      fr: 'Résineux naturellement durables, pour le bardage et l’extérieur.',
      en: 'Naturally durable softwoods for cladding and outdoor use.',
    },
  },
  {
    requested: 'mdf',
    offered: 'particleboard',
    symmetric: true,
    reason: {
      fr: 'Panneaux reconstitués pour caissons et fonds peints ; le MDF se découpe plus net.',
      en: 'Reconstituted panels for carcasses and painted backs; MDF cuts cleaner.',
    },
  },
  {
    requested: 'mdf',
    offered: 'hardboard',
    symmetric: true,
    reason: {
      fr: 'Panneaux de fibres : fonds de meuble, gabarits, découpe laser en faible épaisseur.',
      en: 'Fibreboards: furniture backs, templates, laser cutting in thin gauges.',
    },
  },
  {
    requested: 'particleboard',
    offered: 'melamine_board',
    symmetric: true,
    reason: {
      fr: 'Même âme en particules ; le mélaminé est déjà revêtu.',
      en: 'Same particle core; the melamine board is already faced.',
    },
  },
  {
    requested: 'plywood',
    offered: 'osb',
    symmetric: true,
    reason: {
      fr: 'Panneaux de structure pour contreventement, planchers et aménagements cachés.',
      en: 'Structural panels for bracing, floors and hidden fittings.',
    },
  },
  {
    requested: 'plywood',
    offered: 'three_ply_panel',
    symmetric: true,
    reason: {
      fr: 'Panneaux stables en plis croisés pour l’agencement.',
      en: 'Stable cross-laminated panels for fitting out.',
    },
  },
  {
    requested: 'cotton',
    offered: 'linen',
    symmetric: true,
    reason: {
      fr: 'Tissus de fibres végétales pour sacs, doublures et linge.',
      en: 'Plant-fibre fabrics for bags, linings and household linen.',
    },
  },
  {
    requested: 'linen',
    offered: 'hemp',
    symmetric: true,
    reason: {
      fr: 'Fibres libériennes à l’aspect et au tombé proches.',
      en: 'Bast fibres with a similar look and drape.',
    },
  },
  {
    requested: 'polyester',
    offered: 'polyamide',
    symmetric: true,
    reason: {
      fr: 'Tissus synthétiques techniques pour bagagerie et doublures.',
      en: 'Synthetic technical fabrics for bags and linings.',
    },
  },
  {
    requested: 'silk',
    offered: 'viscose',
    symmetric: true,
    reason: {
      fr: 'Tissus fluides pour doublures et foulards.',
      en: 'Fluid fabrics for linings and scarves.',
    },
  },
  {
    requested: 'cotton',
    offered: 'denim',
    symmetric: false,
    reason: {
      fr: 'Le denim est un sergé de coton : il convient quand une toile de coton épaisse suffit.',
      en: 'Denim is a cotton twill: it fits when a heavy cotton fabric will do.',
    },
  },
  {
    requested: 'leather_bovine_chrome',
    offered: 'leather_goat_sheep',
    symmetric: true,
    reason: {
      fr: 'Cuirs souples pour petite maroquinerie et doublures.',
      en: 'Soft leathers for small leather goods and linings.',
    },
  },
  {
    requested: 'leather_other',
    offered: 'leather_split',
    symmetric: false,
    reason: {
      fr: 'Une croûte convient pour des pièces sans fleur visible.',
      en: 'A split fits parts where no grain side shows.',
    },
  },
  {
    requested: 'steel',
    offered: 'stainless_steel',
    symmetric: false,
    reason: {
      fr: 'L’inox remplace l’acier (il résiste mieux à la corrosion), pas l’inverse.',
      en: 'Stainless steel can replace steel (it resists corrosion better), not the reverse.',
    },
  },
  {
    requested: 'steel',
    offered: 'galvanised_steel',
    symmetric: false,
    reason: {
      fr: 'L’acier galvanisé convient là où l’acier nu conviendrait, hors soudure sans protection.',
      en: 'Galvanised steel fits where bare steel would, except for unprotected welding.',
    },
  },
  {
    requested: 'brass',
    offered: 'bronze',
    symmetric: true,
    reason: {
      fr: 'Alliages cuivreux pour la décoration et la petite pièce.',
      en: 'Copper alloys for decoration and small parts.',
    },
  },
  {
    requested: 'pmma',
    offered: 'pc',
    symmetric: true,
    reason: {
      fr: 'Plaques rigides transparentes ; le PC est plus résistant aux chocs, le PMMA plus clair.',
      en: 'Clear rigid sheets; PC is tougher, PMMA clearer.',
    },
  },
  {
    requested: 'pmma',
    offered: 'petg',
    symmetric: true,
    reason: {
      fr: 'Plaques transparentes pour vitrines, écrans et thermoformage.',
      en: 'Clear sheets for displays, screens and thermoforming.',
    },
  },
  {
    requested: 'hdpe',
    offered: 'pp',
    symmetric: true,
    reason: {
      fr: 'Polyoléfines rigides pour l’usinage et les planches à découper.',
      en: 'Rigid polyolefins for machining and cutting boards.',
    },
  },
  {
    requested: 'ps',
    offered: 'abs',
    symmetric: true,
    reason: {
      fr: 'Plaques rigides pour maquettes et thermoformage.',
      en: 'Rigid sheets for models and thermoforming.',
    },
  },
  {
    requested: 'pvc_foam',
    offered: 'aluminium_composite_panel',
    symmetric: false,
    reason: {
      fr: 'Le Dibond remplace le Forex pour la signalétique, plus rigide et durable.',
      en: 'Dibond replaces Forex for signage, stiffer and more durable.',
    },
  },
  {
    requested: 'paper',
    offered: 'kraft_paper',
    symmetric: true,
    reason: {
      fr: 'Papiers pour l’emballage, le calage et les maquettes.',
      en: 'Papers for wrapping, padding and mock-ups.',
    },
  },
];

const offersFor = new Map<MaterialKey, { material: MaterialKey; reason: LocalizedLabel }[]>();
const addOffer = (requested: MaterialKey, offered: MaterialKey, reason: LocalizedLabel) => {
  const list = offersFor.get(requested) ?? [];
  list.push({ material: offered, reason });
  offersFor.set(requested, list);
};
for (const r of substituteRules) {
  addOffer(r.requested, r.offered, r.reason);
  if (r.symmetric) addOffer(r.offered, r.requested, r.reason);
}

/** Materials that may be offered when `requested` is asked for, with the reason. */
export function substitutesOf(requested: MaterialKey): { material: MaterialKey; reason: LocalizedLabel }[] {
  return [...(offersFor.get(requested) ?? [])];
}

/** True when `offered` may stand in for `requested` (a material is not its own substitute). */
export function isSubstitute(requested: MaterialKey, offered: MaterialKey): boolean {
  return offersFor.get(requested)?.some((s) => s.material === offered) ?? false;
}

export const materialFits = ['exact', 'substitute', 'same_family', 'none'] as const;
export type MaterialFitLevel = (typeof materialFits)[number];

/** Higher is better, for sorting matches. */
export const materialFitRank: Record<MaterialFitLevel, number> = {
  exact: 3,
  substitute: 2,
  same_family: 1,
  none: 0,
};

export function materialFit(requested: MaterialKey, offered: MaterialKey): MaterialFitLevel {
  if (requested === offered) return 'exact';
  if (isSubstitute(requested, offered)) return 'substitute';
  const a = getMaterial(requested);
  const b = getMaterial(offered);
  if (a && b && a.familyKey === b.familyKey) return 'same_family';
  return 'none';
}
