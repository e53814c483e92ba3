import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { messageOf } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** The header (first bundle) imports this hook: the toasts' package is fetched only on use. */
function toast(color: string, message: string) {
  void import('@mantine/notifications').then(({ notifications }) => notifications.show({ color, message }));
}

/** Switches the site the user acts for; the new `me` replaces the cached one. */
export function useSetActiveSite() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.account.setActiveSite.mutationOptions({
      onSuccess: (me) => {
        queryClient.setQueryData(trpc.account.me.queryKey(), me);
        const site = me?.sites.find((s) => s.siteId === me.activeSiteId);
        if (site) toast('forest', t('nav.siteSwitched', { name: site.name }));
      },
      onError: (error) => toast('red', messageOf(error, currentLocale(), t('errors.generic'))),
    }),
  );
}
