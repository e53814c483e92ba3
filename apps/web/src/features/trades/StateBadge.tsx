import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { stateColor, type TradeState } from './states.ts';

/** The French (or English) label of a trade state, in its colour. */
export function StateBadge({ state, ...props }: { state: TradeState } & BadgeProps) {
  const { t } = useTranslation('trades');
  return (
    <Badge color={stateColor[state]} variant="light" data-testid="trade-state" data-state={state} {...props}>
      {t(`state.${state}`)}
    </Badge>
  );
}
