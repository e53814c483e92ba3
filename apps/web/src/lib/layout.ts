/** Where the wide layout starts (Mantine's `md`): the map beside the list, side-by-side panels. */
export const WIDE_LAYOUT_QUERY = '(min-width: 62em)';
