import { DEPARTEMENTS } from '@retaille/domain/web';

/** The départements (code — name) for the site filters; overseas collectivities are not départements. */
export const departementOptions: { value: string; label: string }[] = DEPARTEMENTS.filter(
  (d) => d.zone !== 'com',
).map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }));
