import { describe, expect, it, vi } from 'vitest';
import { fillShell, type LotsRenderer, ServerRenderedLots } from './server-rendered-page.ts';

const SHELL = '<head></head><body><div id="root"></div></body>';

function setup(ttlMs: number) {
  let clock = 1_000;
  let searches = 0;
  const renderer: LotsRenderer = {
    lotsFirstSearch: () => ({ sort: 'newest', limit: 20 }),
    renderLots: vi.fn(async (mode, page) => ({
      markup: `<main>${mode} ${JSON.stringify(page)}</main>`,
      stateScript: '<script type="application/json" id="s">{}</script>',
    })),
  };
  const search = vi.fn(async (input: unknown) => {
    searches++;
    return { input, at: new Date(Date.UTC(2026, 0, 1)), search: searches, skipped: undefined };
  });
  const page = new ServerRenderedLots({
    load: async () => renderer,
    shell: async () => SHELL,
    search,
    mode: 'simulation',
    ttlMs,
    now: () => clock,
  });
  return { page, search, renderer, tick: (ms: number) => (clock += ms) };
}

describe('fillShell', () => {
  it('puts the markup in #root and the state after it', () => {
    expect(fillShell(SHELL, '<p>$& lots</p>', '<script>s</script>')).toBe(
      '<head></head><body><div id="root"><p>$& lots</p></div>\n    <script>s</script></body>',
    );
  });

  it('refuses a shell whose #root is not empty', () => {
    expect(() => fillShell('<div id="root">x</div>', 'm', 's')).toThrow(/no empty #root/);
  });
});

describe('ServerRenderedLots', () => {
  it('renders the first search as the browser would receive it, in the server’s payment mode', async () => {
    const { page, search } = setup(2_000);
    const html = await page.html();
    expect(search).toHaveBeenCalledWith({ sort: 'newest', limit: 20 });
    expect(html).toContain(
      '<div id="root"><main>simulation {"input":{"sort":"newest","limit":20},"at":"2026-01-01T00:00:00.000Z","search":1}</main></div>',
    );
  });

  it('shares one render between concurrent visits and for ttlMs, then renders again', async () => {
    const { page, search, tick } = setup(2_000);
    const [a, b] = await Promise.all([page.html(), page.html()]);
    expect(a).toBe(b);
    tick(1_999);
    expect(await page.html()).toBe(a);
    expect(search).toHaveBeenCalledTimes(1);
    tick(1);
    expect(await page.html()).toContain('"search":2');
  });

  it('renders on each visit with no ttl, and keeps no failed render', async () => {
    const { page, search } = setup(0);
    await page.html();
    await page.html();
    expect(search).toHaveBeenCalledTimes(2);
    search.mockRejectedValueOnce(new Error('database down'));
    await expect(page.html()).rejects.toThrow('database down');
    expect(await page.html()).toContain('"search":3');
  });
});
