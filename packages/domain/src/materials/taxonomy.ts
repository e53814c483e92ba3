/**
 * The material taxonomy: families, materials with typical densities, emission-factor keys,
 * suggested sectors and EWC codes, plus lookups and an accent-insensitive search for pickers.
 */
import type { SectorKey } from '../sites/sectors.ts';
import type { EwcCode, EwcFamily } from './ewc-codes.ts';

export interface LocalizedLabel {
  fr: string;
  en: string;
}
export type LabelLocale = keyof LocalizedLabel;

/**
 * The `material_key` column of packages/domain/data/emission-factors.csv. Two rows
 * (`leather_bovine`, `pmma_acrylic_sheet`) exist without a value: the impact registry must flag them.
 */
export const emissionFactorMaterialKeys = [
  'wood_average_defra',
  'wood_sawn_softwood',
  'wood_sawn_hardwood',
  'wood_general_ice',
  'plywood',
  'mdf',
  'particleboard',
  'osb',
  'cotton_yarn',
  'cotton_fabric_ice',
  'polyester_filament',
  'wool_yarn',
  'polyamide66_filament',
  'acrylic_fibre',
  'viscose_filament',
  'linen_yarn',
  'clothing_average_defra',
  'leather_bovine',
  'steel_virgin_ademe',
  'steel_ice',
  'metal_scrap_defra',
  'aluminium_ice',
  'copper_ice',
  'pp_defra',
  'hdpe_defra',
  'ldpe_defra',
  'pet_defra',
  'pvc_defra',
  'ps_defra',
  'plastics_average_defra',
  'pmma_acrylic_sheet',
  'abs_ice',
  'polycarbonate_ice',
  'glass_defra',
  'paper_defra',
  'cardboard_defra',
  'food_drink_defra',
] as const;
export type EmissionFactorMaterialKey = (typeof emissionFactorMaterialKeys)[number];

// ---------------------------------------------------------------------------------------------
// Families

export const materialFamilyKeys = [
  'wood',
  'wood_panels',
  'textile',
  'leather',
  'metal',
  'plastic',
  'glass',
  'ceramics_clay',
  'paper_cardboard',
  'food_byproducts',
  'botanical_perfumery',
  'electronics',
  'mixed',
] as const;
export type MaterialFamilyKey = (typeof materialFamilyKeys)[number];

export interface MaterialFamily {
  key: MaterialFamilyKey;
  label: LocalizedLabel;
  /** The `material_family` of packages/domain/data/ewc-codes.csv whose codes fit; null when none does. */
  ewcFamily: EwcFamily | null;
}

const familyDefs: Record<MaterialFamilyKey, Omit<MaterialFamily, 'key'>> = {
  wood: { label: { fr: 'Bois massif', en: 'Solid wood' }, ewcFamily: 'wood' },
  wood_panels: { label: { fr: 'Panneaux à base de bois', en: 'Wood-based panels' }, ewcFamily: 'wood' },
  textile: { label: { fr: 'Textile', en: 'Textile' }, ewcFamily: 'textile_leather' },
  leather: { label: { fr: 'Cuir', en: 'Leather' }, ewcFamily: 'textile_leather' },
  metal: { label: { fr: 'Métal', en: 'Metal' }, ewcFamily: 'metal' },
  plastic: { label: { fr: 'Plastique', en: 'Plastic' }, ewcFamily: 'plastic' },
  glass: { label: { fr: 'Verre', en: 'Glass' }, ewcFamily: 'glass' },
  ceramics_clay: { label: { fr: 'Céramique et argile', en: 'Ceramics and clay' }, ewcFamily: null },
  paper_cardboard: { label: { fr: 'Papier et carton', en: 'Paper and cardboard' }, ewcFamily: 'paper_board' },
  food_byproducts: {
    label: { fr: 'Coproduits alimentaires', en: 'Food by-products' },
    ewcFamily: 'food_organic',
  },
  botanical_perfumery: {
    label: { fr: 'Coproduits végétaux et de parfumerie', en: 'Botanical and perfumery by-products' },
    ewcFamily: 'food_organic',
  },
  electronics: { label: { fr: 'Électronique', en: 'Electronics' }, ewcFamily: null },
  mixed: { label: { fr: 'Mélange et composites', en: 'Mixed and composites' }, ewcFamily: 'mixed_packaging' },
};

export const materialFamilies: readonly MaterialFamily[] = materialFamilyKeys.map((key) => ({
  key,
  ...familyDefs[key],
}));

// ---------------------------------------------------------------------------------------------
// Materials

interface MaterialDef {
  family: MaterialFamilyKey;
  label: LocalizedLabel;
  /** Other names people type in a picker (trade names, abbreviations, both languages). */
  aliases?: readonly string[];
  densityKgM3: number;
  /** Only for materials traded by area (fabric, leather, paper, board). */
  arealMassGM2?: number;
  /** Bulk or heterogeneous material: any estimate is an order of magnitude, weighing matters. */
  rough?: boolean;
  /** A textile fibre that may appear in a blend's composition. */
  fibre?: boolean;
  emissionFactorKey: EmissionFactorMaterialKey | null;
  sectors: readonly SectorKey[];
  ewcCodes?: readonly EwcCode[];
}

export interface Material {
  key: MaterialKey;
  familyKey: MaterialFamilyKey;
  label: LocalizedLabel;
  aliases: readonly string[];
  /** Typical density of the material as traded, kg/m³ (apparent density for fabric and board). */
  densityKgM3: number;
  /** Typical areal mass (grammage), g/m², for materials traded by area; null otherwise. */
  arealMassGM2: number | null;
  /** True when the density is a rough bulk figure (organic by-products, mixed lots, electronics). */
  roughDensity: boolean;
  /** True for textile fibres usable in a blend's composition. */
  isFibre: boolean;
  /** A `material_key` of packages/domain/data/emission-factors.csv, or null when none fits. */
  emissionFactorKey: EmissionFactorMaterialKey | null;
  suggestedSectors: readonly SectorKey[];
  /** Suggested codes from packages/domain/data/ewc-codes.csv, all of the family's `ewcFamily`. */
  ewcCodes: readonly EwcCode[];
}

