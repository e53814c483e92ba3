import { type ReactNode, useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * Children drawn only by the browser: nothing in a page the server rendered, nor while the browser
 * adopts that page (hydration), then drawn at once; in a page the browser draws itself, at once.
 * For lazy parts whose code the server's render does not wait for (menus, toasts), so the page's
 * markup is the same on both sides and React keeps the server's DOM.
 */
export function ClientOnly({ children }: { children: ReactNode }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return inBrowser ? children : null;
}
