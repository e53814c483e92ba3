import { describe, expect, it } from 'vitest';
import { isSectorKey } from '../sites/sectors.ts';
import { ewcWasteCodes } from './ewc-codes.ts';
import {
  isSubstitute,
  type MaterialFitLevel,
  materialFit,
  substituteRules,
  substitutesOf,
} from './substitutes.ts';
import {
  emissionFactorMaterialKeys,
  getMaterial,
  getMaterialFamily,
  type MaterialKey,
  materialFamilies,
  materialKeys,
  materials,
  materialsOfFamily,
  searchMaterials,
} from './taxonomy.ts';

// Copied by hand from packages/domain/data/emission-factors.csv (column material_key), so a
// typo or a renamed row in the source code cannot pass silently.
const CSV_EMISSION_KEYS = [
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
];

// Copied from packages/domain/data/ewc-codes.csv (columns material_family, code).
const CSV_EWC: Record<string, string[]> = {
  wood: [
    '03 01 01',
    '03 01 04*',
    '03 01 05',
    '03 01 99',
    '15 01 03',
    '17 02 01',
    '17 02 04*',
    '19 12 06*',
    '19 12 07',
    '20 01 37*',
    '20 01 38',
  ],
  textile_leather: [
    '04 01 01',
    '04 01 08',
    '04 01 09',
    '04 01 99',
    '04 02 09',
    '04 02 10',
    '04 02 15',
    '04 02 21',
    '04 02 22',
    '15 01 09',
    '19 12 08',
    '20 01 10',
    '20 01 11',
  ],
  metal: [
    '12 01 01',
    '12 01 02',
    '12 01 03',
    '12 01 04',
    '12 01 13',
    '15 01 04',
    '17 04 01',
    '17 04 02',
    '17 04 05',
    '17 04 06',
    '17 04 07',
    '19 12 02',
    '19 12 03',
    '20 01 40',
  ],
  plastic: ['07 02 13', '12 01 05', '15 01 02', '16 01 19', '17 02 03', '19 12 04', '20 01 39'],
  glass: ['10 11 12', '15 01 07', '16 01 20', '17 02 02', '19 12 05', '20 01 02'],
  paper_board: ['03 03 08', '15 01 01', '19 12 01', '20 01 01'],
  food_organic: [
    '02 01 03',
    '02 01 07',
    '02 03 04',
    '02 05 01',
    '02 06 01',
    '02 07 04',
    '20 01 08',
    '20 01 25',
  ],
  mixed_packaging: ['15 01 05', '15 01 06', '15 01 10*'],
};
const csvEwcFamilyOf = new Map(
  Object.entries(CSV_EWC).flatMap(([family, codes]) => codes.map((c) => [c, family])),
);

describe('reference lists', () => {
  it('emission-factor keys match the CSV', () => {
    expect([...emissionFactorMaterialKeys]).toEqual(CSV_EMISSION_KEYS);
  });

  it('EWC codes match the CSV, with their family', () => {
    expect(ewcWasteCodes.map((c) => [c.code, c.family])).toEqual([...csvEwcFamilyOf.entries()]);
  });
});

describe('families', () => {
  it('are the thirteen expected, each with both labels', () => {
    expect(materialFamilies.map((f) => f.key)).toEqual([
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
    ]);
    for (const f of materialFamilies) {
      expect(f.label.fr.length).toBeGreaterThan(0);
      expect(f.label.en.length).toBeGreaterThan(0);
    }
  });

  it('every family has materials', () => {
    for (const f of materialFamilies) expect(materialsOfFamily(f.key).length).toBeGreaterThan(0);
  });
});

describe('materials', () => {
  it('has at least fifty materials with unique keys', () => {
    expect(materials.length).toBeGreaterThanOrEqual(50);
    expect(new Set(materialKeys).size).toBe(materials.length);
  });

  it.each(materials.map((m) => [m.key, m] as const))('%s is well-formed', (_key, m) => {
    expect(getMaterialFamily(m.familyKey)).toBeDefined();
    expect(m.label.fr.trim()).not.toBe('');
    expect(m.label.en.trim()).not.toBe('');
    expect(Number.isFinite(m.densityKgM3)).toBe(true);
    expect(m.densityKgM3).toBeGreaterThan(0);
    expect(m.densityKgM3).toBeLessThan(25_000);
    if (m.emissionFactorKey !== null) expect(CSV_EMISSION_KEYS).toContain(m.emissionFactorKey);
    expect(m.suggestedSectors.length).toBeGreaterThan(0);
    for (const s of m.suggestedSectors) expect(isSectorKey(s)).toBe(true);
    const ewcFamily = getMaterialFamily(m.familyKey)?.ewcFamily ?? null;
    for (const code of m.ewcCodes) {
      expect(csvEwcFamilyOf.has(code)).toBe(true);
      expect(csvEwcFamilyOf.get(code)).toBe(ewcFamily);
      expect(code.endsWith('*')).toBe(false);
    }
  });

  it('gives an areal mass to fabric, leather and paper traded by area, consistent with density', () => {
    const byArea = materials.filter(
      (m) => ['textile', 'leather', 'paper_cardboard'].includes(m.familyKey) && !m.roughDensity,
    );
    expect(byArea.length).toBeGreaterThan(20);
    for (const m of byArea) {
      expect(m.arealMassGM2, m.key).not.toBeNull();
      // Implied thickness = g/m² ÷ kg/m³, in mm: a fabric or board between 0.05 mm and 10 mm.
      const thicknessMm = (m.arealMassGM2 ?? 0) / m.densityKgM3;
      expect(thicknessMm, m.key).toBeGreaterThan(0.05);
      expect(thicknessMm, m.key).toBeLessThan(10);
    }
  });

  it('covers the materials named in the brief', () => {
    for (const k of [
      'oak',
      'beech',
      'pine',
      'ash',
      'walnut',
      'chestnut',
      'douglas',
      'poplar',
      'plywood',
      'mdf',
      'osb',
      'particleboard',
      'hardboard',
      'cotton',
      'linen',
      'wool',
      'polyester',
      'polyamide',
      'viscose',
      'hemp',
      'denim',
      'textile_blend',
      'leather_bovine_vegetable',
      'leather_bovine_chrome',
      'leather_other',
      'steel',
      'stainless_steel',
      'aluminium',
      'copper',
      'brass',
      'zinc',
      'pmma',
      'pp',
      'hdpe',
      'ldpe',
      'pet',
      'abs',
      'pc',
      'pla',
      'pvc',
      'ps',
      'glass_flat',
      'glass_container',
      'clay',
      'stoneware',
      'porcelain',
      'paper',
      'cardboard_corrugated',
      'spent_grain',
      'fruit_pomace',
      'coffee_grounds',
      'flower_residues',
      'distillation_residues',
      'electronic_components',
      'cables',
      'mixed_lot',
    ]) {
      expect(getMaterial(k), k).toBeDefined();
    }
  });

  it('returns undefined for an unknown key', () => {
    expect(getMaterial('unobtainium')).toBeUndefined();
  });
});

