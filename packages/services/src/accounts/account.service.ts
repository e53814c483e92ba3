import {
  type DatabaseHandle,
  mailOutboxRepository,
  membershipRepository,
  userRepository,
} from '@retaille/db';
import {
  type CommuneDirectory,
  DomainError,
  haversineKm,
  type LatLon,
  type MeDto,
  type OutboxMessageDto,
  type ProfileInput,
} from '@retaille/domain';
import type { Actor, PlatformRole } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import type { Mailer } from '../mail/mailer.ts';

export type { MeDto, OutboxMessageDto, ProfileInput } from '@retaille/domain';

/** The signed-in user's account, profile and active site; platform roles for admins. */
export class AccountService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      communes: CommuneDirectory;
      mailer: Mailer;
      devOutbox: boolean;
    },
  ) {}

  async me(actor: Actor): Promise<MeDto | null> {
    if (actor.kind !== 'user') return null;
    const user = await userRepository.findUserWithProfile(this.deps.db, actor.userId);
    if (!user) return null;
    const sites = await membershipRepository.listSitesOfUser(this.deps.db, actor.userId);
    const p = user.profile;
    const commune = p.home_commune_insee ? this.deps.communes.get(p.home_commune_insee) : undefined;
    const active = sites.find((s) => s.siteId === p.active_site_id) ?? sites[0];
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      roles: p.roles,
      coordinatorScope: { departements: p.coordinator_departements, regions: p.coordinator_regions },
      home:
        p.home_lat !== null && p.home_lon !== null
          ? {
              communeInsee: p.home_commune_insee,
              communeName: commune?.name ?? null,
              lat: p.home_lat,
              lon: p.home_lon,
            }
          : null,
      sites,
      activeSiteId: active?.siteId ?? null,
      isDemo: p.is_demo,
    };
  }

  async updateProfile(actor: Actor, input: ProfileInput): Promise<MeDto> {
    const user = requireUser(actor);
    let home: { insee: string | null; point: LatLon } | null | undefined;
    if (input.homeCommuneInsee) {
      const commune = this.deps.communes.get(input.homeCommuneInsee);
      if (!commune) {
        throw new DomainError('VALIDATION', 'validation.failed', {
          fields: [{ path: 'homeCommuneInsee', key: 'profile.communeUnknown' }],
        });
      }
      const point =
        input.homeLat !== undefined && input.homeLon !== undefined
          ? { lat: input.homeLat, lon: input.homeLon }
          : commune;
      if (haversineKm(commune, point) > 25) {
        throw new DomainError('VALIDATION', 'validation.failed', {
          fields: [
            {
              path: 'homeLat',
              key: 'site.pointFarFromCommune',
              params: { km: Math.round(haversineKm(commune, point)), max: 25 },
            },
          ],
        });
      }
      home = { insee: commune.insee, point: { lat: point.lat, lon: point.lon } };
    } else if (input.homeCommuneInsee === null) {
      home = null;
    }
    const roles = new Set((await userRepository.ensureProfile(this.deps.db, user.userId)).roles);
    if (input.designer === true) roles.add('designer');
    if (input.designer === false) roles.delete('designer');
    await this.deps.db.transaction().execute(async (trx) => {
      await userRepository.updateUserName(trx, user.userId, input.name.trim());
      await userRepository.updateProfile(trx, user.userId, {
        roles: [...roles],
        ...(home === undefined
          ? {}
          : home === null
            ? { home_commune_insee: null, home_lat: null, home_lon: null }
            : { home_commune_insee: home.insee, home_lat: home.point.lat, home_lon: home.point.lon }),
      });
    });
    const me = await this.me(actor);
    if (!me) throw new DomainError('UNAUTHENTICATED', 'error.unauthenticated');
    return me;
  }

  async setActiveSite(actor: Actor, siteId: string): Promise<MeDto> {
    const user = requireUser(actor);
    const role = await membershipRepository.findRole(this.deps.db, siteId, user.userId);
    if (!role) throw forbidden('site.notMember');
    await userRepository.updateProfile(this.deps.db, user.userId, { active_site_id: siteId });
    const me = await this.me(actor);
    if (!me) throw new DomainError('UNAUTHENTICATED', 'error.unauthenticated');
    return me;
  }

  /** Admins grant platform roles; a coordinator's scope is a list of départements and regions. */
  async setRoles(
    actor: Actor,
    input: { email: string; roles: PlatformRole[]; departements: string[]; regions: string[] },
  ): Promise<{ userId: string }> {
    requireUser(actor);
    if (!isAdmin(actor)) throw forbidden();
    const userId = await userRepository.findUserIdByEmail(this.deps.db, input.email);
    if (!userId) {
      throw new DomainError('NOT_FOUND', 'account.notFound', {
        fields: [{ path: 'email', key: 'account.notFound' }],
      });
    }
    if (actor.kind === 'user' && actor.userId === userId && !input.roles.includes('admin')) {
      throw new DomainError('CONFLICT', 'account.cannotDropOwnAdmin');
    }
    await userRepository.updateProfile(this.deps.db, userId, {
      roles: [...new Set(input.roles)],
      coordinator_departements: input.roles.includes('coordinator') ? [...new Set(input.departements)] : [],
      coordinator_regions: input.roles.includes('coordinator') ? [...new Set(input.regions)] : [],
    });
    return { userId };
  }

  /**
   * The development outbox: outgoing messages when no SMTP server is configured. Off in
   * production; admins may read it there too (e.g. to help someone stuck without mail).
   */
  async outbox(actor: Actor, to?: string): Promise<OutboxMessageDto[]> {
    if (!this.deps.devOutbox && !isAdmin(actor)) throw new DomainError('NOT_FOUND', 'error.notFound');
    const rows = await mailOutboxRepository.listMail(this.deps.db, { to, limit: 50 });
    return rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      text: r.text_body,
      kind: r.kind,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
