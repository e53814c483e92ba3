import { createHash, randomBytes } from 'node:crypto';
import { type DatabaseHandle, membershipRepository, siteRepository, userRepository } from '@retaille/db';
import { DomainError } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import {
  canManageMembers,
  canSeeMembers,
  canSeeSite,
  forbidden,
  requireUser,
  type SiteRole,
} from '../auth/policy.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import { mailTemplates } from '../mail/templates.ts';
import type { Links } from '../ports/links.ts';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface MemberDto {
  userId: string;
  name: string;
  email: string;
  role: SiteRole;
  joinedAt: string;
}

export interface InvitationDto {
  id: string;
  email: string;
  role: SiteRole;
  expiresAt: string;
  createdAt: string;
}

export interface InvitationPreview {
  siteId: string;
  siteName: string;
  communeName: string;
  email: string;
  role: SiteRole;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Site members (owner / member) and invitation links. */
export class MembershipService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      mailer: Mailer;
      jobs: JobTransactions;
      links: Links;
      now: () => Date;
    },
  ) {}

  private async loadSite(actor: Actor, siteId: string) {
    const site = await siteRepository.findSiteById(this.deps.db, siteId);
    const role =
      site && actor.kind === 'user'
        ? await membershipRepository.findRole(this.deps.db, siteId, actor.userId)
        : undefined;
    if (!site || !canSeeSite(actor, site, role)) throw new DomainError('NOT_FOUND', 'site.notFound');
    return { site, role };
  }

  async listMembers(actor: Actor, siteId: string): Promise<MemberDto[]> {
    requireUser(actor);
    const { site, role } = await this.loadSite(actor, siteId);
    if (!canSeeMembers(actor, site, role)) throw forbidden();
    const rows = await membershipRepository.listMembers(this.deps.db, siteId);
    return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
  }

  async listInvitations(actor: Actor, siteId: string): Promise<InvitationDto[]> {
    requireUser(actor);
    const { role } = await this.loadSite(actor, siteId);
    if (!canManageMembers(actor, role)) throw forbidden('site.notOwner');
    const rows = await membershipRepository.listPendingInvitations(this.deps.db, siteId, this.deps.now());
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      expiresAt: r.expires_at.toISOString(),
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Invites an e-mail address; the link (also e-mailed) is returned once, only its hash is stored. */
  async invite(
    actor: Actor,
    siteId: string,
    input: { email: string; role: SiteRole },
  ): Promise<{ invitation: InvitationDto; url: string }> {
    const user = requireUser(actor);
    const { site, role } = await this.loadSite(actor, siteId);
    if (!canManageMembers(actor, role)) throw forbidden('site.notOwner');
    const email = input.email.trim().toLowerCase();
    const existingId = await userRepository.findUserIdByEmail(this.deps.db, email);
    if (existingId && (await membershipRepository.findRole(this.deps.db, siteId, existingId))) {
      throw new DomainError('CONFLICT', 'invitation.alreadyMember', {
        fields: [{ path: 'email', key: 'invitation.alreadyMember' }],
      });
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.now();
    const url = this.deps.links.invitation(token);
    // The invitation and its e-mail commit together: no link is mailed for a row that rolled back,
    // and with SMTP the message is sent once after the commit (docs/decisions/009).
    const row = await this.deps.jobs.transaction(async (trx, enqueue) => {
      const inserted = await membershipRepository.insertInvitation(trx, {
        site_id: siteId,
        email,
        role: input.role,
        token_hash: hashToken(token),
        invited_by: user.userId,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      });
      await this.deps.mailer.queue(trx, enqueue, mailTemplates.invitation(email, user.name, site.name, url));
      return inserted;
    });
    return {
      invitation: {
        id: row.id,
        email,
        role: input.role,
        expiresAt: row.expires_at.toISOString(),
        createdAt: row.created_at.toISOString(),
      },
      url,
    };
  }

  async revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
    requireUser(actor);
    const inv = await membershipRepository.findInvitation(this.deps.db, invitationId);
    if (!inv) throw new DomainError('NOT_FOUND', 'invitation.notFound');
    const { role } = await this.loadSite(actor, inv.site_id);
    if (!canManageMembers(actor, role)) throw forbidden('site.notOwner');
    if (!(await membershipRepository.revokeInvitation(this.deps.db, invitationId, this.deps.now()))) {
      throw new DomainError('CONFLICT', 'invitation.notPending');
    }
  }

  /** What an invitation link is about, shown before accepting (the site's name is public). */
  async preview(token: string): Promise<InvitationPreview> {
    const inv = await membershipRepository.findInvitationByTokenHash(this.deps.db, hashToken(token));
    if (!inv) throw new DomainError('NOT_FOUND', 'invitation.notFound');
    const site = await siteRepository.findSiteById(this.deps.db, inv.site_id);
    if (!site) throw new DomainError('NOT_FOUND', 'invitation.notFound');
    return {
      siteId: site.id,
      siteName: site.name,
      communeName: site.commune_name,
      email: inv.email,
      role: inv.role,
      status: this.statusOf(inv),
    };
  }

  private statusOf(inv: { accepted_at: Date | null; revoked_at: Date | null; expires_at: Date }) {
    if (inv.accepted_at) return 'accepted' as const;
    if (inv.revoked_at) return 'revoked' as const;
    if (inv.expires_at <= this.deps.now()) return 'expired' as const;
    return 'pending' as const;
  }

  /** Accepts an invitation addressed to the signed-in user's e-mail; a link works once. */
  async accept(actor: Actor, token: string): Promise<{ siteId: string; role: SiteRole }> {
    const user = requireUser(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const inv = await membershipRepository.lockInvitationByTokenHash(trx, hashToken(token));
      if (!inv) throw new DomainError('NOT_FOUND', 'invitation.notFound');
      const status = this.statusOf(inv);
      if (status !== 'pending') throw new DomainError('CONFLICT', `invitation.${status}`);
      if (inv.email !== user.email.toLowerCase()) throw forbidden('invitation.otherEmail');
      const current = await membershipRepository.findRole(trx, inv.site_id, user.userId);
      // Never downgrade an owner who follows a "member" link.
      const role: SiteRole = current === 'owner' ? 'owner' : inv.role;
      await membershipRepository.addMember(trx, inv.site_id, user.userId, role);
      await membershipRepository.markInvitationAccepted(trx, inv.id, user.userId, this.deps.now());
      return { siteId: inv.site_id, role };
    });
  }

  /** Owners change roles and remove members; a site always keeps at least one owner. */
  async setRole(actor: Actor, siteId: string, userId: string, newRole: SiteRole | null): Promise<void> {
    requireUser(actor);
    const { role } = await this.loadSite(actor, siteId);
    const leavingSelf = actor.kind === 'user' && actor.userId === userId && newRole === null;
    if (!canManageMembers(actor, role) && !leavingSelf) throw forbidden('site.notOwner');
    await this.deps.db.transaction().execute(async (trx) => {
      const members = await membershipRepository.lockMembers(trx, siteId);
      const target = members.find((m) => m.userId === userId);
      if (!target) throw new DomainError('NOT_FOUND', 'member.notFound');
      const owners = members.filter((m) => m.role === 'owner');
      const losesOwner = target.role === 'owner' && newRole !== 'owner';
      if (losesOwner && owners.length <= 1) throw new DomainError('CONFLICT', 'member.lastOwner');
      if (newRole === null) await membershipRepository.removeMember(trx, siteId, userId);
      else await membershipRepository.addMember(trx, siteId, userId, newRole);
    });
  }
}
