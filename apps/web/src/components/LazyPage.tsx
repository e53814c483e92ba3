import { Alert, Button, Center, Container, Loader } from '@mantine/core';
import { type ComponentType, lazy, Suspense } from 'react';
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

/** A route element whose page is loaded on first visit, keeping it out of the main bundle. */
export function lazyPage(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => {
    try {
      return { default: await load() };
    } catch {
      return { default: ReloadNotice };
    }
  });
  return (
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
}
