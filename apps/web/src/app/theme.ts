import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A forest green for "reuse" and a warm wood accent; 10 shades each as Mantine expects.
const forest: MantineColorsTuple = [
  '#eef7f1',
  '#dcebe2',
  '#b6d6c3',
  '#8cc0a2',
  '#6aad86',
  '#54a174',
  '#47996a',
  '#388558',
  '#2f6f4f',
  '#1f5a3d',
];
const wood: MantineColorsTuple = [
  '#fdf4e7',
  '#f6e6d0',
  '#ecca9f',
  '#e0a458',
  '#d89545',
  '#d3872f',
  '#d08022',
  '#b86d15',
  '#a4600f',
  '#8f5104',
];

export const theme = createTheme({
  primaryColor: 'forest',
  primaryShade: { light: 8, dark: 5 },
  colors: { forest, wood },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
});
