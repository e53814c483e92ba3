import { z } from 'zod';
import {
  isMaterialFamilyKey,
  isMaterialKey,
  type MaterialKey,
  materials,
  materialsOfFamily,
} from '../materials/taxonomy.ts';
import { DIMENSION_LIMITS, type UnitKey, unitKeys, validateQuantity } from '../materials/units.ts';
import { DomainError, type FieldProblem } from '../shared/errors.ts';

/**
 * A designer's bill of materials: lines of a material (or a whole family) with the substitutes
 * they accept, a quantity in a unit, and the smallest piece they can use. Validated against the
 * materials taxonomy; refused with DomainError VALIDATION `sourcing.invalidBom` and one field
 * problem per cause (unknown material, zero or fractional quantity, impossible dimension).
 */

export const MAX_BOM_LINES = 200;

export const bomLineSchema = z.object({
  id: z.string().min(1).max(100),
  /** A material key, or a family key (`wood`, `textile`…) meaning any material of the family. */
  material: z.string().min(1).max(100),
  /** Material keys also accepted. */
  substitutes: z.array(z.string().min(1).max(100)).max(50).default([]),
  quantity: z.number(),
  unit: z.enum(unitKeys),
  minLengthMm: z.number().optional(),
  minWidthMm: z.number().optional(),
  minThicknessMm: z.number().optional(),
});
export type BomLineInput = z.input<typeof bomLineSchema>;

export interface BomLine {
  id: string;
  /** Every material key the line accepts (the material or family, and the substitutes). */
  accepted: MaterialKey[];
  quantity: number;
  unit: UnitKey;
  minLengthMm: number | null;
  minWidthMm: number | null;
  minThicknessMm: number | null;
}

const DIMENSIONS = [
  ['minLengthMm', DIMENSION_LIMITS.lengthMm],
  ['minWidthMm', DIMENSION_LIMITS.widthMm],
  ['minThicknessMm', DIMENSION_LIMITS.thicknessMm],
] as const;

function acceptedOf(key: string): MaterialKey[] | null {
  if (isMaterialKey(key)) return [key];
  if (isMaterialFamilyKey(key)) return materialsOfFamily(key).map((m) => m.key);
  return null;
}

/** The validated lines, or a refusal listing every problem. */
export function parseBom(raw: readonly unknown[]): BomLine[] {
  const problems: FieldProblem[] = [];
  if (raw.length === 0) problems.push({ path: 'lines', key: 'sourcing.emptyBom' });
  if (raw.length > MAX_BOM_LINES)
    problems.push({ path: 'lines', key: 'sourcing.tooManyLines', params: { max: MAX_BOM_LINES } });
  const lines: BomLine[] = [];
  const ids = new Set<string>();
  raw.forEach((item, i) => {
    const parsed = bomLineSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ path: `lines.${i}.${issue.path.join('.')}`, key: 'sourcing.invalidLine' });
      }
      return;
    }
    const line = parsed.data;
    if (ids.has(line.id)) problems.push({ path: `lines.${i}.id`, key: 'sourcing.duplicateId' });
    ids.add(line.id);
    const accepted = new Set<MaterialKey>();
    const main = acceptedOf(line.material);
    if (main === null) problems.push({ path: `lines.${i}.material`, key: 'sourcing.unknownMaterial' });
    else for (const k of main) accepted.add(k);
    line.substitutes.forEach((s, k) => {
      const subs = acceptedOf(s);
      if (subs === null)
        problems.push({ path: `lines.${i}.substitutes.${k}`, key: 'sourcing.unknownMaterial' });
      else for (const m of subs) accepted.add(m);
    });
    problems.push(...validateQuantity(line.quantity, line.unit, `lines.${i}.quantity`));
    for (const [field, max] of DIMENSIONS) {
      const v = line[field];
      if (v === undefined) continue;
      if (!Number.isFinite(v) || v <= 0 || v > max) {
        problems.push({ path: `lines.${i}.${field}`, key: 'sourcing.impossibleDimension', params: { max } });
      }
    }
    lines.push({
      id: line.id,
      accepted: [...accepted].sort(),
      quantity: line.quantity,
      unit: line.unit,
      minLengthMm: line.minLengthMm ?? null,
      minWidthMm: line.minWidthMm ?? null,
      minThicknessMm: line.minThicknessMm ?? null,
    });
  });
  if (problems.length > 0) throw new DomainError('VALIDATION', 'sourcing.invalidBom', { fields: problems });
  return lines;
}

const CSV_COLUMNS = [
  'id',
  'material',
  'quantity',
  'unit',
  'min_length_mm',
  'min_width_mm',
  'min_thickness_mm',
  'substitutes',
];

function splitCsvLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Lines of a CSV bill of materials (comma or semicolon separated, as French spreadsheets export
 * it), with a header naming the columns `id, material, quantity, unit, min_length_mm,
 * min_width_mm, min_thickness_mm, substitutes` (`id` optional: the row number; substitutes
 * separated by `|`; decimal comma accepted). Material names may also be their French or English
 * label. The rows are raw input for `parseBom`, which validates them.
 */
export function bomLinesFromCsv(text: string): BomLineInput[] {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (rows.length === 0) return [];
  const header = rows[0]!;
  const separator = header.split(';').length > header.split(',').length ? ';' : ',';
  const columns = splitCsvLine(header, separator).map((c) => c.toLowerCase());
  const problems: FieldProblem[] = [];
  if (!columns.includes('material') || !columns.includes('quantity') || !columns.includes('unit')) {
    problems.push({ path: 'csv', key: 'sourcing.csvHeader', params: { columns: CSV_COLUMNS.join(', ') } });
    throw new DomainError('VALIDATION', 'sourcing.invalidBom', { fields: problems });
  }
  const num = (s: string | undefined) =>
    s === undefined || s === '' ? undefined : Number(s.replace(/\s/g, '').replace(',', '.'));
  return rows.slice(1).map((row, r) => {
    const cells = splitCsvLine(row, separator);
    const get = (name: string) => {
      const k = columns.indexOf(name);
      return k < 0 ? undefined : cells[k];
    };
    const materialCell = get('material') ?? '';
    const unitCell = (get('unit') ?? '').toLowerCase().replace('²', '2').replace('³', '3');
    return {
      id: get('id') || `row-${r + 2}`,
      material: resolveMaterialName(materialCell),
      substitutes: (get('substitutes') ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(resolveMaterialName),
      quantity: num(get('quantity')) ?? Number.NaN,
      unit: unitCell as UnitKey,
      minLengthMm: num(get('min_length_mm')),
      minWidthMm: num(get('min_width_mm')),
      minThicknessMm: num(get('min_thickness_mm')),
    };
  });
}

/** A key as is, or the key of the material whose French or English label matches (case-insensitive). */
function resolveMaterialName(name: string): string {
  if (isMaterialKey(name) || isMaterialFamilyKey(name)) return name;
  const folded = name.trim().toLowerCase();
  const hit = materials.find(
    (m) => m.label.fr.toLowerCase() === folded || m.label.en.toLowerCase() === folded,
  );
  return hit?.key ?? name;
}
