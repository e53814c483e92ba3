import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
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

/** « 08:30 » → minutes from midnight. */
const clockToMin = (v: string) => {
  const [h, m] = v.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * The state behind `TourScheduleFields`: `fieldProps` for the component, and the values as the
 * planners take them (minutes from midnight, a numeric capacity).
 */
export function useTourSchedule() {
  const [depart, onDepart] = useState('08:00');
  const [returnBy, onReturnBy] = useState('19:00');
  const [capacityKg, onCapacityKg] = useState<number | string>(800);
  const [vehicleKey, onVehicleKey] = useState('van_diesel_avg_defra');
  return {
    fieldProps: {
      depart,
      onDepart,
      returnBy,
      onReturnBy,
      vehicleKey,
      onVehicleKey,
      capacityKg,
      onCapacityKg,
    },
    departMin: clockToMin(depart),
    returnByMin: clockToMin(returnBy),
    vehicleKey,
    capacityKg: Number(capacityKg),
  };
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
