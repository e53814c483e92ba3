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
