import type { Me } from '@retaille/api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTRPC } from './trpc.ts';

export type SignedIn = NonNullable<Me>;

/** The signed-in user (null for an anonymous visitor), from `account.me`. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.account.me.queryOptions(), staleTime: 60_000, retry: 1 });
}

export const isCoordinator = (me: Me): boolean =>
  Boolean(me && (me.roles.includes('coordinator') || me.roles.includes('admin')));

/**
 * Mirrors the server policy (coordinatorCovers): a network-wide coordinator covers every site, a
 * scoped one the sites of their départements and regions; admins cover everything. The server
 * still decides; this only hides links that would be refused.
 */
export function coversSite(me: Me, site: { departementCode: string; regionCode: string }): boolean {
  if (!me) return false;
  if (me.roles.includes('admin')) return true;
  if (!me.roles.includes('coordinator')) return false;
  const { departements, regions } = me.coordinatorScope;
  if (departements.length === 0 && regions.length === 0) return true;
  return departements.includes(site.departementCode) || regions.includes(site.regionCode);
}

/** A path inside the app, safe to redirect to after signing in (no other origin, no protocol). */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo?: string | null): string {
  const back = safeReturnPath(returnTo);
  return back ? `/connexion?retour=${encodeURIComponent(back)}` : '/connexion';
}

export function signUpPath(returnTo?: string | null): string {
  const back = safeReturnPath(returnTo);
  return back ? `/inscription?retour=${encodeURIComponent(back)}` : '/inscription';
}

/**
 * After signing in or out every cached answer may change (addresses, roles, canEdit…): reset
 * them all so the mounted pages fetch again with the new session.
 */
export function useSessionChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries();
}

/** Signs out through better-auth, goes to `to` (home by default), then forgets every cached answer. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (_options: { to?: string } | undefined) => {
      const r = await fetch('/api/auth/sign-out', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        credentials: 'same-origin',
      });
      if (!r.ok) throw new Error(`sign-out failed: ${r.status}`);
    },
    onSuccess: async (_data, options) => {
      navigate(options?.to ?? '/');
      await queryClient.resetQueries();
    },
  });
}

/** Whether the development mail outbox answers (no SMTP, not in production, or an admin). */
export function useDevOutboxAvailable(): boolean {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.dev.outbox.queryOptions({}), retry: false, staleTime: 5 * 60_000 });
  return q.isSuccess;
}
