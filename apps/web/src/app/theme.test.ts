import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, theme } from './theme.ts';

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    const f = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('light-variant text colours', () => {
  const light = cssVariablesResolver({ ...DEFAULT_THEME, ...theme } as never).light;
  const shade = (c: string, i: number) => (DEFAULT_THEME.colors[c] as readonly string[])[i]!;

  it.each(['yellow', 'orange', 'lime'])(
    '%s alerts and badges are readable on their pale shades (AA)',
    (c) => {
      const text = light[`--mantine-color-${c}-light-color`]!;
      expect(text).toMatch(/^#[0-9a-f]{6}$/);
      for (const i of [0, 1, 2]) expect(contrast(text, shade(c, i))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('the darkest default shade of yellow would not be (the reason for the override)', () => {
    expect(contrast(shade('yellow', 9), shade('yellow', 1))).toBeLessThan(4.5);
  });
});