describe('substitutes', () => {
  it('refer to existing, distinct materials, each pair declared once', () => {
    const pairs = new Set<string>();
    for (const r of substituteRules) {
      expect(getMaterial(r.requested), r.requested).toBeDefined();
      expect(getMaterial(r.offered), r.offered).toBeDefined();
      expect(r.requested).not.toBe(r.offered);
      expect(r.reason.fr.trim()).not.toBe('');
      expect(r.reason.en.trim()).not.toBe('');
      const key = [r.requested, r.offered].sort().join('|');
      expect(pairs.has(key), key).toBe(false);
      pairs.add(key);
    }
  });

  it.each(substituteRules.map((r) => [r.requested, r.offered, r.symmetric] as const))(
    '%s ← %s (symmetric: %s)',
    (requested, offered, symmetric) => {
      expect(isSubstitute(requested, offered)).toBe(true);
      expect(isSubstitute(offered, requested)).toBe(symmetric);
      expect(substitutesOf(requested).map((s) => s.material)).toContain(offered);
    },
  );

  it('includes the classic pairs', () => {
    expect(isSubstitute('oak', 'beech')).toBe(true);
    expect(isSubstitute('beech', 'oak')).toBe(true);
    expect(isSubstitute('mdf', 'particleboard')).toBe(true);
    expect(isSubstitute('particleboard', 'mdf')).toBe(true);
    expect(isSubstitute('steel', 'stainless_steel')).toBe(true);
    expect(isSubstitute('stainless_steel', 'steel')).toBe(false);
    expect(isSubstitute('oak', 'oak')).toBe(false);
  });

  it.each<[MaterialKey, MaterialKey, MaterialFitLevel]>([
    ['oak', 'oak', 'exact'],
    ['oak', 'beech', 'substitute'],
    ['beech', 'oak', 'substitute'],
    ['oak', 'walnut', 'same_family'],
    ['oak', 'plywood', 'none'],
    ['steel', 'stainless_steel', 'substitute'],
    ['stainless_steel', 'steel', 'same_family'],
    ['pmma', 'cotton', 'none'],
    ['cotton', 'textile_blend', 'same_family'],
  ])('materialFit(%s, %s) = %s', (requested, offered, fit) => {
    expect(materialFit(requested, offered)).toBe(fit);
  });
});

describe('searchMaterials', () => {
  it.each<[string, 'fr' | 'en', MaterialKey]>([
    ['chêne', 'fr', 'oak'],
    ['CHENE', 'fr', 'oak'],
    ['hetre', 'fr', 'beech'],
    ['Hêtre', 'fr', 'beech'],
    ['oak', 'en', 'oak'],
    ['chene', 'en', 'oak'],
    ['plexi', 'fr', 'pmma'],
    ['acrylique', 'fr', 'pmma'],
    ['inox', 'fr', 'stainless_steel'],
    ['nylon', 'fr', 'polyamide'],
    ['agglo', 'fr', 'particleboard'],
    ['médium', 'fr', 'mdf'],
    ['isorel', 'fr', 'hardboard'],
    ['drêches', 'fr', 'spent_grain'],
    ['marc de café', 'fr', 'coffee_grounds'],
    ['tannage végétal', 'fr', 'leather_bovine_vegetable'],
    ['vegetable tanned', 'en', 'leather_bovine_vegetable'],
    ['carton ondulé', 'fr', 'cardboard_corrugated'],
    ['PEHD', 'fr', 'hdpe'],
    ['grès', 'fr', 'stoneware'],
    ['lin', 'fr', 'linen'],
  ])('%s (%s) → %s first', (query, locale, key) => {
    expect(searchMaterials(query, locale)[0]?.key).toBe(key);
  });

  it('finds a family by its name', () => {
    const keys = searchMaterials('métal', 'fr', 50).map((m) => m.key);
    expect(keys).toContain('steel');
    expect(keys).toContain('copper');
  });

  it('needs every word to match', () => {
    expect(searchMaterials('chêne zzz', 'fr')).toEqual([]);
    expect(searchMaterials('xyzzy', 'fr')).toEqual([]);
  });

  it('lists the taxonomy in order for an empty query, up to the limit', () => {
    expect(searchMaterials('  ', 'fr', 3).map((m) => m.key)).toEqual(materialKeys.slice(0, 3));
  });
});
