import {
  Anchor,
  type CSSVariablesResolver,
  createTheme,
  Loader,
  type MantineColorsTuple,
} from '@mantine/core';

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
  // Shade 9 in light mode: every filled colour (and its `c="red"` text) keeps white text and
  // text on the page background above WCAG AA (4.5:1); shade 8 of Mantine's red is 4.48:1.
  primaryShade: { light: 9, dark: 5 },
  colors: { forest, wood },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    // A link inside a sentence must not be told apart by its colour alone (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Loaders carry an aria-label: a labelled <span> needs a role (status: read when it appears).
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
    // A table wider than a phone scrolls sideways: keyboard users must be able to focus it.
    // (A plain object, not TableScrollContainer.extend: importing the table here would put it in
    // the first bundle.)
    TableScrollContainer: { defaultProps: { type: 'native', tabIndex: 0 } },
  },
});

/** The background of the pages (Layout.module.css `.main`). */
export const PAGE_BACKGROUND = '#faf8f4';

const lightVariantColours = [
  'forest',
  'wood',
  'red',
  'gray',
  'blue',
  'green',
  'orange',
  'yellow',
  'teal',
  'grape',
  'cyan',
  'indigo',
  'violet',
  'pink',
  'lime',
  'dark',
];

/** Text on the light variant of yellow, orange and lime (contrast 6.1–6.6:1 on their shades 0–2). */
const deepText = { yellow: '#7a4b00', orange: '#9a3412', lime: '#3f6212' } as const;

/**
 * Text colours that meet WCAG AA on this theme's backgrounds: Mantine's "dimmed" grey (#868e96,
 * 3.13:1 on the page background) becomes #5c636a (5.74:1, 6.09:1 on white), and the text of
 * `variant="light"` buttons, badges and alerts uses the darkest shade of its colour.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#5c636a',
    ...Object.fromEntries(
      lightVariantColours.map((c) => [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`]),
    ),
    ...Object.fromEntries(
      lightVariantColours.map((c) => [`--mantine-color-${c}-outline`, `var(--mantine-color-${c}-9)`]),
    ),
    // The bright families' darkest shade is still too light on their pale background (yellow-9
    // #e67700 on #fff3bf is 2.7:1): a deeper tone of the same hue, 6:1 and more.
    ...Object.fromEntries(
      Object.entries(deepText).flatMap(([c, v]) => [
        [`--mantine-color-${c}-light-color`, v],
        [`--mantine-color-${c}-outline`, v],
      ]),
    ),
  },
  dark: {},
});
