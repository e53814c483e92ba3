import { Alert, Center, Loader, Text } from '@mantine/core';
import { Component, type ReactNode, Suspense, useState } from 'react';

let webgl2: boolean | undefined;
/** MapLibre 6 needs WebGL 2; headless browsers and old devices often lack it. */
export function supportsWebGL2(): boolean {
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

/** A lazily loaded map chunk that fails to load (offline, new deployment) shows the notice. */
class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export interface MapFrameProps {
  className?: string | undefined;
  testId: string;
  texts: { unavailable: string; unavailableText: string; loading: string };
  /** Renders the lazily imported map; it calls `onFail` when MapLibre cannot start. */
  children: (onFail: () => void) => ReactNode;
}

/**
 * The box every map lives in: the lazily loaded MapLibre map (kept out of the main bundle), or a
 * clear "carte indisponible" notice without WebGL 2 or when the chunk fails. The lists and tables
 * beside a map never depend on it.
 */
export function MapFrame({ className, testId, texts, children }: MapFrameProps) {
  const [failed, setFailed] = useState(() => !supportsWebGL2());
  const unavailable = (
    <Center h="100%" p="md">
      <Alert color="gray" title={texts.unavailable} data-testid="map-unavailable" maw={420}>
        <Text size="sm">{texts.unavailableText}</Text>
      </Alert>
    </Center>
  );
  return (
    <div className={className} data-testid={testId}>
      {failed ? (
        unavailable
      ) : (
        <ChunkBoundary fallback={unavailable}>
          <Suspense
            fallback={
              <Center h="100%">
                <Loader aria-label={texts.loading} />
              </Center>
            }
          >
            {children(() => setFailed(true))}
          </Suspense>
        </ChunkBoundary>
      )}
    </div>
  );
}
