import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_CODE, INSEE_CODE } from './codes.ts';

describe('INSEE_CODE', () => {
  it.each(['69123', '2A004', '2B033', '97411', '01001'])('accepts %s', (code) => {
    expect(INSEE_CODE.test(code)).toBe(true);
  });
  it.each(['6912', '691230', '2C004', 'A9123', '69 123', '', '69123\n'])('refuses %j', (code) => {
    expect(INSEE_CODE.test(code)).toBe(false);
  });
});

describe('DEPARTEMENT_CODE', () => {
  it.each(['69', '01', '2A', '2B', '971', '976'])('accepts %s', (code) => {
    expect(DEPARTEMENT_CODE.test(code)).toBe(true);
  });
  it.each(['6', '690', '2C', '981', 'AB', ''])('refuses %j', (code) => {
    expect(DEPARTEMENT_CODE.test(code)).toBe(false);
  });
});
