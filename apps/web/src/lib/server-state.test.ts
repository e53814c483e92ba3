// @vitest-environment jsdom
import { dehydrate, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { canHydrate, readServerState, SERVER_STATE_ID, serverStateScript } from './server-state.ts';

function pageWith(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
}

describe('server state', () => {
  it('round-trips a query cache through the page, even a value that would close the script', () => {
    const client = new QueryClient();
    client.setQueryData(['lots'], { title: 'Chutes </script><script>alert(1)</script>' });
    const script = serverStateScript(dehydrate(client));
    expect(script).not.toContain('</script><script>');
    const doc = pageWith(`<div id="root"></div>${script}`);
    expect(doc.scripts).toHaveLength(1);
    const state = readServerState(doc);
    expect(state?.queries[0]?.state.data).toEqual({ title: 'Chutes </script><script>alert(1)</script>' });
  });

  it('is absent from a page without it, or with something else under its id', () => {
    expect(readServerState(pageWith('<div id="root"></div>'))).toBeUndefined();
    const broken = `<script type="application/json" id="${SERVER_STATE_ID}">{not json</script>`;
    expect(readServerState(pageWith(broken))).toBeUndefined();
    const other = `<script type="application/json" id="${SERVER_STATE_ID}">{"queries":3}</script>`;
    expect(readServerState(pageWith(other))).toBeUndefined();
  });

  it('lets the browser adopt the server’s DOM only for what the server rendered: French, phone width', () => {
    const state = dehydrate(new QueryClient());
    expect(canHydrate(state, { locale: 'fr', wide: false })).toBe(true);
    expect(canHydrate(state, { locale: 'en', wide: false })).toBe(false);
    expect(canHydrate(state, { locale: 'fr', wide: true })).toBe(false);
    expect(canHydrate(undefined, { locale: 'fr', wide: false })).toBe(false);
  });
});
