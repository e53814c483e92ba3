import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('sites.demoHelp')} multiline w={260} withArrow>
      <Badge color="wood" variant="light" size="sm" tabIndex={0}>
        {t('app.demoBadge')}
      </Badge>
    </Tooltip>
  );
}
