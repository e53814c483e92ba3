// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  canHydrate,
  readServerState,
  SERVER_STATE_ID,
  seedQueries,
  serverStateScript,
} from './server-state.ts';

function pageWith(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
}

describe('server state', () => {
  it('carries the server’s queries to the browser’s cache, even a value that would close the script', async () => {
    const server = new QueryClient();
    server.setQueryData(
      ['lots', { sort: 'newest' }],
      { title: 'Chutes </script><script>alert(1)</script>' },
      {
        updatedAt: 1_000,
      },
    );
    server.setQueryData(['account.me'], null, { updatedAt: 2_000 });
    // A query that failed is not sent: the browser asks again.
    await server
      .prefetchQuery({ queryKey: ['broken'], queryFn: () => Promise.reject(new Error('down')) })
      .catch(() => {});
    const script = serverStateScript(server);
    expect(script).not.toContain('</script><script>');
    const doc = pageWith(`<div id="root"></div>${script}`);
    expect(doc.scripts).toHaveLength(1);

    const browser = new QueryClient();
    seedQueries(browser, readServerState(doc)!);
    expect(browser.getQueryData(['lots', { sort: 'newest' }])).toEqual({
      title: 'Chutes </script><script>alert(1)</script>',
    });
    expect(browser.getQueryState(['lots', { sort: 'newest' }])?.dataUpdatedAt).toBe(1_000);
    expect(browser.getQueryState(['account.me'])).toMatchObject({ data: null, status: 'success' });
    expect(browser.getQueryState(['broken'])).toBeUndefined();
  });

  it('is absent from a page without it, or with something else under its id', () => {
    expect(readServerState(pageWith('<div id="root"></div>'))).toBeUndefined();
    for (const text of ['{not json', '{"queries":[]}', '[{"queryKey":"lots","updatedAt":1}]']) {
      const page = pageWith(`<script type="application/json" id="${SERVER_STATE_ID}">${text}</script>`);
      expect(readServerState(page)).toBeUndefined();
    }
  });

  it('lets the browser adopt the server’s DOM only for what the server rendered: French, phone width', () => {
    expect(canHydrate([], { locale: 'fr', wide: false })).toBe(true);
    expect(canHydrate([], { locale: 'en', wide: false })).toBe(false);
    expect(canHydrate([], { locale: 'fr', wide: true })).toBe(false);
    expect(canHydrate(undefined, { locale: 'fr', wide: false })).toBe(false);
  });
});
