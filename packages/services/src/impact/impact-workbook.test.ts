import type { CsvColumn } from '@retaille/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { impactWorkbook, numberFormat, sheet, sheetName, typedCell } from './impact-workbook.ts';

interface Row {
  label: string;
  massKg: number;
  share: number;
  at: string;
  month: string;
  demo: boolean;
}
const columns: CsvColumn<Row>[] = [
  { header: { fr: 'Libellé', en: 'Label' }, value: (r) => r.label },
  { header: { fr: 'Masse (kg)', en: 'Mass (kg)' }, value: (r) => r.massKg, decimals: 1 },
  { header: { fr: 'Part ≤ 30 km', en: 'Share ≤ 30 km' }, value: (r) => r.share, decimals: 3 },
  { header: { fr: 'Terminé le', en: 'Completed at' }, value: (r) => r.at },
  { header: { fr: 'Mois', en: 'Month' }, value: (r) => r.month },
  { header: { fr: 'Démo', en: 'Demo' }, value: (r) => r.demo },
];
const rows: Row[] = [
  {
    label: '=HYPERLINK("x")',
    massKg: 1234.5678,
    share: 0.45678,
    at: '2026-03-04T10:30:00.000Z',
    month: '2026-03',
    demo: true,
  },
  { label: 'Métiers d’art', massKg: 0.04, share: 1, at: 'pas une date', month: '2026-13', demo: false },
];

async function readBack(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

describe('impact workbook', () => {
  it('writes a cover and one sheet per table, with typed cells in French formats', async () => {
    const cover = sheet({
      name: 'Méthode et sources',
      columns: [
        { header: { fr: 'Rubrique', en: 'Item' }, value: (r: { item: string }) => r.item },
      ] as CsvColumn<{ item: string }>[],
      rows: [{ item: 'Source' }],
    });
    const data = sheet({ name: 'Famille de matière', columns, rows, percent: ['Share ≤ 30 km'] });
    const book = await readBack(await impactWorkbook([cover, data], 'fr', new Date('2026-05-01T00:00:00Z')));
    expect(book.worksheets.map((w) => w.name)).toEqual(['Méthode et sources', 'Famille de matière']);
    const ws = book.getWorksheet('Famille de matière')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Libellé',
      'Masse (kg)',
      'Part ≤ 30 km',
      'Terminé le',
      'Mois',
      'Démo',
    ]);
    const first = ws.getRow(2);
    // A formula-looking label stays text (never a formula cell).
    expect(first.getCell(1).value).toBe('=HYPERLINK("x")');
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(2).value).toBe(1234.6);
    expect(first.getCell(2).numFmt).toBe('#,##0.0');
    expect(first.getCell(3).value).toBe(0.457);
    expect(first.getCell(3).numFmt).toBe('0.0%');
    expect(first.getCell(4).value).toEqual(new Date('2026-03-04T10:30:00.000Z'));
    expect(first.getCell(4).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(first.getCell(5).value).toEqual(new Date('2026-03-01T00:00:00.000Z'));
    expect(first.getCell(5).numFmt).toBe('mm/yyyy');
    expect(first.getCell(6).value).toBe('oui');
    const second = ws.getRow(3);
    expect(second.getCell(1).value).toBe('Métiers d’art');
    expect(second.getCell(2).value).toBe(0);
    expect(second.getCell(4).value).toBe('pas une date');
    expect(second.getCell(5).value).toBe('2026-13');
    expect(second.getCell(6).value).toBe('non');
  });

  it('uses English headers and ISO-like dates in English', async () => {
    const book = await readBack(
      await impactWorkbook([sheet({ name: 'Lines', columns, rows })], 'en', new Date()),
    );
    const ws = book.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Mass (kg)');
    expect(ws.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(2).getCell(6).value).toBe('yes');
  });
});

describe('cells and names', () => {
  it.each([
    [0, false, '#,##0'],
    [2, false, '#,##0.00'],
    [1, true, '0.0%'],
  ] as const)('numberFormat(%s, %s) = %s', (decimals, percent, format) => {
    expect(numberFormat(decimals, percent)).toBe(format);
  });

  it('drops non-finite numbers and negative zero', () => {
    expect(typedCell(Number.NaN, 1, 'fr').value).toBeNull();
    expect(typedCell(Number.POSITIVE_INFINITY, 1, 'fr').value).toBeNull();
    expect(Object.is(typedCell(-0.0001, 1, 'fr').value, 0)).toBe(true);
    expect(typedCell(['v1', 'v2'], 0, 'fr').value).toBe('v1 | v2');
  });

  it('keeps sheet names within Excel’s rules and unique', () => {
    const taken = new Set<string>();
    expect(sheetName('Échanges: 2026/03 [x]?', taken)).toBe('Échanges- 2026-03 -x--');
    const long = 'Une ventilation au nom vraiment beaucoup trop long';
    const a = sheetName(long, taken);
    const b = sheetName(long, taken);
    expect(a).toHaveLength(31);
    expect(b).not.toBe(a);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(sheetName('', taken)).toBe('Feuille');
  });
});
