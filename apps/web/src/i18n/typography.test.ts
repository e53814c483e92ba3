import { describe, expect, it } from 'vitest';
import { frenchTypography } from '../lib/typography.ts';
import { resources } from './locale.fr.ts';

/** Every string of a dictionary, with its key path. */
function* strings(node: unknown, path: string): Generator<[string, string]> {
  if (typeof node === 'string') yield [path, node];
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) yield* strings(v, path ? `${path}.${k}` : k);
}

describe('French dictionaries, as shown (after the typography post-processor)', () => {
  const all = [...strings(resources, '')];

  it('has texts to check', () => {
    expect(all.length).toBeGreaterThan(300);
  });

  it('has no ordinary space before « : ; ! ? » or inside « guillemets », and no straight apostrophe in words', () => {
    const bad = all
      .map(([key, text]) => [key, frenchTypography(text)] as const)
      .filter(
        ([, shown]) =>
          / [:;!?](\s|$)/.test(shown) ||
          /«(?!\u00a0)/.test(shown) ||
          /(?<!\u00a0)»/.test(shown) ||
          /\p{L}'\p{L}/u.test(shown),
      );
    expect(bad).toEqual([]);
  });
});
