import { Anchor, Button, Popover, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SearchLotsInput } from '@retaille/api/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/i18n.ts';
import { fieldErrorsOf, messageOf } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';

/**
 * « Enregistrer cette recherche »: the search on screen (filters, point, radius) kept under a
 * name; new matching lots are then announced like those of a wanted request.
 */
export function SaveSearchButton({ input }: { input: Omit<SearchLotsInput, 'cursor'> }) {
  const { t } = useTranslation('catalogue');
  const locale = currentLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.savedSearches.create.mutationOptions());
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    const { sort: _sort, limit: _limit, ...search } = input;
    try {
      await create.mutateAsync({ name, search });
      await queryClient.invalidateQueries({ queryKey: trpc.savedSearches.list.queryKey() });
      setOpened(false);
      setName('');
      notifications.show({
        color: 'forest',
        message: (
          <>
            {/* A plain link: notifications render outside the router. */}
            {t('savedSearch.saved')} <Anchor href="/recherches">{t('savedSearch.nav')}</Anchor>
          </>
        ),
      });
    } catch (e) {
      const fields = fieldErrorsOf(e, locale);
      setError(Object.values(fields)[0] ?? messageOf(e, locale, t('common.error')));
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button variant="light" size="sm" onClick={() => setOpened((o) => !o)} data-testid="save-search">
          {t('savedSearch.save')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="xs" w={260}>
            <TextInput
              label={t('savedSearch.nameLabel')}
              placeholder={t('savedSearch.namePlaceholder')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(undefined);
              }}
              error={error}
              maxLength={120}
              required
              data-testid="save-search-name"
            />
            <Button type="submit" loading={create.isPending}>
              {t('savedSearch.submit')}
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
