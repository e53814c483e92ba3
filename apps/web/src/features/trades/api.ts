import type { TradeOutput } from '@retaille/api/client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

/** After a transition: the trade page shows the returned trade at once; lists refetch. */
export function useTradeChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (trade: TradeOutput) => {
    queryClient.setQueryData(trpc.trades.get.queryKey({ id: trade.id }), trade);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.trades.listMine.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.lots.pathKey() }),
    ]);
  };
}
