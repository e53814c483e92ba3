import { Alert, Center, Loader, Text } from '@mantine/core';
import type { ImpactDashboard } from '@retaille/api/client';
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './impact.module.css';

// MapLibre (~1 MB) stays out of the dashboard's chunk: it loads only when there are flows.
const FlowsMap = lazy(() => import('./FlowsMap.tsx'));

let webgl2: boolean | undefined;
/** MapLibre needs WebGL 2; headless browsers and old devices often lack it. */
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
  const { t } = useTranslation('impact');
  return (
    <div className={classes.mapNotice}>
      <Alert color="gray" title={t('flows.mapUnavailable')} data-testid="map-unavailable" maw={420}>
        <Text size="sm">{t('flows.mapUnavailableText')}</Text>
      </Alert>
    </div>
  );
}

/** The top flows on a map, or "carte indisponible"; the table below never depends on it. */
export function FlowsMapPanel({ flows }: { flows: ImpactDashboard['topFlows'] }) {
  const { t } = useTranslation('impact');
  const [failed, setFailed] = useState(() => !supportsWebGL2());
  return (
    <div className={`${classes.mapBox} ${classes.noPrint}`} data-testid="impact-map">
      {failed ? (
        <Unavailable />
      ) : (
        <ChunkBoundary fallback={<Unavailable />}>
          <Suspense
            fallback={
              <Center h="100%">
                <Loader aria-label={t('page.loading')} />
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
