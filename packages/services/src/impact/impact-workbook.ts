/**
 * The impact export as an Excel workbook (.xlsx, through exceljs): a cover sheet with the method,
 * the period, the filters and the factor sources, then one sheet per table (the totals and each
 * breakdown, or the impact lines). Cells are typed, not text: numbers stay numbers with a format
 * (`# ##0,0`, percentages) that Excel shows with the reader's own separators, so French Excel
 * reads « 1 234,5 » and can sum the column; ISO dates and `YYYY-MM` months become date cells shown
 * `jj/mm/aaaa hh:mm` and `mm/aaaa` in French. The columns are the CSV's (same headers, labels
 * instead of keys, same rounding), so both files say the same thing.
 */
import type { CsvColumn } from '@retaille/domain';

export interface WorkbookSheet<R> {
  /** Excel's limits: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  columns: readonly CsvColumn<R>[];
  rows: readonly R[];
  /** Header keys shown as percentages (the value is a share between 0 and 1). */
  percent?: readonly string[];
}

type Locale = 'fr' | 'en';

/** A sheet whose row type is erased, so sheets of different rows go in one list. */
export interface PreparedSheet {
  name: string;
  headers: readonly CsvColumn<unknown>['header'][];
  /** Each row as its cells' raw values and decimals. */
  cells: readonly (readonly { value: unknown; decimals: number; percent: boolean }[])[];
}

export function sheet<R>(s: WorkbookSheet<R>): PreparedSheet {
  return {
    name: s.name,
    headers: s.columns.map((c) => c.header),
    cells: s.rows.map((r) =>
      s.columns.map((c) => ({
        value: c.value(r),
        decimals: c.decimals ?? 3,
        percent: s.percent?.includes(c.header.en) ?? false,
      })),
    ),
  };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A safe sheet name: forbidden characters replaced, 31 characters at most, unique in the book. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Feuille';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Excel's number format for `decimals` decimals: thousands grouped, separators from the reader's locale. */
export function numberFormat(decimals: number, percent = false): string {
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return percent ? `0${fraction}%` : `#,##0${fraction}`;
}

/** One cell's value and format, as exceljs takes them. */
export function typedCell(
  value: unknown,
  decimals: number,
  locale: Locale,
  percent = false,
): { value: string | number | Date | null; numFmt?: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { value: null };
    // Percentages keep two more digits: 0.4567 shown « 45,7 % » with one decimal.
    const kept = percent ? Math.max(0, decimals - 2) : decimals;
    const f = 10 ** (percent ? kept + 2 : kept);
    const rounded = (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
    return { value: Object.is(rounded, -0) ? 0 : rounded, numFmt: numberFormat(kept, percent) };
  }
  if (typeof value === 'boolean')
    return { value: value ? (locale === 'fr' ? 'oui' : 'yes') : locale === 'fr' ? 'non' : 'no' };
  if (value instanceof Date) return { value, numFmt: dateFormat(locale) };
  if (Array.isArray(value)) return { value: value.join(' | ') };
  const s = String(value);
  if (ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)))
    return { value: new Date(s), numFmt: dateFormat(locale) };
  if (MONTH.test(s))
    return { value: new Date(`${s}-01T00:00:00Z`), numFmt: locale === 'fr' ? 'mm/yyyy' : 'yyyy-mm' };
  return { value: s };
}

const dateFormat = (locale: Locale) => (locale === 'fr' ? 'dd/mm/yyyy hh:mm' : 'yyyy-mm-dd hh:mm');

/** The workbook's bytes. exceljs is loaded on the first export, not when the server starts. */
export async function impactWorkbook(
  sheets: readonly PreparedSheet[],
  locale: Locale,
  created: Date,
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Retaille';
  book.created = created;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const headers = sheet.headers.map((h) => h[locale]);
    ws.addRow(headers).font = { bold: true };
    const widths = headers.map((h) => Math.min(60, Math.max(10, h.length + 2)));
    for (const cells of sheet.cells) {
      const row = ws.addRow([]);
      cells.forEach((c, i) => {
        const cell = typedCell(c.value, c.decimals, locale, c.percent);
        const target = row.getCell(i + 1);
        target.value = cell.value;
        if (cell.numFmt) target.numFmt = cell.numFmt;
        const shown = cell.value instanceof Date ? 16 : String(cell.value ?? '').length + 2;
        widths[i] = Math.min(60, Math.max(widths[i]!, shown));
      });
    }
    ws.columns.forEach((column, i) => {
      column.width = widths[i];
    });
  }
  const buffer = await book.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
