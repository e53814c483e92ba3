import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface TourScheduleFieldsProps {
  depart: string;
  onDepart: (value: string) => void;
  returnBy: string;
  onReturnBy: (value: string) => void;
  vehicleKey: string;
  onVehicleKey: (value: string) => void;
  capacityKg: number | string;
  onCapacityKg: (value: number | string) => void;
  /** The field errors of the last answer, by path. */
  fields: Partial<Record<string, string>>;
  /** More vehicle fields, after the capacity (the pooled tour's number of vehicles). */
  children?: ReactNode;
}

/** The times and the vehicle of a tour: a buyer's own tour and a coordinator's pooled tour. */
export function TourScheduleFields(p: TourScheduleFieldsProps) {
  const { t } = useTranslation('tours');
  return (
    <>
      <Group grow>
        <TextInput
          type="time"
          label={t('form.depart')}
          value={p.depart}
          onChange={(e) => p.onDepart(e.currentTarget.value)}
          error={p.fields.departMin}
        />
        <TextInput
          type="time"
          label={t('form.returnBy')}
          value={p.returnBy}
          onChange={(e) => p.onReturnBy(e.currentTarget.value)}
          error={p.fields.returnByMin}
        />
      </Group>
      <Group grow>
        <Select
          label={t('form.vehicle')}
          value={p.vehicleKey}
          onChange={(v) => v && p.onVehicleKey(v)}
          data={Object.entries(t('form.vehicles', { returnObjects: true }) as Record<string, string>).map(
            ([value, label]) => ({ value, label }),
          )}
          error={p.fields['vehicle.vehicleKey']}
          allowDeselect={false}
        />
        <NumberInput
          label={t('form.capacityKg')}
          value={p.capacityKg}
          onChange={p.onCapacityKg}
          min={0}
          decimalSeparator=","
          error={p.fields['vehicle.capacityKg']}
        />
        {p.children}
      </Group>
    </>
  );
}