const HARDWOOD: readonly SectorKey[] = ['bois', 'metiers_d_art', 'eco_construction'];
const SOFTWOOD: readonly SectorKey[] = ['bois', 'eco_construction', 'metiers_d_art'];
const PANEL: readonly SectorKey[] = ['bois', 'fabrication_numerique', 'eco_construction', 'metiers_d_art'];
const TEXTILE: readonly SectorKey[] = ['textile', 'metiers_d_art', 'industries_culturelles'];
const LEATHER: readonly SectorKey[] = ['chaussure', 'metiers_d_art', 'textile'];
const METAL: readonly SectorKey[] = ['metal', 'metiers_d_art', 'mobilites_durables', 'fabrication_numerique'];
const PLASTIC: readonly SectorKey[] = ['plasturgie', 'fabrication_numerique', 'industries_culturelles'];
const CERAMIC: readonly SectorKey[] = ['ceramique', 'metiers_d_art'];
const PAPER: readonly SectorKey[] = ['industries_culturelles', 'metiers_d_art'];
const FOOD: readonly SectorKey[] = ['agroalimentaire'];
const ELECTRONICS: readonly SectorKey[] = ['fabrication_numerique', 'energies_renouvelables', 'reemploi'];

const WOOD_EWC: readonly EwcCode[] = ['03 01 05', '17 02 01'];
const FIBRE_EWC: readonly EwcCode[] = ['04 02 22', '20 01 11'];
const FERROUS_EWC: readonly EwcCode[] = ['12 01 01', '17 04 05'];
const PLASTIC_EWC: readonly EwcCode[] = ['07 02 13', '12 01 05'];

/*
 * Typical densities. Solid wood: air-dry at 12 % moisture, from public species sheets
 * (europeanwood.org: oak 702, Douglas fir 540; France Douglas; wood-database.com; efm.be: beech 720),
 * rounded; a given board varies by ±15 %. Panels: manufacturers' usual ranges (MDF 350-800 per the
 * ICE note in emission-factors.csv). Metals, glass and polymers: handbook values. Fabrics: typical
 * grammage, and an apparent density = grammage ÷ typical thickness (never the fibre's own density,
 * which would overstate a fabric measured by thickness). Organic by-products, mixed lots and
 * electronics: rough bulk figures, flagged `rough`.
 * Emission keys: packages/domain/data/emission-factors.csv; a key is set only when the row
 * describes the same material (e.g. stainless steel is not "steel (general)"; food by-products
 * are left null because that file says the food average overstates by-products).
 * EWC codes: packages/domain/data/ewc-codes.csv.
 */
