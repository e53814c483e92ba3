/**
 * A tiny RFC 4180 CSV reader for the reviewed factor import: comma separator, fields quoted with
 * `"` (which may contain commas, line breaks and doubled quotes `""`), CRLF or LF line ends, an
 * optional UTF-8 byte-order mark. Blank lines are skipped. Strict on malformed quoting, because a
 * silently shifted column in a factor file would shift emission figures.
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export type CsvParseResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; line: number; message: string };

export function parseCsv(input: string): CsvParseResult {
  const text = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;

  while (i < n) {
    if (text[i] === '\n') {
      i++;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) return { ok: false, line: quoteLine, message: 'unterminated quoted field' };
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n') {
          return { ok: false, line, message: 'unexpected character after a closing quote' };
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n') {
          if (text[i] === '"') {
            return { ok: false, line, message: 'quote inside an unquoted field (quote the whole field)' };
          }
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push({ line: startLine, fields });
    if (text[i] === '\n') {
      i++;
      line++;
    }
  }
  return { ok: true, records };
}

/** A column of an exported CSV: its header in each language and how to read a row's cell. */
export interface CsvColumn<R> {
  header: { fr: string; en: string };
  value: (row: R) => unknown;
  /** Decimals kept for numbers (rounded half away from zero, trailing zeros dropped); 3 if absent. */
  decimals?: number;
}

/**
 * A CSV that opens as expected in Excel for the given language: UTF-8 byte-order mark (without it
 * Excel reads « Multi-filiÃ¨res »), CRLF line ends, and in French the semicolon separator with a
 * decimal comma (French Excel splits on `;` and reads `12,5` as a number), in English the comma
 * with a decimal point. Numbers are rounded (no 16-decimal floats), booleans are words, lists are
 * joined with « | », and a cell starting with = + - @ is prefixed with ' unless it is a number (a
 * formula in an export must not run on the reader's machine).
 */
export function toExcelCsv<R>(
  columns: readonly CsvColumn<R>[],
  rows: readonly R[],
  locale: 'fr' | 'en',
): string {
  const sep = locale === 'fr' ? ';' : ',';
  const yes = locale === 'fr' ? 'oui' : 'yes';
  const no = locale === 'fr' ? 'non' : 'no';
  const cell = (v: unknown, decimals: number): string => {
    if (v === null || v === undefined) return '';
    let s: string;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return '';
      const f = 10 ** decimals;
      const rounded = (Math.sign(v) * Math.round(Math.abs(v) * f)) / f;
      s = String(Object.is(rounded, -0) ? 0 : rounded);
      if (locale === 'fr') s = s.replace('.', ',');
      return s;
    }
    if (typeof v === 'boolean') return v ? yes : no;
    if (v instanceof Date) s = v.toISOString();
    else if (Array.isArray(v)) s = v.join(' | ');
    else s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [columns.map((c) => cell(c.header[locale], 0)).join(sep)];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r), c.decimals ?? 3)).join(sep));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
