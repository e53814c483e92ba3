/** A member's role in a site: the owner manages members, every member manages lots. */
export const siteRoles = ['owner', 'member'] as const;
export type SiteRole = (typeof siteRoles)[number];

/** Platform-wide roles of an account, beyond membership of sites. */
export const platformRoles = ['designer', 'coordinator', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];
