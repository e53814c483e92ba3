/** The main navigation, in the header (md and up) and in the phone menu. */
export const links = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/sites', key: 'nav.sites', end: false },
  { to: '/lots', key: 'catalogue:nav.lots', end: false },
  { to: '/demandes', key: 'catalogue:nav.requests', end: false },
] as const;
