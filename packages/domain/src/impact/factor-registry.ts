import { z } from 'zod';
import { parseCsv } from './csv.ts';

/**
 * The impact factor registry: immutable, versioned sets of emission factors, each value with its
 * source and year. A new version is added through a reviewed import (`validateFactorImport`) and
 * never rewrites past figures: every impact record keeps the version it was computed with.
 * The first version comes from packages/domain/data/emission-factors.csv and transport-factors.csv
 * (see `embedded-factors.ts`).
 */

/** Columns of packages/domain/data/emission-factors.csv, in file order. */
export const MATERIAL_CSV_COLUMNS = [
  'material_key',
  'material_label_fr',
  'material_label_en',
  'virgin_kgco2e_per_kg',
  'reuse_kgco2e_per_kg_if_known',
  'source',
  'year',
  'note',
] as const;

/** Columns of packages/domain/data/transport-factors.csv, in file order. */
export const TRANSPORT_CSV_COLUMNS = [
  'vehicle_key',
  'label_fr',
  'label_en',
  'kgco2e_per_vehicle_km',
  'kgco2e_per_tonne_km',
  'source',
  'year',
  'note',
] as const;

/**
 * Optional transport columns a later version may carry. The first version states the
 * well-to-tank (upstream fuel) values only in its note, which `extractWttFromNote` reads.
 */
export const TRANSPORT_CSV_OPTIONAL_COLUMNS = [
  'wtt_kgco2e_per_vehicle_km',
  'wtt_kgco2e_per_tonne_km',
] as const;

export type MaterialCsvRow = Record<(typeof MATERIAL_CSV_COLUMNS)[number], string>;
export type TransportCsvRow = Record<(typeof TRANSPORT_CSV_COLUMNS)[number], string> &
  Partial<Record<(typeof TRANSPORT_CSV_OPTIONAL_COLUMNS)[number], string>>;

const factorKeySchema = z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'lowercase snake_case key');
const kgCo2eSchema = z.number().nonnegative();
const yearSchema = z.number().int().min(1900).max(2100);

export const factorVersionSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]{2,63}$/,
    'lowercase letters, digits, dots and dashes, e.g. 2026-11-defra-ice-v1',
  );

export const materialFactorSchema = z.object({
  key: factorKeySchema,
  labelFr: z.string().min(1),
  labelEn: z.string().min(1),
  virginKgCo2ePerKg: kgCo2eSchema,
  /** Emissions of the reuse route (collection, preparation) where published; null when unknown. */
  reuseKgCo2ePerKg: kgCo2eSchema.nullable(),
  source: z.string().min(1),
  year: yearSchema,
  /** The source gives the year only approximately (`~2022` in the CSV). */
  yearApproximate: z.boolean(),
  note: z.string(),
});
export type MaterialFactor = z.infer<typeof materialFactorSchema>;

export const transportFactorSchema = z
  .object({
    key: factorKeySchema,
    labelFr: z.string().min(1),
    labelEn: z.string().min(1),
    /** Direct (tank-to-wheel) emissions per vehicle-km; null when the source gives none. */
    kgCo2ePerVehicleKm: kgCo2eSchema.nullable(),
    /** Direct emissions per tonne-km at the source's average load factor; null when none. */
    kgCo2ePerTonneKm: kgCo2eSchema.nullable(),
    /** Well-to-tank (upstream fuel) emissions per vehicle-km; null when the source gives none. */
    wttPerVehicleKm: kgCo2eSchema.nullable(),
    wttPerTonneKm: kgCo2eSchema.nullable(),
    source: z.string().min(1),
    year: yearSchema,
    yearApproximate: z.boolean(),
    note: z.string(),
  })
  .refine((f) => f.kgCo2ePerVehicleKm !== null || f.kgCo2ePerTonneKm !== null, {
    message: 'a transport factor needs a value per vehicle-km or per tonne-km',
  });
export type TransportFactor = z.infer<typeof transportFactorSchema>;

