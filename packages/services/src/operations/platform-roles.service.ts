import { type Database, type Kysely, platformRoleRepository, userRepository } from '@retaille/db';
import type { AccountService } from '../accounts/account.service.ts';
import type { Actor, PlatformRole } from '../auth/actor.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { requireOperator } from './operator-access.ts';

export interface RoleHolderDto {
  userId: string;
  name: string;
  email: string;
  roles: PlatformRole[];
  departements: string[];
  regions: string[];
}

export interface SetPlatformRolesInput {
  email: string;
  roles: PlatformRole[];
  departements: string[];
  regions: string[];
  note: string;
}

/** Who is coordinator or admin; granting and revoking goes through `AccountService.setRoles`. */
export class PlatformRolesService {
  constructor(
    private readonly deps: { db: Kysely<Database>; accounts: AccountService; audit: AuditLogService },
  ) {}

  async list(actor: Actor): Promise<RoleHolderDto[]> {
    requireOperator(actor);
    const rows = await platformRoleRepository.listRoleHolders(this.deps.db);
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      roles: r.roles as PlatformRole[],
      departements: r.coordinator_departements,
      regions: r.coordinator_regions,
    }));
  }

  async set(actor: Actor, input: SetPlatformRolesInput): Promise<{ userId: string }> {
    const operator = requireOperator(actor);
    const before = await userRepository.findUserIdByEmail(this.deps.db, input.email);
    const previous = before
      ? (await userRepository.findUserWithProfile(this.deps.db, before))?.profile.roles
      : [];
    const { userId } = await this.deps.accounts.setRoles(operator, input);
    await this.deps.audit.record(this.deps.db, operator, {
      kind: 'roles.set',
      subjectKind: 'account',
      subjectId: userId,
      note: input.note,
      details: {
        email: input.email,
        from: previous ?? [],
        to: [...new Set(input.roles)],
        departements: input.departements,
        regions: input.regions,
      },
    });
    return { userId };
  }
}
