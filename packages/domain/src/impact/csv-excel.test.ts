import { describe, expect, it } from 'vitest';
import { type CsvColumn, parseCsv, toExcelCsv } from './csv.ts';

interface Row {
  sector: string;
  massKg: number;
  demo: boolean;
  flags: string[];
}
const columns: CsvColumn<Row>[] = [
  { header: { fr: 'Filière', en: 'Sector' }, value: (r) => r.sector },
  { header: { fr: 'Masse (kg)', en: 'Mass (kg)' }, value: (r) => r.massKg, decimals: 1 },
  { header: { fr: 'Démo', en: 'Demo' }, value: (r) => r.demo },
  { header: { fr: 'Signaux', en: 'Flags' }, value: (r) => r.flags },
];
const rows: Row[] = [
  { sector: "Métiers d'art", massKg: 374.0871693656034, demo: true, flags: ['a', 'b'] },
  { sector: 'Bois; massif', massKg: -0.04, demo: false, flags: [] },
  { sector: '=HYPERLINK("x")', massKg: 12, demo: false, flags: [] },
];

describe('toExcelCsv', () => {
  it('writes what French Excel opens: BOM, semicolons, decimal comma, rounded numbers, CRLF', () => {
    const csv = toExcelCsv(columns, rows, 'fr');
    expect(csv.startsWith('\uFEFFFilière;Masse (kg);Démo;Signaux\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe("Métiers d'art;374,1;oui;a | b");
    // A separator inside a cell is quoted; -0.04 rounds to 0, never "-0".
    expect(lines[2]).toBe('"Bois; massif";0;non;');
    // A formula is neutralised.
    expect(lines[3]).toBe('"\'=HYPERLINK(""x"")";12;non;');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes commas and decimal points in English, and reads back as the same cells', () => {
    const csv = toExcelCsv(columns, rows.slice(0, 1), 'en');
    expect(csv).toBe("\uFEFFSector,Mass (kg),Demo,Flags\r\nMétiers d'art,374.1,yes,a | b\r\n");
    const parsed = parseCsv(csv);
    expect(parsed.ok && parsed.records[1]?.fields).toEqual(["Métiers d'art", '374.1', 'yes', 'a | b']);
  });
});
