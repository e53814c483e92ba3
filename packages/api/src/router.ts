import { getMe } from './routers/account/get-me.ts';
import { setActiveSite } from './routers/account/set-active-site.ts';
import { updateProfile } from './routers/account/update-profile.ts';
import { setRoles } from './routers/admin/set-roles.ts';
import { listOutbox } from './routers/dev/list-outbox.ts';
import { searchCommunes } from './routers/geo/search-communes.ts';
import { acceptInvitation } from './routers/invitations/accept-invitation.ts';
import { getInvitation } from './routers/invitations/get-invitation.ts';
import { createSite } from './routers/sites/create-site.ts';
import { getSite } from './routers/sites/get-site.ts';
import { inviteMember } from './routers/sites/invite-member.ts';
import { listInvitations } from './routers/sites/list-invitations.ts';
import { listMembers } from './routers/sites/list-members.ts';
import { listSites } from './routers/sites/list-sites.ts';
import { revokeInvitation } from './routers/sites/revoke-invitation.ts';
import { setMemberRole } from './routers/sites/set-member-role.ts';
import { updateSite } from './routers/sites/update-site.ts';
import { verifySite } from './routers/sites/verify-site.ts';
import { router } from './trpc.ts';

/** Wires procedure names only; each procedure lives in its own file. */
export const appRouter = router({
  account: router({ me: getMe, updateProfile, setActiveSite }),
  admin: router({ setRoles }),
  dev: router({ outbox: listOutbox }),
  geo: router({ searchCommunes }),
  invitations: router({ get: getInvitation, accept: acceptInvitation }),
  sites: router({
    list: listSites,
    get: getSite,
    create: createSite,
    update: updateSite,
    verify: verifySite,
    members: router({ list: listMembers, setRole: setMemberRole }),
    invitations: router({ list: listInvitations, create: inviteMember, revoke: revokeInvitation }),
  }),
});

export type AppRouter = typeof appRouter;
