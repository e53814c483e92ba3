import type { AppRouter } from '@retaille/api/client';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
    },
  });
}

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        // The server refuses batches of more than TRPC_MAX_BATCH_SIZE (10 by default) calls.
        maxItems: 10,
        // A custom header on every call: cookie-authenticated mutations are refused without it (CSRF).
        headers: () => ({ 'x-retaille-csrf': '1' }),
      }),
    ],
  });
}