export const factorSetSchema = z
  .object({
    version: factorVersionSchema,
    createdAt: z.iso.datetime({ offset: true }),
    materialFactors: z.array(materialFactorSchema),
    transportFactors: z.array(transportFactorSchema),
  })
  .superRefine((set, ctx) => {
    for (const [name, list] of [
      ['materialFactors', set.materialFactors],
      ['transportFactors', set.transportFactors],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((f, index) => {
        if (seen.has(f.key)) {
          ctx.addIssue({ code: 'custom', path: [name, index, 'key'], message: `duplicate key ${f.key}` });
        }
        seen.add(f.key);
      });
    }
  });
export type FactorSet = z.infer<typeof factorSetSchema>;

export function findMaterialFactor(set: FactorSet, key: string): MaterialFactor | undefined {
  return set.materialFactors.find((f) => f.key === key);
}

export function findTransportFactor(set: FactorSet, key: string): TransportFactor | undefined {
  return set.transportFactors.find((f) => f.key === key);
}

// ---------------------------------------------------------------------------------------------
// Well-to-tank values written in the transport note, e.g. "add WTT 0.06128/km, 0.15095/t.km"
// (van_diesel_avg_defra) or "WTT add 0.21154/km, 0.02359/t.km." (hgv_*), transport-factors.csv.

export type WttExtraction =
  | { kind: 'none' }
  | { kind: 'found'; perVehicleKm: number | null; perTonneKm: number | null }
  | { kind: 'unreadable' };

const WTT_MENTION = /\bWTT\b/i;
const WTT_LIST =
  /\b(?:add\s+)?WTT(?:\s+add)?\s*:?\s*((?:\d+(?:\.\d+)?\s*\/\s*(?:t\.?\s*km|km)\b\s*(?:,|;|and)?\s*)+)/i;
const WTT_VALUE = /(\d+(?:\.\d+)?)\s*\/\s*(t\.?\s*km|km)\b/gi;

/**
 * Reads the WTT values of a transport note. A note that mentions WTT but does not follow the
 * "WTT <value>/km, <value>/t.km" pattern is `unreadable`, so the import reports it instead of
 * silently dropping the upstream emissions.
 */
export function extractWttFromNote(note: string): WttExtraction {
  if (!WTT_MENTION.test(note)) return { kind: 'none' };
  const list = WTT_LIST.exec(note)?.[1];
  if (list === undefined) return { kind: 'unreadable' };
  let perVehicleKm: number | null = null;
  let perTonneKm: number | null = null;
  for (const m of list.matchAll(WTT_VALUE)) {
    const value = Number(m[1]);
    const perTonne = (m[2] ?? '').toLowerCase().startsWith('t');
    if (perTonne) {
      if (perTonneKm !== null) return { kind: 'unreadable' };
      perTonneKm = value;
    } else {
      if (perVehicleKm !== null) return { kind: 'unreadable' };
      perVehicleKm = value;
    }
  }
  return { kind: 'found', perVehicleKm, perTonneKm };
}

// ---------------------------------------------------------------------------------------------
// Reviewed import

export type FactorFile = 'materials' | 'transport';

export const importProblemCodes = [
  'csv_syntax',
  'empty_file',
  'missing_column',
  'unknown_column',
  'field_count',
  'invalid_key',
  'duplicate_key',
  'missing_label',
  'missing_value',
  'not_a_number',
  'negative',
  'missing_source',
  'missing_year',
  'invalid_year',
  'wtt_unreadable',
  'wtt_conflict',
  'invalid_version',
  'version_exists',
  'invalid_created_at',
  'file_missing',
] as const;
export type ImportProblemCode = (typeof importProblemCodes)[number];

export const importWarningCodes = ['no_factor_value', 'carried_over'] as const;
export type ImportWarningCode = (typeof importWarningCodes)[number];

export interface ImportIssue<C extends string> {
  /** Null for problems about the version itself. */
  file: FactorFile | null;
  /** Line in the CSV file (header = 1); null when the issue is not about one line. */
  line: number | null;
  key: string | null;
  column: string | null;
  code: C;
  /** English detail for the reviewer; the UI translates by `code`. */
  message: string;
}
export type ImportProblem = ImportIssue<ImportProblemCode>;
export type ImportWarning = ImportIssue<ImportWarningCode>;

/** A CSV row as named values, with the line it came from. */
export interface FactorRecord<Row> {
  line: number;
  values: Row;
}

interface RowsResult<F> {
  factors: F[];
  problems: ImportProblem[];
  warnings: ImportWarning[];
}

const AMOUNT = /^\d+(?:\.\d+)?$/;

function rowChecker(file: FactorFile, line: number, key: string | null, problems: ImportProblem[]) {
  const report = (code: ImportProblemCode, column: string | null, message: string) => {
    problems.push({ file, line, key, column, code, message });
  };
  /** '' → null; a malformed amount is reported and returns undefined. */
  const amount = (column: string, raw: string | undefined): number | null | undefined => {
    const v = (raw ?? '').trim();
    if (v === '') return null;
    if (AMOUNT.test(v)) return Number(v);
    if (/^\d+,\d+$/.test(v)) {
      report('not_a_number', column, `"${v}" uses a decimal comma; write ${v.replace(',', '.')}`);
    } else if (/^-\s*\d/.test(v)) {
      report('negative', column, `"${v}" is negative`);
    } else {
      report('not_a_number', column, `"${v}" is not a number`);
    }
    return undefined;
  };
  const sourceAndYear = (rawSource: string, rawYear: string) => {
    const source = rawSource.trim();
    if (source === '' || /^not found$/i.test(source)) report('missing_source', 'source', 'source is missing');
    const y = rawYear.trim();
    const m = /^(~)?(\d{4})$/.exec(y);
    if (y === '' || /^n\/?a$/i.test(y)) {
      report('missing_year', 'year', 'year is missing');
      return { source, year: undefined, yearApproximate: false };
    }
    if (m === null) {
      report('invalid_year', 'year', `"${y}" is not a year (YYYY, or ~YYYY when approximate)`);
      return { source, year: undefined, yearApproximate: false };
    }
    return { source, year: Number(m[2]), yearApproximate: m[1] === '~' };
  };
  const labels = (fr: string, en: string, frColumn: string, enColumn: string) => {
    if (fr.trim() === '') report('missing_label', frColumn, 'French label is missing');
    if (en.trim() === '') report('missing_label', enColumn, 'English label is missing');
    return { labelFr: fr.trim(), labelEn: en.trim() };
  };
  return { report, amount, sourceAndYear, labels };
}

function checkKey(
  file: FactorFile,
  line: number,
  column: string,
  rawKey: string,
  seen: Set<string>,
  problems: ImportProblem[],
): string | null {
  const key = rawKey.trim();
  if (!factorKeySchema.safeParse(key).success) {
    problems.push({
      file,
      line,
      key: key || null,
      column,
      code: 'invalid_key',
      message: `"${key}" is not a snake_case key`,
    });
    return null;
  }
  if (seen.has(key)) {
    problems.push({
      file,
      line,
      key,
      column,
      code: 'duplicate_key',
      message: `${key} appears more than once`,
    });
    return null;
  }
  seen.add(key);
  return key;
}

/** Validates material rows (already split into named values). Rows without a virgin factor are
 * not factors: they are left out with a warning, so the material counts as "facteur manquant". */
export function materialFactorsFromRows(
  records: readonly FactorRecord<MaterialCsvRow>[],
): RowsResult<MaterialFactor> {
  const factors: MaterialFactor[] = [];
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const seen = new Set<string>();
  for (const { line, values: r } of records) {
    const key = checkKey('materials', line, 'material_key', r.material_key, seen, problems);
    const before = problems.length;
    const c = rowChecker('materials', line, key, problems);
    const virgin = c.amount('virgin_kgco2e_per_kg', r.virgin_kgco2e_per_kg);
    const reuse = c.amount('reuse_kgco2e_per_kg_if_known', r.reuse_kgco2e_per_kg_if_known);
    if (virgin === null) {
      if (reuse !== null) {
        c.report('missing_value', 'virgin_kgco2e_per_kg', 'a reuse factor needs the virgin factor beside it');
      } else if (key !== null) {
        warnings.push({
          file: 'materials',
          line,
          key,
          column: 'virgin_kgco2e_per_kg',
          code: 'no_factor_value',
          message: `no virgin factor: ${key} counts 0 avoided and is flagged "facteur manquant"`,
        });
      }
      continue;
    }
    const labels = c.labels(
      r.material_label_fr,
      r.material_label_en,
      'material_label_fr',
      'material_label_en',
    );
    const sy = c.sourceAndYear(r.source, r.year);
    if (problems.length > before || key === null || virgin === undefined || reuse === undefined) continue;
    if (sy.year === undefined) continue;
    factors.push({
      key,
      ...labels,
      virginKgCo2ePerKg: virgin,
      reuseKgCo2ePerKg: reuse,
      source: sy.source,
      year: sy.year,
      yearApproximate: sy.yearApproximate,
      note: r.note.trim(),
    });
  }
  return { factors, problems, warnings };
}

/** Validates transport rows. The WTT values come from the optional WTT columns, else from the note. */
export function transportFactorsFromRows(
  records: readonly FactorRecord<TransportCsvRow>[],
): RowsResult<TransportFactor> {
  const factors: TransportFactor[] = [];
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const seen = new Set<string>();
  for (const { line, values: r } of records) {
    const key = checkKey('transport', line, 'vehicle_key', r.vehicle_key, seen, problems);
    const before = problems.length;
    const c = rowChecker('transport', line, key, problems);
    const perKm = c.amount('kgco2e_per_vehicle_km', r.kgco2e_per_vehicle_km);
    const perTkm = c.amount('kgco2e_per_tonne_km', r.kgco2e_per_tonne_km);
    if (perKm === null && perTkm === null) {
      if (key !== null) {
        warnings.push({
          file: 'transport',
          line,
          key,
          column: 'kgco2e_per_vehicle_km',
          code: 'no_factor_value',
          message: `no value per vehicle-km nor per tonne-km: ${key} cannot be chosen for a trade`,
        });
      }
      continue;
    }
    const labels = c.labels(r.label_fr, r.label_en, 'label_fr', 'label_en');
    const sy = c.sourceAndYear(r.source, r.year);
    const note = r.note.trim();
    const colKm = c.amount('wtt_kgco2e_per_vehicle_km', r.wtt_kgco2e_per_vehicle_km);
    const colTkm = c.amount('wtt_kgco2e_per_tonne_km', r.wtt_kgco2e_per_tonne_km);
    const fromNote = extractWttFromNote(note);
    let wttKm = colKm ?? null;
    let wttTkm = colTkm ?? null;
    if (fromNote.kind === 'unreadable') {
      c.report(
        'wtt_unreadable',
        'note',
        'the note mentions WTT but its values cannot be read (WTT 0.1/km, 0.2/t.km)',
      );
    } else if (fromNote.kind === 'found') {
      for (const [column, fromColumn, fromText] of [
        ['wtt_kgco2e_per_vehicle_km', colKm, fromNote.perVehicleKm],
        ['wtt_kgco2e_per_tonne_km', colTkm, fromNote.perTonneKm],
      ] as const) {
        if (fromColumn != null && fromText !== null && fromColumn !== fromText) {
          c.report('wtt_conflict', column, `column says ${fromColumn}, note says ${fromText}`);
        }
      }
      wttKm ??= fromNote.perVehicleKm;
      wttTkm ??= fromNote.perTonneKm;
    }
    if (problems.length > before || key === null || perKm === undefined || perTkm === undefined) continue;
    if (sy.year === undefined) continue;
    factors.push({
      key,
      ...labels,
      kgCo2ePerVehicleKm: perKm,
      kgCo2ePerTonneKm: perTkm,
      wttPerVehicleKm: wttKm,
      wttPerTonneKm: wttTkm,
      source: sy.source,
      year: sy.year,
      yearApproximate: sy.yearApproximate,
      note,
    });
  }
  return { factors, problems, warnings };
}

/** Parses one CSV file into named rows, checking the header against the expected columns. */
export function readFactorCsv<Row>(
  file: FactorFile,
  csvText: string,
): { records: FactorRecord<Row>[]; problems: ImportProblem[] } {
  const required: readonly string[] = file === 'materials' ? MATERIAL_CSV_COLUMNS : TRANSPORT_CSV_COLUMNS;
  const optional: readonly string[] = file === 'materials' ? [] : TRANSPORT_CSV_OPTIONAL_COLUMNS;
  const problem = (line: number | null, code: ImportProblemCode, column: string | null, message: string) => ({
    file,
    line,
    key: null,
    column,
    code,
    message,
  });
  const parsed = parseCsv(csvText);
  if (!parsed.ok)
    return { records: [], problems: [problem(parsed.line, 'csv_syntax', null, parsed.message)] };
  const [header, ...rows] = parsed.records;
  if (header === undefined)
    return { records: [], problems: [problem(null, 'empty_file', null, 'the file is empty')] };

  const names = header.fields.map((h) => h.trim());
  const problems: ImportProblem[] = [];
  for (const column of required) {
    if (!names.includes(column))
      problems.push(problem(header.line, 'missing_column', column, `no ${column} column`));
  }
  for (const name of names) {
    if (!required.includes(name) && !optional.includes(name)) {
      problems.push(problem(header.line, 'unknown_column', name, `unexpected column ${name}`));
    }
  }
  if (problems.length > 0) return { records: [], problems };

  const records: FactorRecord<Row>[] = [];
  for (const row of rows) {
    if (row.fields.length !== names.length) {
      problems.push(
        problem(
          row.line,
          'field_count',
          null,
          `${row.fields.length} fields where the header has ${names.length}`,
        ),
      );
      continue;
    }
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      values[name] = row.fields[index] ?? '';
    });
    records.push({ line: row.line, values: values as Row });
  }
  return { records, problems };
}

