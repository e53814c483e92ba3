import { Center, Container, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { type SignedIn, signInPath, useMe } from '../lib/session.ts';
import { QueryError } from './QueryError.tsx';

/**
 * Renders its children for a signed-in user; sends anonymous visitors to the sign-in page, which
 * brings them back here afterwards.
 */
export function RequireAuth({ children }: { children: ReactNode | ((me: SignedIn) => ReactNode) }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="…" />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <>{typeof children === 'function' ? children(me.data) : children}</>;
}
