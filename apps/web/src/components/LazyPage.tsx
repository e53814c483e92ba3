import { Alert, Button, Center, Container, Loader } from '@mantine/core';
import { type ComponentType, lazy, type ReactElement, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown when a page's code cannot be fetched (offline, or a new version deployed meanwhile). */
function ReloadNotice() {
  const { t } = useTranslation('catalogue');
  return (
    <Container size="sm" py="xl">
      <Alert color="wood" title={t('common.chunkErrorTitle')} role="alert">
        {t('common.chunkErrorText')}
        <Button mt="sm" display="block" variant="light" color="wood" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      </Alert>
    </Container>
  );
}

const loaders = new WeakMap<ReactElement, () => Promise<unknown>>();

/**
 * Starts fetching the code of a route element made by `lazyPage` (main.tsx does it for the first
 * page, while the dictionary loads, so the two downloads run side by side). Resolves when loaded.
 */
export function preloadPage(element: unknown): Promise<void> {
  const load = loaders.get(element as ReactElement);
  return load
    ? load().then(
        () => {},
        () => {},
      )
    : Promise.resolve();
}

interface PageSource {
  /** The page through React.lazy (suspends until its code is there). */
  Lazy: ComponentType;
  /** The page itself once its code is there. */
  loaded(): ComponentType | undefined;
}

function LazyRoute({ source }: { source: PageSource }) {
  // Chosen once per mount, so a page shown through Suspense is never remounted when its code lands.
  const [Ready] = useState(source.loaded);
  if (Ready) return <Ready />;
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label="…" />
        </Center>
      }
    >
      <source.Lazy />
    </Suspense>
  );
}

let pages = 0;

/**
 * A route element whose page is loaded on first visit, keeping it out of the main bundle. Once
 * its code is there, the page renders at once, without a loading frame: the first page, preloaded
 * before the first render, replaces the prerendered HTML (prerender.tsx) with the same markup.
 */
export function lazyPage(load: () => Promise<ComponentType>) {
  let pending: Promise<ComponentType> | undefined;
  let loaded: ComponentType | undefined;
  const once = () => {
    pending ??= load().then((page) => {
      loaded = page;
      return page;
    });
    return pending;
  };
  const source: PageSource = {
    Lazy: lazy(async () => {
      try {
        return { default: await once() };
      } catch {
        return { default: ReloadNotice };
      }
    }),
    loaded: () => loaded,
  };
  // A key per page: going from one lazy page to another remounts, never reuses the other's state.
  const element = <LazyRoute key={`page-${++pages}`} source={source} />;
  loaders.set(element, once);
  return element;
}