export interface FactorImportRequest {
  /** The new version's name, e.g. `2027-03-ademe-v2`. */
  version: string;
  /** ISO timestamp with offset, given by the caller (the domain reads no clock). */
  createdAt: string;
  /** Content of a file shaped like emission-factors.csv; omitted = carried over from `previous`. */
  materialsCsv?: string;
  /** Content of a file shaped like transport-factors.csv; omitted = carried over from `previous`. */
  transportCsv?: string;
  /** The version the reviewer compares against (usually the current one). */
  previous?: FactorSet | null;
  /** Every version already stored: a version name is never reused. */
  existingVersions?: readonly string[];
}

export type FactorImportResult =
  | { ok: true; factorSet: FactorSet; warnings: ImportWarning[]; diff: FactorSetDiff | null }
  | { ok: false; problems: ImportProblem[]; warnings: ImportWarning[] };

/**
 * The reviewed import admins use to add a factor version: parses and validates the CSV text,
 * returns the new set and its diff against `previous`, or every problem with its file and line.
 */
export function validateFactorImport(request: FactorImportRequest): FactorImportResult {
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const previous = request.previous ?? null;
  const meta = (code: ImportProblemCode, column: string, message: string): ImportProblem => ({
    file: null,
    line: null,
    key: null,
    column,
    code,
    message,
  });

  if (!factorVersionSchema.safeParse(request.version).success) {
    problems.push(meta('invalid_version', 'version', `"${request.version}" is not a valid version name`));
  } else if (previous?.version === request.version || request.existingVersions?.includes(request.version)) {
    problems.push(meta('version_exists', 'version', `version ${request.version} already exists`));
  }
  if (!z.iso.datetime({ offset: true }).safeParse(request.createdAt).success) {
    problems.push(meta('invalid_created_at', 'createdAt', 'createdAt must be an ISO timestamp with offset'));
  }

  const load = <F, Row>(
    file: FactorFile,
    csvText: string | undefined,
    fromRows: (records: readonly FactorRecord<Row>[]) => RowsResult<F>,
    carried: F[] | undefined,
  ): F[] => {
    if (csvText === undefined) {
      if (carried === undefined) {
        problems.push({
          file,
          line: null,
          key: null,
          column: null,
          code: 'file_missing',
          message: 'file missing',
        });
        return [];
      }
      warnings.push({
        file,
        line: null,
        key: null,
        column: null,
        code: 'carried_over',
        message: `no ${file} file: the factors of ${previous?.version} are kept`,
      });
      return carried;
    }
    const read = readFactorCsv<Row>(file, csvText);
    problems.push(...read.problems);
    const rows = fromRows(read.records);
    problems.push(...rows.problems);
    warnings.push(...rows.warnings);
    return rows.factors;
  };

  const materialFactors = load(
    'materials',
    request.materialsCsv,
    materialFactorsFromRows,
    previous?.materialFactors,
  );
  const transportFactors = load(
    'transport',
    request.transportCsv,
    transportFactorsFromRows,
    previous?.transportFactors,
  );
  if (problems.length > 0) return { ok: false, problems, warnings };

  const factorSet = factorSetSchema.parse({
    version: request.version,
    createdAt: request.createdAt,
    materialFactors,
    transportFactors,
  });
  return { ok: true, factorSet, warnings, diff: previous ? diffFactorSets(previous, factorSet) : null };
}

