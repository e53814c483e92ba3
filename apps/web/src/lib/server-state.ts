import type { DehydratedState } from '@tanstack/react-query';

/** The id of the `<script type="application/json">` holding a server-rendered page's query cache. */
export const SERVER_STATE_ID = 'retaille-state';

/**
 * The query cache a server-rendered page was drawn from, as a JSON script the server wrote
 * (`serverStateScript`); undefined when the page has none or it does not parse.
 */
export function readServerState(doc: Document): DehydratedState | undefined {
  const text = doc.getElementById(SERVER_STATE_ID)?.textContent;
  if (!text) return undefined;
  try {
    const state = JSON.parse(text) as DehydratedState;
    return Array.isArray(state?.queries) ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The script the server appends to the page: JSON never executed (the CSP allows it), with `<`
 * escaped so no value can close the script element.
 */
export function serverStateScript(state: DehydratedState): string {
  const json = JSON.stringify(state).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="${SERVER_STATE_ID}">${json}</script>`;
}

/**
 * Whether the browser may adopt the server's DOM (hydrate) rather than draw the page again: only a
 * page sent with its query cache, for what the server rendered — French, a phone-width window
 * (prerender.tsx renders neither the English texts nor the wide layout).
 */
export function canHydrate(
  state: DehydratedState | undefined,
  browser: { locale: string; wide: boolean },
): state is DehydratedState {
  return state !== undefined && browser.locale === 'fr' && !browser.wide;
}
