import type { BrowserContext } from 'playwright-core';
import type { RunningApp } from './app.ts';

/**
 * Procedure calls over HTTP with a browser context's session, as the web app makes them (no
 * transformer: the answer is `result.data`). Used by the specs to prepare data the page then shows.
 */
export async function trpcQuery<T>(
  context: BrowserContext,
  app: RunningApp,
  path: string,
  input?: unknown,
): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const r = await context.request.get(`${app.url}/trpc/${path}${q}`);
  if (!r.ok()) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
  return ((await r.json()) as { result: { data: T } }).result.data;
}

export async function trpcMutate<T>(
  context: BrowserContext,
  app: RunningApp,
  path: string,
  input: unknown,
): Promise<T> {
  const r = await context.request.post(`${app.url}/trpc/${path}`, {
    data: input,
    headers: { origin: app.url, 'x-retaille-csrf': '1' },
  });
  if (!r.ok()) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
  return ((await r.json()) as { result: { data: T } }).result.data;
}
