import { Alert, Center, Loader, Text } from '@mantine/core';
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapFlow } from './FlowsMap.tsx';
import classes from './matching.module.css';

// MapLibre (~1 MB) stays out of the main bundle: it loads only when the allocation has flows.
const FlowsMap = lazy(() => import('./FlowsMap.tsx'));

let webgl2: boolean | undefined;
/** MapLibre 6 needs WebGL 2; headless browsers and old devices often lack it. */
function supportsWebGL2(): boolean {
  if (webgl2 === undefined) {
    try {
      const canvas = document.createElement('canvas');
      const gl = canvas.getContext('webgl2');
      webgl2 = Boolean(gl);
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl2 = false;
    }
  }
  return webgl2;
}

class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function Unavailable() {
  const { t } = useTranslation('matching');
  return (
    <div className={classes.mapNotice}>
      <Alert color="gray" title={t('allocation.mapUnavailable')} data-testid="map-unavailable" maw={420}>
        <Text size="sm">{t('allocation.mapUnavailableText')}</Text>
      </Alert>
    </div>
  );
}

/** The flows map, or "carte indisponible" when it cannot run; the table never depends on it. */
export function FlowsMapPanel({ flows }: { flows: MapFlow[] }) {
  const { t } = useTranslation('matching');
  const [failed, setFailed] = useState(() => !supportsWebGL2());
  return (
    <div className={classes.mapBox} data-testid="flows-map">
      {failed ? (
        <Unavailable />
      ) : (
        <ChunkBoundary fallback={<Unavailable />}>
          <Suspense
            fallback={
              <Center h="100%">
                <Loader aria-label={t('allocation.mapLoading')} />
              </Center>
            }
          >
            <FlowsMap flows={flows} onFail={() => setFailed(true)} />
          </Suspense>
        </ChunkBoundary>
      )}
    </div>
  );
}