// ---------------------------------------------------------------------------------------------
// Diff between versions, for the reviewer

export type FactorValue = string | number | boolean | null;

export interface FieldChange {
  field: string;
  from: FactorValue;
  to: FactorValue;
}

export interface KeyedDiff<F> {
  added: F[];
  removed: F[];
  changed: { key: string; changes: FieldChange[] }[];
}

export interface FactorSetDiff {
  fromVersion: string;
  toVersion: string;
  materials: KeyedDiff<MaterialFactor>;
  transport: KeyedDiff<TransportFactor>;
}

function diffKeyed<F extends { key: string }>(before: readonly F[], after: readonly F[]): KeyedDiff<F> {
  const byKey = (list: readonly F[]) => new Map(list.map((f) => [f.key, f]));
  const old = byKey(before);
  const next = byKey(after);
  const sortByKey = (a: F, b: F) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const added = after.filter((f) => !old.has(f.key)).sort(sortByKey);
  const removed = before.filter((f) => !next.has(f.key)).sort(sortByKey);
  const changed: KeyedDiff<F>['changed'] = [];
  for (const f of [...after].sort(sortByKey)) {
    const o = old.get(f.key);
    if (o === undefined) continue;
    const changes: FieldChange[] = [];
    const fields = new Set([...Object.keys(o), ...Object.keys(f)]);
    for (const field of fields) {
      const from = ((o as Record<string, unknown>)[field] ?? null) as FactorValue;
      const to = ((f as Record<string, unknown>)[field] ?? null) as FactorValue;
      if (from !== to) changes.push({ field, from, to });
    }
    if (changes.length > 0) changed.push({ key: f.key, changes });
  }
  return { added, removed, changed };
}

