import { describe, expect, it } from 'vitest';
import {
  EMBEDDED_FACTOR_SET,
  EMBEDDED_FACTOR_VERSION,
  EMBEDDED_FACTOR_WARNINGS,
  EMBEDDED_MATERIAL_ROWS,
  EMBEDDED_TRANSPORT_ROWS,
} from './embedded-factors.ts';
import {
  diffFactorSets,
  extractWttFromNote,
  type FactorSet,
  factorSetSchema,
  findMaterialFactor,
  findTransportFactor,
  type ImportProblem,
  MATERIAL_CSV_COLUMNS,
  TRANSPORT_CSV_COLUMNS,
  validateFactorImport,
} from './factor-registry.ts';

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const toCsv = (columns: readonly string[], rows: readonly Record<string, string>[]) =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n');

const MATERIALS_CSV = toCsv(MATERIAL_CSV_COLUMNS, EMBEDDED_MATERIAL_ROWS);
const TRANSPORT_CSV = toCsv(TRANSPORT_CSV_COLUMNS, EMBEDDED_TRANSPORT_ROWS);
const MATERIAL_HEADER = MATERIAL_CSV_COLUMNS.join(',');
const TRANSPORT_HEADER = TRANSPORT_CSV_COLUMNS.join(',');
const CREATED_AT = '2027-03-01T09:00:00+01:00';

const problemsOf = (result: ReturnType<typeof validateFactorImport>): ImportProblem[] =>
  result.ok ? [] : result.problems;
const brief = (problems: ImportProblem[]) => problems.map((p) => [p.file, p.line, p.code, p.column]);

describe('extractWttFromNote (transport-factors.csv notes)', () => {
  it.each([
    [
      'van diesel: "add WTT …/km, …/t.km" followed by IDs',
      'Direct (tank-to-wheel) CO2e; add WTT 0.06128/km, 0.15095/t.km (IDs 28_906_3102_4_1/_14_1). UK fleet & load factors.',
      { kind: 'found', perVehicleKm: 0.06128, perTonneKm: 0.15095 },
    ],
    [
      'HGV: "WTT add …" ending with a full stop',
      'WTT add 0.21154/km, 0.02359/t.km.',
      { kind: 'found', perVehicleKm: 0.21154, perTonneKm: 0.02359 },
    ],
    [
      'tonne-km first',
      'WTT: 0.04332/t.km and 0.20099/km',
      { kind: 'found', perVehicleKm: 0.20099, perTonneKm: 0.04332 },
    ],
    ['only per tonne-km', 'add WTT 0.1/t.km', { kind: 'found', perVehicleKm: null, perTonneKm: 0.1 }],
    ['spaces around the slash', 'add WTT 0.5 / km', { kind: 'found', perVehicleKm: 0.5, perTonneKm: null }],
    [
      'no WTT in the note',
      'Uses UK grid electricity; French grid is much lower carbon -> overstates for France.',
      { kind: 'none' },
    ],
    ['empty note', '', { kind: 'none' }],
    ['WTT without values', 'WTT to be added later', { kind: 'unreadable' }],
    ['two values for the same unit', 'add WTT 0.1/km, 0.2/km', { kind: 'unreadable' }],
    ['decimal comma', 'add WTT 0,06128/km', { kind: 'unreadable' }],
  ])('%s', (_name, note, expected) => {
    expect(extractWttFromNote(note)).toEqual(expected);
  });
});

