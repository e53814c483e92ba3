/** French users type `2,5`: the server parses decimals exactly with a dot. */
export const decimalInput = (v: string | number): string | number =>
  typeof v === 'string' ? v.replace(',', '.') : v;
