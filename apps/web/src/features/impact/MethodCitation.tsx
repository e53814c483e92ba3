import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Where the written method is shown in the app (the same path the exports link to). */
export const METHOD_PATH = '/impact/methode';

/**
 * "Calculé selon la méthode impact-method-1.0 — lire la méthode": every impact figure cites the
 * method version it was computed with and links to docs/impact-method.md (shown at METHOD_PATH).
 * On paper the link is printed as an address.
 */
export function MethodCitation({ versions, printable = false }: { versions: string[]; printable?: boolean }) {
  const { t } = useTranslation('impact');
  const list = versions.length > 0 ? versions.join(', ') : '—';
  return (
    <Text size="sm" c="dimmed" data-testid="method-citation">
      {t('citation.text', { versions: list, count: versions.length })}{' '}
      <Anchor component={Link} to={METHOD_PATH}>
        {t('citation.link')}
      </Anchor>
      {printable && ` (${window.location.origin}${METHOD_PATH})`}
    </Text>
  );
}