describe('the embedded first version', () => {
  it('holds every row with a value, with its source and year', () => {
    expect(factorSetSchema.parse(EMBEDDED_FACTOR_SET)).toEqual(EMBEDDED_FACTOR_SET);
    expect(EMBEDDED_FACTOR_SET.version).toBe(EMBEDDED_FACTOR_VERSION);
    expect(EMBEDDED_MATERIAL_ROWS).toHaveLength(37);
    expect(EMBEDDED_TRANSPORT_ROWS).toHaveLength(7);
    expect(EMBEDDED_FACTOR_SET.materialFactors).toHaveLength(35);
    expect(EMBEDDED_FACTOR_SET.transportFactors).toHaveLength(6);
  });

  it('reads the values of emission-factors.csv', () => {
    expect(findMaterialFactor(EMBEDDED_FACTOR_SET, 'wood_average_defra')).toMatchObject({
      labelFr: 'Bois (moyenne, construction)',
      virginKgCo2ePerKg: 0.2695,
      reuseKgCo2ePerKg: 0.03854,
      year: 2025,
      yearApproximate: false,
    });
    expect(findMaterialFactor(EMBEDDED_FACTOR_SET, 'plywood')).toMatchObject({
      virginKgCo2ePerKg: 0.45,
      reuseKgCo2ePerKg: null,
      year: 2011,
    });
    expect(findMaterialFactor(EMBEDDED_FACTOR_SET, 'leather_bovine')).toBeUndefined();
  });

  it('reads the transport values and the WTT written in the notes of transport-factors.csv', () => {
    const t = (key: string) => findTransportFactor(EMBEDDED_FACTOR_SET, key);
    expect(t('van_diesel_avg_defra')).toMatchObject({
      kgCo2ePerVehicleKm: 0.25561,
      kgCo2ePerTonneKm: 0.6313,
      wttPerVehicleKm: 0.06128,
      wttPerTonneKm: 0.15095,
    });
    expect(t('hgv_all_avg_laden_defra')).toMatchObject({ wttPerVehicleKm: 0.21154, wttPerTonneKm: 0.02359 });
    expect(t('hgv_rigid_avg_laden_defra')).toMatchObject({
      wttPerVehicleKm: 0.20099,
      wttPerTonneKm: 0.04332,
    });
    expect(t('van_bev_avg_defra')).toMatchObject({ wttPerVehicleKm: null, wttPerTonneKm: null });
    expect(t('hgv_artic_avg_laden_defra')).toMatchObject({
      kgCo2ePerTonneKm: 0.078,
      wttPerVehicleKm: null,
      note: '',
    });
    expect(t('truck_fr_unspecified_baseimpacts')).toMatchObject({
      kgCo2ePerVehicleKm: null,
      kgCo2ePerTonneKm: 0.269575,
      year: 2022,
      yearApproximate: true,
    });
  });

  it('leaves out the rows without a value, with a warning on their line', () => {
    expect(EMBEDDED_FACTOR_WARNINGS.map((w) => [w.file, w.line, w.key, w.code])).toEqual([
      ['materials', 19, 'leather_bovine', 'no_factor_value'],
      ['materials', 32, 'pmma_acrylic_sheet', 'no_factor_value'],
      ['transport', 8, 'ademe_base_carbone_road', 'no_factor_value'],
    ]);
  });

  it('round-trips through the reviewed import of the CSV text', () => {
    const result = validateFactorImport({
      version: '2027-01-copy',
      createdAt: CREATED_AT,
      materialsCsv: MATERIALS_CSV,
      transportCsv: TRANSPORT_CSV,
      previous: EMBEDDED_FACTOR_SET,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.factorSet.materialFactors).toEqual(EMBEDDED_FACTOR_SET.materialFactors);
    expect(result.factorSet.transportFactors).toEqual(EMBEDDED_FACTOR_SET.transportFactors);
    expect(result.warnings).toEqual(EMBEDDED_FACTOR_WARNINGS);
    expect(result.diff).toEqual({
      fromVersion: EMBEDDED_FACTOR_VERSION,
      toVersion: '2027-01-copy',
      materials: { added: [], removed: [], changed: [] },
      transport: { added: [], removed: [], changed: [] },
    });
  });
});

describe('validateFactorImport: problems with their line', () => {
  it('reports every bad material row on its line and imports nothing', () => {
    const csv = [
      MATERIAL_HEADER,
      'oak,Chêne,Oak,0.3,,"ICE v2.0, Univ. of Bath",2011,ok', // 2: valid
      'beech,Hêtre,Beech,0.3,,,2011,no source', // 3
      'ash,Frêne,Ash,0.3,,ICE,n/a,no year', // 4
      'elm,Orme,Elm,"0,27",,ICE,2011,decimal comma', // 5
      'yew,If,Yew,abc,,ICE,2011,not a number', // 6
      'oak,Chêne,Oak,0.3,,ICE,2011,duplicate', // 7
      'fir,Sapin,Fir,0.3,ICE,2011', // 8: field count
      'pine,Pin,Pine,-0.2,,ICE,2011,negative', // 9
      'Bad Key,X,X,0.3,,ICE,2011,', // 10
      'lime,Tilleul,Lime,0.3,,ICE,20XX,', // 11
      'cork,,Cork,0.3,,ICE,2011,', // 12: no French label
      'teak,Teck,Teak,,0.1,ICE,2011,reuse without virgin', // 13
      '"maple","Érable","Maple",0.3,,"ICE ""v2""",2011,"multi', // 14-15: a note on two lines
      'line"',
      'birch,Bouleau,Birch,0.3,,not found,2011,', // 16
    ].join('\n');
    const result = validateFactorImport({
      version: '2027-03-test-v2',
      createdAt: CREATED_AT,
      materialsCsv: csv,
      transportCsv: TRANSPORT_CSV,
    });
    expect(result.ok).toBe(false);
    expect(brief(problemsOf(result))).toEqual([
      ['materials', 8, 'field_count', null],
      ['materials', 3, 'missing_source', 'source'],
      ['materials', 4, 'missing_year', 'year'],
      ['materials', 5, 'not_a_number', 'virgin_kgco2e_per_kg'],
      ['materials', 6, 'not_a_number', 'virgin_kgco2e_per_kg'],
      ['materials', 7, 'duplicate_key', 'material_key'],
      ['materials', 9, 'negative', 'virgin_kgco2e_per_kg'],
      ['materials', 10, 'invalid_key', 'material_key'],
      ['materials', 11, 'invalid_year', 'year'],
      ['materials', 12, 'missing_label', 'material_label_fr'],
      ['materials', 13, 'missing_value', 'virgin_kgco2e_per_kg'],
      ['materials', 16, 'missing_source', 'source'],
    ]);
    expect(problemsOf(result).find((p) => p.line === 5)?.message).toBe(
      '"0,27" uses a decimal comma; write 0.27',
    );
  });

  it('reports transport rows: WTT unreadable, WTT conflict, bad values', () => {
    const header = `${TRANSPORT_HEADER},wtt_kgco2e_per_vehicle_km,wtt_kgco2e_per_tonne_km`;
    const csv = [
      header,
      'van,VUL,Van,0.25561,0.6313,DEFRA,2025,"add WTT 0.06128/km, 0.15095/t.km",,', // 2: valid, WTT from note
      'van2,VUL,Van,0.25561,0.6313,DEFRA,2025,WTT see other file,,', // 3
      'van3,VUL,Van,0.25561,0.6313,DEFRA,2025,"add WTT 0.06128/km",0.07,', // 4: conflict
      'van4,VUL,Van,0.3,x,DEFRA,2025,,,', // 5
      'van5,VUL,Van,0.3,0.5,DEFRA,,,,', // 6
      'van6,VUL,Van,0.3,0.5,DEFRA,2025,,0.05,0.1', // 7: WTT from columns
    ].join('\n');
    const result = validateFactorImport({
      version: '2027-03-test-v2',
      createdAt: CREATED_AT,
      materialsCsv: MATERIALS_CSV,
      transportCsv: csv,
    });
    expect(brief(problemsOf(result))).toEqual([
      ['transport', 3, 'wtt_unreadable', 'note'],
      ['transport', 4, 'wtt_conflict', 'wtt_kgco2e_per_vehicle_km'],
      ['transport', 5, 'not_a_number', 'kgco2e_per_tonne_km'],
      ['transport', 6, 'missing_year', 'year'],
    ]);
  });

  it('reads WTT from the optional columns when present', () => {
    const csv = [
      `${TRANSPORT_HEADER},wtt_kgco2e_per_vehicle_km,wtt_kgco2e_per_tonne_km`,
      'van6,VUL,Van,0.3,0.5,DEFRA,2025,,0.05,0.1',
      'van7,VUL,Van,0.3,0.5,DEFRA,2025,"add WTT 0.05/km, 0.2/t.km",0.05,',
    ].join('\n');
    const result = validateFactorImport({
      version: 'v2-columns',
      createdAt: CREATED_AT,
      materialsCsv: MATERIALS_CSV,
      transportCsv: csv,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.factorSet.transportFactors.map((f) => [f.key, f.wttPerVehicleKm, f.wttPerTonneKm])).toEqual(
      [
        ['van6', 0.05, 0.1],
        ['van7', 0.05, 0.2],
      ],
    );
  });

  it.each([
    [
      'a missing column',
      'material_key,material_label_fr,material_label_en,virgin_kgco2e_per_kg,source,year,note',
      'missing_column',
      'reuse_kgco2e_per_kg_if_known',
    ],
    ['an unknown column', `${MATERIAL_HEADER},comment`, 'unknown_column', 'comment'],
    ['the transport header in the materials file', TRANSPORT_HEADER, 'missing_column', 'material_key'],
  ])('rejects a header with %s on line 1', (_name, header, code, column) => {
    const result = validateFactorImport({
      version: 'v2-header',
      createdAt: CREATED_AT,
      materialsCsv: `${header}\noak,Chêne,Oak,0.3,,ICE,2011,`,
      transportCsv: TRANSPORT_CSV,
    });
    expect(problemsOf(result)).toContainEqual(
      expect.objectContaining({ file: 'materials', line: 1, code, column }),
    );
  });

  it.each([
    ['an empty file', '', 'empty_file', null],
    [
      'broken quoting, on the line where the quote opens',
      `${MATERIAL_HEADER}\noak,"Chêne,Oak,0.3,,ICE,2011,`,
      'csv_syntax',
      2,
    ],
  ])('rejects %s', (_name, csv, code, line) => {
    const result = validateFactorImport({
      version: 'v2-x',
      createdAt: CREATED_AT,
      materialsCsv: csv,
      transportCsv: TRANSPORT_CSV,
    });
    expect(brief(problemsOf(result))).toEqual([['materials', line, code, null]]);
  });

  it.each([
    ['a reused version name', EMBEDDED_FACTOR_VERSION, CREATED_AT, [], 'version_exists'],
    ['a version already stored', '2026-12-old', CREATED_AT, ['2026-12-old'], 'version_exists'],
    ['an invalid version name', 'Version 2!', CREATED_AT, [], 'invalid_version'],
    ['a timestamp without offset', '2027-03-ok', '2027-03-01T09:00:00', [], 'invalid_created_at'],
  ])('rejects %s', (_name, version, createdAt, existingVersions, code) => {
    const result = validateFactorImport({
      version,
      createdAt,
      existingVersions,
      materialsCsv: MATERIALS_CSV,
      transportCsv: TRANSPORT_CSV,
      previous: EMBEDDED_FACTOR_SET,
    });
    expect(brief(problemsOf(result))).toEqual([
      [null, null, code, code === 'invalid_created_at' ? 'createdAt' : 'version'],
    ]);
  });

  it('carries a file over from the previous version when it is omitted, and says so', () => {
    const result = validateFactorImport({
      version: '2027-03-materials-only',
      createdAt: CREATED_AT,
      materialsCsv: `${MATERIAL_HEADER}\nwood_average_defra,Bois,Wood,0.25,0.03,ADEME,2027,`,
      previous: EMBEDDED_FACTOR_SET,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.factorSet.transportFactors).toEqual(EMBEDDED_FACTOR_SET.transportFactors);
    expect(result.warnings.map((w) => [w.file, w.code])).toEqual([['transport', 'carried_over']]);
  });

  it('needs both files for a first version', () => {
    const result = validateFactorImport({
      version: 'v1-first',
      createdAt: CREATED_AT,
      materialsCsv: MATERIALS_CSV,
    });
    expect(brief(problemsOf(result))).toEqual([['transport', null, 'file_missing', null]]);
  });
});

describe('diffFactorSets: what the reviewer sees', () => {
  const next: FactorSet = {
    ...EMBEDDED_FACTOR_SET,
    version: '2027-03-ademe-v2',
    materialFactors: [
      ...EMBEDDED_FACTOR_SET.materialFactors
        .filter((f) => f.key !== 'plywood')
        .map((f) =>
          f.key === 'wood_average_defra'
            ? { ...f, virginKgCo2ePerKg: 0.25, source: 'ADEME Base Empreinte', year: 2027 }
            : f,
        ),
      {
        key: 'leather_bovine',
        labelFr: 'Cuir bovin',
        labelEn: 'Bovine leather',
        virginKgCo2ePerKg: 17,
        reuseKgCo2ePerKg: null,
        source: 'test source',
        year: 2027,
        yearApproximate: false,
        note: '',
      },
    ],
    transportFactors: EMBEDDED_FACTOR_SET.transportFactors.map((f) =>
      f.key === 'van_bev_avg_defra' ? { ...f, wttPerVehicleKm: 0.01 } : f,
    ),
  };

  it('lists added, removed and changed keys with old → new values', () => {
    const diff = diffFactorSets(EMBEDDED_FACTOR_SET, next);
    expect(diff.fromVersion).toBe(EMBEDDED_FACTOR_VERSION);
    expect(diff.toVersion).toBe('2027-03-ademe-v2');
    expect(diff.materials.added.map((f) => f.key)).toEqual(['leather_bovine']);
    expect(diff.materials.removed.map((f) => f.key)).toEqual(['plywood']);
    expect(diff.materials.changed).toEqual([
      {
        key: 'wood_average_defra',
        changes: [
          { field: 'virginKgCo2ePerKg', from: 0.2695, to: 0.25 },
          {
            field: 'source',
            from: EMBEDDED_FACTOR_SET.materialFactors[0]?.source,
            to: 'ADEME Base Empreinte',
          },
          { field: 'year', from: 2025, to: 2027 },
        ],
      },
    ]);
    expect(diff.transport).toEqual({
      added: [],
      removed: [],
      changed: [{ key: 'van_bev_avg_defra', changes: [{ field: 'wttPerVehicleKm', from: null, to: 0.01 }] }],
    });
  });

  it('is empty between identical sets', () => {
    const diff = diffFactorSets(EMBEDDED_FACTOR_SET, EMBEDDED_FACTOR_SET);
    expect([diff.materials, diff.transport]).toEqual([
      { added: [], removed: [], changed: [] },
      { added: [], removed: [], changed: [] },
    ]);
  });
});
