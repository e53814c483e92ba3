import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc.ts';

export const NOTIFICATIONS_POLL_MS = 60_000;

/**
 * The bell's unread count and the trades icon's badge (trades waiting on me), for the signed-in
 * user, refreshed every minute and after a visit to the notifications page.
 */
export function useNotificationsSummary(enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.notifications.summary.queryOptions(),
    enabled,
    refetchInterval: NOTIFICATIONS_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 10_000,
  });
}
