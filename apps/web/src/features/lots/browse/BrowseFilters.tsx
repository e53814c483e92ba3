import { Badge, Button, Collapse, Drawer, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Me } from '@retaille/api/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PointPicker, type PointValue, pointLabel } from '../../../components/catalogue/PointPicker.tsx';
import { activeFilterCount } from '../browse-params.ts';
import classes from '../lots.module.css';
import { MoreFields, RadiusField, SearchField, SortField } from './BrowseFields.tsx';
import type { Browse } from './use-browse.ts';

interface FiltersProps {
  browse: Browse;
  me: Me | undefined;
  point: PointValue | null;
  isDesktop: boolean;
}

function CountBadge({ count }: { count: number }) {
  return count > 0 ? (
    <Badge size="sm" circle>
      {count}
    </Badge>
  ) : null;
}

/** Desktop: the main filters in a row, the others behind « Plus de filtres »; phone: a drawer. */
export function BrowseFilters(props: FiltersProps) {
  const { browse, me, isDesktop } = props;
  const [drawerOpen, filterDrawer] = useDisclosure(false);
  const pointField = (
    <PointPicker
      me={me}
      value={props.point}
      onChange={(p) => {
        browse.update({ point: p, ...(p?.kind === 'point' && !isDesktop ? { view: 'map' as const } : {}) });
        if (p?.kind === 'point' && !isDesktop) filterDrawer.close();
      }}
      allowMap
      allowAnywhere
    />
  );
  return isDesktop ? (
    <DesktopFilters {...props} pointField={pointField} />
  ) : (
    <PhoneFilters {...props} pointField={pointField} drawerOpen={drawerOpen} drawer={filterDrawer} />
  );
}

function DesktopFilters({ browse, point, pointField }: FiltersProps & { pointField: ReactNode }) {
  const { t } = useTranslation('catalogue');
  const count = activeFilterCount(browse.state);
  const [filtersOpen, filters] = useDisclosure(count > 0);
  return (
    <Paper withBorder p="md" className={classes.filters} component="section" aria-label={t('browse.filters')}>
      <Stack gap="sm">
        <SimpleGrid cols={4} spacing="sm" verticalSpacing="xs">
          <SearchField browse={browse} />
          {pointField}
          <RadiusField browse={browse} point={point} />
          <SortField browse={browse} point={point} />
        </SimpleGrid>
        <Group justify="space-between" gap="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={filters.toggle}
            aria-expanded={filtersOpen}
            aria-controls="lot-more-filters"
            rightSection={<CountBadge count={count} />}
          >
            {filtersOpen ? t('browse.lessFilters') : t('browse.moreFilters')}
          </Button>
          {(count > 0 || browse.state.q) && (
            <Button variant="subtle" color="gray" size="compact-sm" onClick={browse.reset}>
              {t('browse.reset')}
            </Button>
          )}
        </Group>
        <Collapse expanded={filtersOpen} id="lot-more-filters">
          <SimpleGrid cols={4} spacing="sm" verticalSpacing="xs">
            <MoreFields browse={browse} />
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Paper>
  );
}

function PhoneFilters({
  browse,
  me,
  point,
  pointField,
  drawerOpen,
  drawer,
}: FiltersProps & {
  pointField: ReactNode;
  drawerOpen: boolean;
  drawer: { open: () => void; close: () => void };
}) {
  const { t } = useTranslation('catalogue');
  const { state } = browse;
  const count = activeFilterCount(state);
  return (
    <Paper withBorder p="sm" className={classes.filters} component="section" aria-label={t('browse.filters')}>
      <Stack gap="xs">
        <SearchField browse={browse} />
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" c="dimmed" lineClamp={2} data-testid="point-summary">
            {point
              ? `${pointLabel(point, me, t)} · ${t('point.radiusValue', { km: state.radiusKm })}`
              : t('point.anywhere')}
          </Text>
          <Button
            variant="light"
            size="compact-md"
            onClick={drawer.open}
            rightSection={<CountBadge count={count} />}
            data-testid="open-filters"
            style={{ flex: 'none' }}
          >
            {t('browse.filtersButton')}
          </Button>
        </Group>
      </Stack>
      <Drawer
        opened={drawerOpen}
        onClose={drawer.close}
        position="bottom"
        size="92%"
        title={t('browse.filters')}
        radius="md"
      >
        <Stack gap="sm" pb="md">
          {pointField}
          <RadiusField browse={browse} point={point} />
          <SortField browse={browse} point={point} />
          <MoreFields browse={browse} />
          <Group grow mt="xs">
            {(count > 0 || state.q) && (
              <Button variant="default" onClick={browse.reset}>
                {t('browse.reset')}
              </Button>
            )}
            <Button onClick={drawer.close} data-testid="close-filters">
              {t('browse.showResults')}
            </Button>
          </Group>
        </Stack>
      </Drawer>
    </Paper>
  );
}