export function diffFactorSets(previous: FactorSet, next: FactorSet): FactorSetDiff {
  return {
    fromVersion: previous.version,
    toVersion: next.version,
    materials: diffKeyed(previous.materialFactors, next.materialFactors),
    transport: diffKeyed(previous.transportFactors, next.transportFactors),
  };
}

/** Builds a factor set from rows already split into named values (the embedded first version);
 * throws on any problem, because embedded data that does not validate is a programming error. */
export function factorSetFromRows(args: {
  version: string;
  createdAt: string;
  materialRows: readonly MaterialCsvRow[];
  transportRows: readonly TransportCsvRow[];
}): { factorSet: FactorSet; warnings: ImportWarning[] } {
  // Rows are numbered as in the CSV files: the header is line 1 and no field spans two lines.
  const numbered = <Row>(rows: readonly Row[]) => rows.map((values, i) => ({ line: i + 2, values }));
  const m = materialFactorsFromRows(numbered(args.materialRows));
  const t = transportFactorsFromRows(numbered(args.transportRows));
  const problems = [...m.problems, ...t.problems];
  if (problems.length > 0) {
    throw new Error(
      `factor set ${args.version} is invalid: ${problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`,
    );
  }
  const factorSet = factorSetSchema.parse({
    version: args.version,
    createdAt: args.createdAt,
    materialFactors: m.factors,
    transportFactors: t.factors,
  });
  return { factorSet, warnings: [...m.warnings, ...t.warnings] };
}