const materialDefs = {
  // Solid wood
  oak: {
    family: 'wood',
    label: { fr: 'Chêne', en: 'Oak' },
    densityKgM3: 700,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  beech: {
    family: 'wood',
    label: { fr: 'Hêtre', en: 'Beech' },
    densityKgM3: 720,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  ash: {
    family: 'wood',
    label: { fr: 'Frêne', en: 'Ash' },
    densityKgM3: 690,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  walnut: {
    family: 'wood',
    label: { fr: 'Noyer', en: 'Walnut' },
    densityKgM3: 640,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  chestnut: {
    family: 'wood',
    label: { fr: 'Châtaignier', en: 'Sweet chestnut' },
    densityKgM3: 590,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  poplar: {
    family: 'wood',
    label: { fr: 'Peuplier', en: 'Poplar' },
    densityKgM3: 450,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  maple: {
    family: 'wood',
    label: { fr: 'Érable', en: 'Maple' },
    aliases: ['sycomore', 'sycamore'],
    densityKgM3: 630,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  cherry: {
    family: 'wood',
    label: { fr: 'Merisier', en: 'Cherry' },
    aliases: ['cerisier', 'wild cherry'],
    densityKgM3: 610,
    emissionFactorKey: 'wood_sawn_hardwood',
    sectors: HARDWOOD,
    ewcCodes: WOOD_EWC,
  },
  pine: {
    family: 'wood',
    label: { fr: 'Pin', en: 'Pine' },
    aliases: ['pin sylvestre', 'pin maritime', 'scots pine', 'maritime pine'],
    densityKgM3: 520,
    emissionFactorKey: 'wood_sawn_softwood',
    sectors: SOFTWOOD,
    ewcCodes: WOOD_EWC,
  },
  douglas: {
    family: 'wood',
    label: { fr: 'Douglas', en: 'Douglas fir' },
    densityKgM3: 540,
    emissionFactorKey: 'wood_sawn_softwood',
    sectors: SOFTWOOD,
    ewcCodes: WOOD_EWC,
  },
  spruce_fir: {
    family: 'wood',
    label: { fr: 'Épicéa / sapin', en: 'Spruce / fir' },
    aliases: ['bois blanc', 'whitewood', 'sapin blanc'],
    densityKgM3: 460,
    emissionFactorKey: 'wood_sawn_softwood',
    sectors: SOFTWOOD,
    ewcCodes: WOOD_EWC,
  },
  larch: {
    family: 'wood',
    label: { fr: 'Mélèze', en: 'Larch' },
    densityKgM3: 590,
    emissionFactorKey: 'wood_sawn_softwood',
    sectors: SOFTWOOD,
    ewcCodes: WOOD_EWC,
  },
  wood_other: {
    family: 'wood',
    label: { fr: 'Autre bois massif (essence inconnue)', en: 'Other solid wood (unknown species)' },
    aliases: ['bois divers', 'chutes de bois', 'mixed wood', 'palette', 'pallet'],
    densityKgM3: 600,
    emissionFactorKey: 'wood_average_defra',
    sectors: HARDWOOD,
    ewcCodes: ['03 01 05', '15 01 03', '17 02 01'],
  },
  sawdust_shavings: {
    family: 'wood',
    label: { fr: 'Sciure et copeaux', en: 'Sawdust and shavings' },
    aliases: ['copeaux', 'sciure', 'wood chips'],
    densityKgM3: 200,
    rough: true,
    emissionFactorKey: null,
    sectors: ['bois', 'eco_construction', 'agroalimentaire'],
    ewcCodes: ['03 01 05'],
  },

  // Wood-based panels
  plywood: {
    family: 'wood_panels',
    label: { fr: 'Contreplaqué', en: 'Plywood' },
    aliases: ['CP', 'multiplis', 'contreplaque bouleau', 'contreplaque peuplier', 'birch plywood'],
    densityKgM3: 600,
    emissionFactorKey: 'plywood',
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  mdf: {
    family: 'wood_panels',
    label: { fr: 'MDF (médium)', en: 'MDF (medium-density fibreboard)' },
    aliases: ['medium', 'panneau de fibres', 'fibreboard'],
    densityKgM3: 750,
    emissionFactorKey: 'mdf',
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  hardboard: {
    family: 'wood_panels',
    label: { fr: 'Panneau de fibres dur (Isorel, HDF)', en: 'Hardboard (HDF)' },
    aliases: ['isorel', 'HDF', 'masonite'],
    densityKgM3: 900,
    // ICE's MDF row covers 350-800 kg/m³ boards only; hardboard has no row of its own.
    emissionFactorKey: null,
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  particleboard: {
    family: 'wood_panels',
    label: { fr: 'Panneau de particules (aggloméré)', en: 'Particleboard (chipboard)' },
    aliases: ['agglo', 'agglomere', 'chipboard'],
    densityKgM3: 650,
    emissionFactorKey: 'particleboard',
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  melamine_board: {
    family: 'wood_panels',
    label: { fr: 'Panneau mélaminé', en: 'Melamine-faced board' },
    aliases: ['melamine', 'melamine faced chipboard', 'MFC'],
    densityKgM3: 680,
    // The core is particleboard; the thin melamine paper is a small share of the mass.
    emissionFactorKey: 'particleboard',
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  osb: {
    family: 'wood_panels',
    label: { fr: 'OSB', en: 'OSB (oriented strand board)' },
    aliases: ['OSB3', 'oriented strand board'],
    densityKgM3: 620,
    emissionFactorKey: 'osb',
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  three_ply_panel: {
    family: 'wood_panels',
    label: { fr: 'Panneau 3 plis (bois massif)', en: '3-ply solid wood panel' },
    aliases: ['3 plis', 'lamelle colle', 'panneau massif', 'glulam'],
    densityKgM3: 470,
    emissionFactorKey: null,
    sectors: PANEL,
    ewcCodes: WOOD_EWC,
  },
  cork_board: {
    family: 'wood_panels',
    label: { fr: 'Liège aggloméré', en: 'Agglomerated cork' },
    aliases: ['liege', 'cork'],
    densityKgM3: 220,
    emissionFactorKey: null,
    sectors: ['eco_construction', 'metiers_d_art', 'chaussure'],
    ewcCodes: ['03 01 01'],
  },

  // Textile
  cotton: {
    family: 'textile',
    label: { fr: 'Coton', en: 'Cotton' },
    aliases: ['toile de coton', 'popeline', 'canvas', 'jersey coton'],
    densityKgM3: 500,
    arealMassGM2: 200,
    fibre: true,
    emissionFactorKey: 'cotton_yarn',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  denim: {
    family: 'textile',
    label: { fr: 'Denim (toile de jean)', en: 'Denim' },
    aliases: ['jean', 'jeans'],
    densityKgM3: 570,
    arealMassGM2: 400,
    // Denim is a cotton twill; the yarn factor excludes weaving and dyeing, so it understates.
    emissionFactorKey: 'cotton_yarn',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  linen: {
    family: 'textile',
    label: { fr: 'Lin', en: 'Linen' },
    aliases: ['flax'],
    densityKgM3: 500,
    arealMassGM2: 180,
    fibre: true,
    emissionFactorKey: 'linen_yarn',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  hemp: {
    family: 'textile',
    label: { fr: 'Chanvre', en: 'Hemp' },
    densityKgM3: 500,
    arealMassGM2: 220,
    fibre: true,
    // emission-factors.csv quotes hemp yarn only inside the linen row's note, not as a row.
    emissionFactorKey: null,
    sectors: [...TEXTILE, 'eco_construction'],
    ewcCodes: FIBRE_EWC,
  },
  jute: {
    family: 'textile',
    label: { fr: 'Jute (toile de jute)', en: 'Jute (hessian)' },
    aliases: ['hessian', 'burlap', 'sac de cafe', 'coffee sack'],
    densityKgM3: 450,
    arealMassGM2: 300,
    fibre: true,
    emissionFactorKey: null,
    sectors: [...TEXTILE, 'reemploi'],
    ewcCodes: FIBRE_EWC,
  },
  wool: {
    family: 'textile',
    label: { fr: 'Laine (drap, lainage)', en: 'Wool fabric' },
    aliases: ['lainage', 'drap de laine', 'tweed'],
    densityKgM3: 400,
    arealMassGM2: 300,
    fibre: true,
    emissionFactorKey: 'wool_yarn',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  wool_felt: {
    family: 'textile',
    label: { fr: 'Feutre de laine', en: 'Wool felt' },
    aliases: ['feutre', 'felt'],
    densityKgM3: 300,
    arealMassGM2: 900,
    emissionFactorKey: 'wool_yarn',
    sectors: [...TEXTILE, 'chaussure'],
    ewcCodes: FIBRE_EWC,
  },
  silk: {
    family: 'textile',
    label: { fr: 'Soie', en: 'Silk' },
    densityKgM3: 600,
    arealMassGM2: 60,
    fibre: true,
    emissionFactorKey: null,
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  viscose: {
    family: 'textile',
    label: { fr: 'Viscose', en: 'Viscose' },
    aliases: ['rayonne', 'rayon', 'modal'],
    densityKgM3: 550,
    arealMassGM2: 130,
    fibre: true,
    emissionFactorKey: 'viscose_filament',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  polyester: {
    family: 'textile',
    label: { fr: 'Polyester', en: 'Polyester' },
    aliases: ['PES', 'polaire', 'fleece'],
    densityKgM3: 600,
    arealMassGM2: 150,
    fibre: true,
    emissionFactorKey: 'polyester_filament',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  polyamide: {
    family: 'textile',
    label: { fr: 'Polyamide (nylon)', en: 'Polyamide (nylon)' },
    aliases: ['nylon', 'PA', 'cordura'],
    densityKgM3: 600,
    arealMassGM2: 120,
    fibre: true,
    emissionFactorKey: 'polyamide66_filament',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  acrylic_textile: {
    family: 'textile',
    label: { fr: 'Fibre acrylique', en: 'Acrylic fibre' },
    aliases: ['PAN'],
    densityKgM3: 400,
    arealMassGM2: 250,
    fibre: true,
    emissionFactorKey: 'acrylic_fibre',
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  elastane: {
    family: 'textile',
    label: { fr: 'Élasthanne', en: 'Elastane' },
    aliases: ['lycra', 'spandex', 'EA'],
    densityKgM3: 550,
    arealMassGM2: 200,
    fibre: true,
    emissionFactorKey: null,
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  textile_blend: {
    family: 'textile',
    label: { fr: 'Tissu mélangé (composition en %)', en: 'Blended fabric (composition in %)' },
    aliases: ['melange', 'blend', 'polycoton', 'polycotton'],
    densityKgM3: 500,
    arealMassGM2: 200,
    // The factor follows the lot's composition, fibre by fibre.
    emissionFactorKey: null,
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },
  technical_textile: {
    family: 'textile',
    label: { fr: 'Textile technique (bâche, toile enduite)', en: 'Technical textile (tarpaulin, coated)' },
    aliases: ['bache', 'toile enduite', 'tarpaulin', 'banner', 'voile'],
    densityKgM3: 900,
    arealMassGM2: 550,
    emissionFactorKey: null,
    sectors: [...TEXTILE, 'reemploi'],
    ewcCodes: ['04 02 09'],
  },
  garments: {
    family: 'textile',
    label: { fr: 'Vêtements (à découdre, à transformer)', en: 'Used garments (for upcycling)' },
    aliases: ['fripes', 'vetements', 'clothes', 'upcycling'],
    densityKgM3: 250,
    rough: true,
    emissionFactorKey: 'clothing_average_defra',
    sectors: ['textile', 'reemploi', 'industries_culturelles'],
    ewcCodes: ['20 01 10'],
  },
  textile_other: {
    family: 'textile',
    label: { fr: 'Autre textile (fibre inconnue)', en: 'Other textile (unknown fibre)' },
    aliases: ['tissu', 'fabric', 'chutes de tissu', 'coupons'],
    densityKgM3: 500,
    arealMassGM2: 200,
    emissionFactorKey: null,
    sectors: TEXTILE,
    ewcCodes: FIBRE_EWC,
  },

  // Leather: areal masses follow typical thicknesses (veg-tan ≈ 2 mm, chrome ≈ 1.4 mm).
  leather_bovine_vegetable: {
    family: 'leather',
    label: { fr: 'Cuir de vachette, tannage végétal', en: 'Vegetable-tanned bovine leather' },
    aliases: ['tannage vegetal', 'cuir a repousser', 'veg tan', 'vachette', 'cowhide'],
    densityKgM3: 900,
    arealMassGM2: 1800,
    // The row exists but has no per-kg value yet (NOT FOUND in emission-factors.csv).
    emissionFactorKey: 'leather_bovine',
    sectors: LEATHER,
    ewcCodes: ['04 01 09', '04 01 99'],
  },
  leather_bovine_chrome: {
    family: 'leather',
    label: { fr: 'Cuir de vachette, tannage chrome', en: 'Chrome-tanned bovine leather' },
    aliases: ['tannage chrome', 'chrome tan', 'vachette', 'cowhide'],
    densityKgM3: 800,
    arealMassGM2: 1100,
    emissionFactorKey: 'leather_bovine',
    sectors: LEATHER,
    ewcCodes: ['04 01 08'],
  },
  leather_split: {
    family: 'leather',
    label: { fr: 'Croûte de cuir (refente)', en: 'Split leather (suede split)' },
    aliases: ['croute', 'refente', 'suede', 'daim'],
    densityKgM3: 750,
    arealMassGM2: 1000,
    emissionFactorKey: 'leather_bovine',
    sectors: LEATHER,
    ewcCodes: ['04 01 99'],
  },
  leather_goat_sheep: {
    family: 'leather',
    label: { fr: 'Cuir de chèvre ou d’agneau', en: 'Goat or lamb leather' },
    aliases: ['chevre', 'agneau', 'mouton', 'goatskin', 'lambskin', 'peau'],
    densityKgM3: 750,
    arealMassGM2: 650,
    emissionFactorKey: null,
    sectors: LEATHER,
    ewcCodes: ['04 01 99'],
  },
  bonded_leather: {
    family: 'leather',
    label: { fr: 'Cuir reconstitué (salpa)', en: 'Bonded leather (leatherboard)' },
    aliases: ['salpa', 'leatherboard', 'fibre de cuir'],
    densityKgM3: 1000,
    arealMassGM2: 1500,
    emissionFactorKey: null,
    sectors: LEATHER,
    ewcCodes: ['04 01 99'],
  },
  leather_other: {
    family: 'leather',
    label: { fr: 'Autre cuir', en: 'Other leather' },
    aliases: ['chutes de cuir', 'leather offcuts'],
    densityKgM3: 800,
    arealMassGM2: 1200,
    emissionFactorKey: null,
    sectors: LEATHER,
    ewcCodes: ['04 01 99'],
  },

  // Metal
  steel: {
    family: 'metal',
    label: { fr: 'Acier', en: 'Steel' },
    aliases: ['acier doux', 'tole', 'fer', 'mild steel', 'sheet metal'],
    densityKgM3: 7850,
    emissionFactorKey: 'steel_ice',
    sectors: METAL,
    ewcCodes: FERROUS_EWC,
  },
  galvanised_steel: {
    family: 'metal',
    label: { fr: 'Acier galvanisé', en: 'Galvanised steel' },
    aliases: ['galva', 'galvanized'],
    densityKgM3: 7850,
    emissionFactorKey: 'steel_ice',
    sectors: METAL,
    ewcCodes: FERROUS_EWC,
  },
  stainless_steel: {
    family: 'metal',
    label: { fr: 'Acier inoxydable (inox)', en: 'Stainless steel' },
    aliases: ['inox', '304', '316'],
    densityKgM3: 7900,
    // "Steel (general)" would understate stainless steel, which has no row of its own.
    emissionFactorKey: null,
    sectors: METAL,
    ewcCodes: FERROUS_EWC,
  },
  aluminium: {
    family: 'metal',
    label: { fr: 'Aluminium', en: 'Aluminium' },
    aliases: ['alu', 'aluminum'],
    densityKgM3: 2700,
    emissionFactorKey: 'aluminium_ice',
    sectors: [...METAL, 'aeronautique'],
    ewcCodes: ['12 01 03', '17 04 02'],
  },
  copper: {
    family: 'metal',
    label: { fr: 'Cuivre', en: 'Copper' },
    densityKgM3: 8940,
    emissionFactorKey: 'copper_ice',
    sectors: METAL,
    ewcCodes: ['12 01 03', '17 04 01'],
  },
  brass: {
    family: 'metal',
    label: { fr: 'Laiton', en: 'Brass' },
    densityKgM3: 8500,
    emissionFactorKey: null,
    sectors: METAL,
    ewcCodes: ['12 01 03', '17 04 01'],
  },
  bronze: {
    family: 'metal',
    label: { fr: 'Bronze', en: 'Bronze' },
    densityKgM3: 8800,
    emissionFactorKey: null,
    sectors: METAL,
    ewcCodes: ['12 01 03', '17 04 01'],
  },
  zinc: {
    family: 'metal',
    label: { fr: 'Zinc', en: 'Zinc' },
    densityKgM3: 7140,
    emissionFactorKey: null,
    sectors: [...METAL, 'eco_construction'],
    ewcCodes: ['12 01 03'],
  },
  tin_pewter: {
    family: 'metal',
    label: { fr: 'Étain', en: 'Tin / pewter' },
    aliases: ['pewter', 'tin'],
    densityKgM3: 7300,
    emissionFactorKey: null,
    sectors: METAL,
    ewcCodes: ['12 01 03', '17 04 06'],
  },
  metal_mixed: {
    family: 'metal',
    label: { fr: 'Métaux en mélange', en: 'Mixed metals' },
    aliases: ['ferraille', 'scrap', 'chutes de metal'],
    densityKgM3: 7000,
    rough: true,
    emissionFactorKey: 'metal_scrap_defra',
    sectors: METAL,
    ewcCodes: ['17 04 07'],
  },

  // Plastic
  pmma: {
    family: 'plastic',
    label: { fr: 'Acrylique (PMMA, Plexiglas)', en: 'Acrylic sheet (PMMA)' },
    aliases: ['plexiglas', 'plexiglass', 'plexi', 'altuglas', 'perspex', 'acrylique', 'acrylic'],
    densityKgM3: 1190,
    // The row exists but has no value yet (NOT FOUND in emission-factors.csv).
    emissionFactorKey: 'pmma_acrylic_sheet',
    sectors: [...PLASTIC, 'metiers_d_art'],
    ewcCodes: PLASTIC_EWC,
  },
  pp: {
    family: 'plastic',
    label: { fr: 'Polypropylène (PP)', en: 'Polypropylene (PP)' },
    aliases: ['PP'],
    densityKgM3: 905,
    emissionFactorKey: 'pp_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  hdpe: {
    family: 'plastic',
    label: { fr: 'Polyéthylène haute densité (PEHD)', en: 'High-density polyethylene (HDPE)' },
    aliases: ['PEHD', 'PE-HD', 'PE'],
    densityKgM3: 955,
    emissionFactorKey: 'hdpe_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  ldpe: {
    family: 'plastic',
    label: { fr: 'Polyéthylène basse densité (PEBD)', en: 'Low-density polyethylene (LDPE)' },
    aliases: ['PEBD', 'PE-BD', 'PE', 'film plastique', 'plastic film'],
    densityKgM3: 920,
    emissionFactorKey: 'ldpe_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  pet: {
    family: 'plastic',
    label: { fr: 'PET', en: 'PET' },
    aliases: ['polyethylene terephtalate', 'polyethylene terephthalate'],
    densityKgM3: 1380,
    emissionFactorKey: 'pet_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  petg: {
    family: 'plastic',
    label: { fr: 'PETG', en: 'PETG' },
    densityKgM3: 1270,
    // A glycol-modified copolymer: the PET row (bottle grade) is not the same material.
    emissionFactorKey: null,
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  abs: {
    family: 'plastic',
    label: { fr: 'ABS', en: 'ABS' },
    densityKgM3: 1050,
    emissionFactorKey: 'abs_ice',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  pc: {
    family: 'plastic',
    label: { fr: 'Polycarbonate (PC)', en: 'Polycarbonate (PC)' },
    aliases: ['PC', 'lexan', 'makrolon'],
    densityKgM3: 1200,
    emissionFactorKey: 'polycarbonate_ice',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  pla: {
    family: 'plastic',
    label: { fr: 'PLA (acide polylactique)', en: 'PLA (polylactic acid)' },
    aliases: ['PLA', 'filament 3D', '3D printing filament'],
    densityKgM3: 1240,
    emissionFactorKey: null,
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  pvc: {
    family: 'plastic',
    label: { fr: 'PVC rigide', en: 'Rigid PVC' },
    aliases: ['PVC'],
    densityKgM3: 1400,
    emissionFactorKey: 'pvc_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  pvc_foam: {
    family: 'plastic',
    label: { fr: 'PVC expansé (Forex)', en: 'Foamed PVC board (Forex)' },
    aliases: ['forex', 'foamex', 'PVC'],
    densityKgM3: 550,
    emissionFactorKey: 'pvc_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  ps: {
    family: 'plastic',
    label: { fr: 'Polystyrène (PS, choc)', en: 'Polystyrene (PS, HIPS)' },
    aliases: ['PS', 'HIPS', 'polystyrene choc'],
    densityKgM3: 1050,
    emissionFactorKey: 'ps_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },
  eps: {
    family: 'plastic',
    label: { fr: 'Polystyrène expansé (PSE)', en: 'Expanded polystyrene (EPS)' },
    aliases: ['PSE', 'EPS', 'styropor', 'frigolite'],
    densityKgM3: 20,
    emissionFactorKey: 'ps_defra',
    sectors: [...PLASTIC, 'eco_construction'],
    ewcCodes: ['07 02 13', '15 01 02'],
  },
  rubber: {
    family: 'plastic',
    label: { fr: 'Caoutchouc', en: 'Rubber' },
    aliases: ['EPDM', 'latex', 'chambre a air', 'inner tube'],
    densityKgM3: 1200,
    emissionFactorKey: null,
    sectors: ['chaussure', 'mobilites_durables', 'metiers_d_art'],
    ewcCodes: ['19 12 04'],
  },
  eva_foam: {
    family: 'plastic',
    label: { fr: 'Mousse EVA', en: 'EVA foam' },
    aliases: ['EVA', 'mousse'],
    densityKgM3: 150,
    emissionFactorKey: null,
    sectors: ['chaussure', 'industries_culturelles', 'plasturgie'],
    ewcCodes: ['07 02 13'],
  },
  fibre_composite: {
    family: 'plastic',
    label: { fr: 'Composite fibre de verre ou de carbone', en: 'Glass or carbon fibre composite' },
    aliases: ['carbone', 'fibre de verre', 'CFRP', 'GFRP', 'prepreg', 'pre-impregne'],
    densityKgM3: 1700,
    emissionFactorKey: null,
    sectors: ['aeronautique', 'mobilites_durables', 'plasturgie'],
    ewcCodes: ['07 02 13'],
  },
  plastic_other: {
    family: 'plastic',
    label: { fr: 'Autre plastique (non identifié)', en: 'Other plastic (unidentified)' },
    aliases: ['plastiques divers', 'mixed plastics'],
    densityKgM3: 1100,
    emissionFactorKey: 'plastics_average_defra',
    sectors: PLASTIC,
    ewcCodes: PLASTIC_EWC,
  },

  // Glass
  glass_flat: {
    family: 'glass',
    label: { fr: 'Verre plat (vitrage, miroir)', en: 'Flat glass (glazing, mirror)' },
    aliases: ['vitre', 'vitrage', 'miroir', 'mirror', 'window glass'],
    densityKgM3: 2500,
    emissionFactorKey: 'glass_defra',
    sectors: ['metiers_d_art', 'eco_construction', 'reemploi'],
    ewcCodes: ['10 11 12', '17 02 02'],
  },
  glass_container: {
    family: 'glass',
    label: { fr: 'Verre creux (bouteilles, bocaux)', en: 'Container glass (bottles, jars)' },
    aliases: ['bouteilles', 'bocaux', 'bottles', 'jars'],
    densityKgM3: 2500,
    emissionFactorKey: 'glass_defra',
    sectors: ['metiers_d_art', 'agroalimentaire', 'reemploi'],
    ewcCodes: ['15 01 07', '20 01 02'],
  },
  glass_art: {
    family: 'glass',
    label: { fr: 'Verre d’art (vitrail, fusing, baguettes)', en: 'Art glass (stained, fusing, rods)' },
    aliases: ['vitrail', 'fusing', 'stained glass', 'verre colore'],
    densityKgM3: 2500,
    emissionFactorKey: 'glass_defra',
    sectors: ['metiers_d_art'],
    ewcCodes: ['10 11 12'],
  },

  // Ceramics and clay: raw bodies hold about 20 % water, fired pieces none.
  clay: {
    family: 'ceramics_clay',
    label: { fr: 'Argile, terre crue', en: 'Raw clay, earth' },
    aliases: ['argile', 'terre a batir', 'terre crue', 'earth', 'pise'],
    densityKgM3: 1800,
    emissionFactorKey: null,
    sectors: [...CERAMIC, 'eco_construction'],
  },
  earthenware: {
    family: 'ceramics_clay',
    label: { fr: 'Faïence, terre rouge (pâte)', en: 'Earthenware clay body' },
    aliases: ['faience', 'terre rouge', 'terre cuite', 'terracotta'],
    densityKgM3: 1900,
    emissionFactorKey: null,
    sectors: CERAMIC,
  },
  stoneware: {
    family: 'ceramics_clay',
    label: { fr: 'Grès (pâte)', en: 'Stoneware clay body' },
    aliases: ['gres'],
    densityKgM3: 1950,
    emissionFactorKey: null,
    sectors: CERAMIC,
  },
  porcelain: {
    family: 'ceramics_clay',
    label: { fr: 'Porcelaine (pâte)', en: 'Porcelain clay body' },
    aliases: ['porcelaine'],
    densityKgM3: 1950,
    emissionFactorKey: null,
    sectors: CERAMIC,
  },
  ceramic_fired: {
    family: 'ceramics_clay',
    label: { fr: 'Céramique cuite (pièces, tessons)', en: 'Fired ceramics (pieces, shards)' },
    aliases: ['tessons', 'seconds choix', 'shards', 'biscuit'],
    densityKgM3: 2300,
    emissionFactorKey: null,
    sectors: [...CERAMIC, 'eco_construction'],
  },
  ceramic_tiles: {
    family: 'ceramics_clay',
    label: { fr: 'Carreaux céramiques', en: 'Ceramic tiles' },
    aliases: ['carrelage', 'faience murale', 'tiles'],
    densityKgM3: 2100,
    emissionFactorKey: null,
    sectors: ['eco_construction', 'ceramique', 'reemploi'],
  },

  // Paper and cardboard: apparent density of the sheet or board as traded.
  paper: {
    family: 'paper_cardboard',
    label: { fr: 'Papier', en: 'Paper' },
    aliases: ['papier d art', 'ramette', 'chutes d impression', 'print offcuts'],
    densityKgM3: 800,
    arealMassGM2: 90,
    emissionFactorKey: 'paper_defra',
    sectors: PAPER,
    ewcCodes: ['20 01 01'],
  },
  kraft_paper: {
    family: 'paper_cardboard',
    label: { fr: 'Papier kraft', en: 'Kraft paper' },
    aliases: ['kraft'],
    densityKgM3: 700,
    arealMassGM2: 90,
    emissionFactorKey: 'paper_defra',
    sectors: PAPER,
    ewcCodes: ['15 01 01', '20 01 01'],
  },
  cardboard_corrugated: {
    family: 'paper_cardboard',
    label: { fr: 'Carton ondulé', en: 'Corrugated cardboard' },
    aliases: ['cartons', 'carton d emballage', 'boxes'],
    densityKgM3: 130,
    arealMassGM2: 550,
    emissionFactorKey: 'cardboard_defra',
    sectors: [...PAPER, 'reemploi'],
    ewcCodes: ['15 01 01', '20 01 01'],
  },
  cardboard_solid: {
    family: 'paper_cardboard',
    label: { fr: 'Carton compact (carton gris, contrecollé)', en: 'Solid board (greyboard)' },
    aliases: ['carton gris', 'carton a reliure', 'greyboard', 'millboard', 'bookbinding board'],
    densityKgM3: 650,
    arealMassGM2: 1300,
    emissionFactorKey: 'cardboard_defra',
    sectors: PAPER,
    ewcCodes: ['20 01 01'],
  },

  // Food by-products: rough bulk densities of the wet product as it leaves the workshop.
  spent_grain: {
    family: 'food_byproducts',
    label: { fr: 'Drêches de brasserie', en: "Brewers' spent grain" },
    aliases: ['dreches', 'spent grain', 'brasserie', 'brewery'],
    densityKgM3: 900,
    rough: true,
    emissionFactorKey: null,
    sectors: FOOD,
    ewcCodes: ['02 07 04'],
  },
  fruit_pomace: {
    family: 'food_byproducts',
    label: { fr: 'Marc de fruits (pomme, raisin…)', en: 'Fruit pomace (apple, grape…)' },
    aliases: ['marc de pomme', 'marc de raisin', 'pulpe', 'pomace', 'grape marc'],
    densityKgM3: 550,
    rough: true,
    emissionFactorKey: null,
    sectors: FOOD,
    ewcCodes: ['02 03 04', '02 07 04'],
  },
  coffee_grounds: {
    family: 'food_byproducts',
    label: { fr: 'Marc de café', en: 'Spent coffee grounds' },
    aliases: ['cafe', 'coffee'],
    densityKgM3: 600,
    rough: true,
    emissionFactorKey: null,
    sectors: [...FOOD, 'fabrication_numerique'],
    ewcCodes: ['02 03 04', '20 01 08'],
  },
  whey: {
    family: 'food_byproducts',
    label: { fr: 'Lactosérum (petit-lait)', en: 'Whey' },
    aliases: ['petit lait', 'serum'],
    densityKgM3: 1030,
    emissionFactorKey: null,
    sectors: FOOD,
    ewcCodes: ['02 05 01'],
  },
  bread_surplus: {
    family: 'food_byproducts',
    label: { fr: 'Pain invendu', en: 'Surplus bread' },
    aliases: ['pain', 'bread', 'boulangerie'],
    densityKgM3: 250,
    rough: true,
    emissionFactorKey: null,
    sectors: FOOD,
    ewcCodes: ['02 06 01'],
  },
  nut_shells: {
    family: 'food_byproducts',
    label: { fr: 'Coques et coquilles (noix, noisettes, cacao)', en: 'Shells and husks (nut, cocoa)' },
    aliases: ['coques', 'coquilles de noix', 'cabosses', 'husks', 'shells'],
    densityKgM3: 350,
    rough: true,
    emissionFactorKey: null,
    sectors: [...FOOD, 'metiers_d_art'],
    ewcCodes: ['02 03 04'],
  },
  food_other: {
    family: 'food_byproducts',
    label: { fr: 'Autre coproduit alimentaire', en: 'Other food by-product' },
    aliases: ['biodechets', 'organic'],
    densityKgM3: 600,
    rough: true,
    emissionFactorKey: null,
    sectors: FOOD,
    ewcCodes: ['02 03 04'],
  },

  // Botanical and perfumery by-products
  flower_residues: {
    family: 'botanical_perfumery',
    label: { fr: 'Résidus floraux (fleurs épuisées)', en: 'Flower residues (spent flowers)' },
    aliases: ['fleurs', 'petales', 'flowers', 'petals', 'rose', 'jasmin'],
    densityKgM3: 300,
    rough: true,
    emissionFactorKey: null,
    sectors: ['parfumerie', 'metiers_d_art'],
    ewcCodes: ['02 01 03'],
  },
  distillation_residues: {
    family: 'botanical_perfumery',
    label: {
      fr: 'Résidus de distillation (paille de lavandin…)',
      en: 'Distillation residues (lavandin straw…)',
    },
    aliases: ['paille de lavandin', 'lavande', 'lavender', 'plantes distillees'],
    densityKgM3: 150,
    rough: true,
    emissionFactorKey: null,
    sectors: ['parfumerie', 'eco_construction'],
    ewcCodes: ['02 01 03'],
  },
  botanical_other: {
    family: 'botanical_perfumery',
    label: { fr: 'Autres résidus végétaux', en: 'Other plant residues' },
    aliases: ['tiges', 'feuilles', 'stems', 'leaves', 'plantes'],
    densityKgM3: 200,
    rough: true,
    emissionFactorKey: null,
    sectors: ['parfumerie', 'agroalimentaire', 'eco_construction'],
    ewcCodes: ['02 01 03'],
  },

  // Electronics: no EWC rows in ewc-codes.csv (WEEE codes are not part of it).
  electronic_components: {
    family: 'electronics',
    label: { fr: 'Composants électroniques', en: 'Electronic components' },
    aliases: ['composants', 'components', 'LED', 'resistances'],
    densityKgM3: 800,
    rough: true,
    emissionFactorKey: null,
    sectors: ELECTRONICS,
  },
  cables: {
    family: 'electronics',
    label: { fr: 'Câbles et fils électriques', en: 'Electric cables and wires' },
    aliases: ['cable', 'fil electrique', 'wire'],
    densityKgM3: 2000,
    rough: true,
    emissionFactorKey: null,
    sectors: ELECTRONICS,
  },
  circuit_boards: {
    family: 'electronics',
    label: { fr: 'Circuits imprimés', en: 'Printed circuit boards' },
    aliases: ['PCB', 'carte electronique', 'FR4'],
    densityKgM3: 1850,
    emissionFactorKey: null,
    sectors: ELECTRONICS,
  },
  electronic_devices: {
    family: 'electronics',
    label: { fr: 'Appareils électroniques (pour pièces)', en: 'Electronic devices (for parts)' },
    aliases: ['appareils', 'devices', 'DEEE', 'WEEE'],
    densityKgM3: 400,
    rough: true,
    emissionFactorKey: null,
    sectors: ELECTRONICS,
  },

  // Mixed and composites
  aluminium_composite_panel: {
    family: 'mixed',
    label: { fr: 'Panneau composite aluminium (Dibond)', en: 'Aluminium composite panel (Dibond)' },
    aliases: ['dibond', 'ACM', 'alucobond'],
    densityKgM3: 1270,
    emissionFactorKey: null,
    sectors: ['industries_culturelles', 'fabrication_numerique', 'eco_construction'],
  },
  packaging_mixed: {
    family: 'mixed',
    label: { fr: 'Emballages en mélange', en: 'Mixed packaging' },
    aliases: ['emballages', 'packaging', 'calage'],
    densityKgM3: 100,
    rough: true,
    emissionFactorKey: null,
    sectors: ['reemploi', 'multi_filieres'],
    ewcCodes: ['15 01 05', '15 01 06'],
  },
  mixed_lot: {
    family: 'mixed',
    label: { fr: 'Lot mixte (matières variées)', en: 'Mixed lot (various materials)' },
    aliases: ['divers', 'vrac', 'assorted', 'miscellaneous'],
    densityKgM3: 300,
    rough: true,
    emissionFactorKey: null,
    sectors: ['reemploi', 'multi_filieres'],
  },
} satisfies Record<string, MaterialDef>;

export type MaterialKey = keyof typeof materialDefs;

export const materials: readonly Material[] = Object.entries(
  materialDefs as Record<MaterialKey, MaterialDef>,
).map(([key, d]) => ({
  key: key as MaterialKey,
  familyKey: d.family,
  label: d.label,
  aliases: d.aliases ?? [],
  densityKgM3: d.densityKgM3,
  arealMassGM2: d.arealMassGM2 ?? null,
  roughDensity: d.rough ?? false,
  isFibre: d.fibre ?? false,
  emissionFactorKey: d.emissionFactorKey,
  suggestedSectors: d.sectors,
  ewcCodes: d.ewcCodes ?? [],
}));

export const materialKeys = materials.map((m) => m.key) as [MaterialKey, ...MaterialKey[]];

const byKey = new Map<string, Material>(materials.map((m) => [m.key, m]));
const familyByKey = new Map<string, MaterialFamily>(materialFamilies.map((f) => [f.key, f]));

export const isMaterialKey = (k: string): k is MaterialKey => byKey.has(k);
export const isMaterialFamilyKey = (k: string): k is MaterialFamilyKey => familyByKey.has(k);

export function getMaterial(key: string): Material | undefined {
  return byKey.get(key);
}

export function getMaterialFamily(key: string): MaterialFamily | undefined {
  return familyByKey.get(key);
}

export function materialsOfFamily(family: MaterialFamilyKey): Material[] {
  return materials.filter((m) => m.familyKey === family);
}

// ---------------------------------------------------------------------------------------------
// Search

/** Lower-case, without accents or punctuation, so "Hêtre", "hetre" and "HÊTRE" meet. */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface SearchEntry {
  material: Material;
  index: number;
  fields: { text: string; words: string[]; weight: number }[];
}

const field = (s: string, weight: number) => {
  const text = foldForSearch(s);
  return { text, words: text.split(' '), weight };
};

const searchIndex: Record<LabelLocale, SearchEntry[]> = { fr: [], en: [] };
for (const locale of ['fr', 'en'] as const) {
  const other: LabelLocale = locale === 'fr' ? 'en' : 'fr';
  searchIndex[locale] = materials.map((material, index) => {
    const family = familyByKey.get(material.familyKey);
    return {
      material,
      index,
      fields: [
        field(material.label[locale], 10),
        ...material.aliases.map((a) => field(a, 9)),
        field(material.label[other], 3),
        field(family?.label[locale] ?? '', 1.5),
        field(material.key.replace(/_/g, ' '), 1),
      ],
    };
  });
}

function tokenScore(entry: SearchEntry, token: string): number {
  let best = 0;
  for (const f of entry.fields) {
    let s = 0;
    if (f.text === token) s = 10;
    else if (f.text.startsWith(token)) s = 8;
    else if (f.words.includes(token)) s = 7;
    else if (f.words.some((w) => w.startsWith(token))) s = 6;
    else if (f.text.includes(token)) s = 3;
    best = Math.max(best, s * f.weight);
  }
  return best;
}

/**
 * Materials whose labels, aliases or family match every word of `query`, best first
 * (label in `locale` before aliases, the other language and the family). An empty query
 * lists the taxonomy in order.
 */
export function searchMaterials(query: string, locale: LabelLocale = 'fr', limit = 20): Material[] {
  const tokens = foldForSearch(query).split(' ').filter(Boolean);
  const entries = searchIndex[locale];
  if (tokens.length === 0) return entries.slice(0, limit).map((e) => e.material);
  const scored: { entry: SearchEntry; score: number }[] = [];
  for (const entry of entries) {
    let score = 0;
    for (const token of tokens) {
      const s = tokenScore(entry, token);
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.index - b.entry.index);
  return scored.slice(0, limit).map((s) => s.entry.material);
}
