import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it.each([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
      [1, 2],
    ],
    [
      'no final newline',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
      [1, 2],
    ],
    [
      'quoted field with commas',
      'k,"Bois (moyenne, construction)",x',
      [['k', 'Bois (moyenne, construction)', 'x']],
      [1],
    ],
    ['doubled quotes', 'k,"say ""hi""",""""', [['k', 'say "hi"', '"']], [1]],
    ['empty fields, empty quoted field, trailing comma', 'a,,"",\n', [['a', '', '', '']], [1]],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
      [1, 2],
    ],
    [
      'byte-order mark',
      '\uFEFFmaterial_key,x\nk,1',
      [
        ['material_key', 'x'],
        ['k', '1'],
      ],
      [1, 2],
    ],
    ['blank lines skipped, lines still counted', 'a\n\n\nb\n\n', [['a'], ['b']], [1, 4]],
    [
      'line break inside quotes keeps the next record on its real line',
      'a,"two\nlines"\nb,c\n',
      [
        ['a', 'two\nlines'],
        ['b', 'c'],
      ],
      [1, 3],
    ],
    ['CRLF inside quotes becomes LF', 'a,"x\r\ny"', [['a', 'x\ny']], [1]],
    ['apostrophes need no quoting', "k,'Material use' (UK)", [['k', "'Material use' (UK)"]], [1]],
    ['only spaces stay a field', ' , ', [[' ', ' ']], [1]],
    ['empty input', '', [], []],
  ])('%s', (_name, text, fields, lines) => {
    const result = parseCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records.map((r) => r.fields)).toEqual(fields);
    expect(result.records.map((r) => r.line)).toEqual(lines);
  });

  it.each([
    [
      'unterminated quote, reported where it opens',
      'a,b\nc,"open\nstill open',
      2,
      'unterminated quoted field',
    ],
    ['text after a closing quote', 'a,b\n"x"y,z', 2, 'unexpected character after a closing quote'],
    [
      'quote inside an unquoted field',
      'a\nb\nsay "hi"',
      3,
      'quote inside an unquoted field (quote the whole field)',
    ],
  ])('rejects %s', (_name, text, line, message) => {
    expect(parseCsv(text)).toEqual({ ok: false, line, message });
  });
});
