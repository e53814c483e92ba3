import { Alert, Button, Center, Container, Loader } from '@mantine/core';
import { type ComponentType, lazy, type ReactElement, Suspense } from 'react';
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
 * page, while the dictionary loads, so the two downloads run side by side).
 */
export function preloadPage(element: unknown): void {
  const load = loaders.get(element as ReactElement);
  if (load) void load().catch(() => {});
}

/** A route element whose page is loaded on first visit, keeping it out of the main bundle. */
export function lazyPage(load: () => Promise<ComponentType>) {
  let pending: Promise<ComponentType> | undefined;
  const once = () => {
    pending ??= load();
    return pending;
  };
  const Page = lazy(async () => {
    try {
      return { default: await once() };
    } catch {
      return { default: ReloadNotice };
    }
  });
  const element = (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label="…" />
        </Center>
      }
    >
      <Page />
    </Suspense>
  );
  loaders.set(element, once);
  return element;
}
