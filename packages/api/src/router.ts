import { getMe } from './routers/account/get-me.ts';
import { setActiveSite } from './routers/account/set-active-site.ts';
import { updateProfile } from './routers/account/update-profile.ts';
import { setRoles } from './routers/admin/set-roles.ts';
import { listOutbox } from './routers/dev/list-outbox.ts';
import { searchCommunes } from './routers/geo/search-communes.ts';
import { acceptInvitation } from './routers/invitations/accept-invitation.ts';
import { getInvitation } from './routers/invitations/get-invitation.ts';
import { createLot } from './routers/lots/create-lot.ts';
import { getLot } from './routers/lots/get-lot.ts';
import { listSiteLots } from './routers/lots/list-site-lots.ts';
import { publishLot } from './routers/lots/publish-lot.ts';
import { searchLots } from './routers/lots/search-lots.ts';
import { updateLot } from './routers/lots/update-lot.ts';
import { withdrawLot } from './routers/lots/withdraw-lot.ts';
import { closeRequest } from './routers/requests/close-request.ts';
import { createRequest } from './routers/requests/create-request.ts';
import { getRequest } from './routers/requests/get-request.ts';
import { listMyRequests } from './routers/requests/list-my-requests.ts';
import { listOpenRequests } from './routers/requests/list-open-requests.ts';
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
  lots: router({
    search: searchLots,
    get: getLot,
    listForSite: listSiteLots,
    create: createLot,
    update: updateLot,
    publish: publishLot,
    withdraw: withdrawLot,
  }),
  requests: router({
    create: createRequest,
    listMine: listMyRequests,
    listOpen: listOpenRequests,
    get: getRequest,
    close: closeRequest,
  }),
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
