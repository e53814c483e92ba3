import {
  type Database,
  type Kysely,
  membershipRepository,
  type PendingSiteRow,
  type SiteReviewRow,
  siteRepository,
  siteReviewRepository,
} from '@retaille/db';
import { DomainError } from '@retaille/domain';
import type { Actor, UserActor } from '../auth/actor.ts';
import { canVerifySite, forbidden, isAdmin, mayVerifySite } from '../auth/policy.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SiteService } from '../sites/site.service.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { operationsMail } from './operations-mail.ts';
import { fieldRefusal, requireVerifier } from './operator-access.ts';

export interface VerificationItemDto {
  siteId: string;
  siteName: string;
  commune: string;
  postalCode: string;
  departementCode: string;
  applicant: { userId: string | null; name: string | null; email: string | null };
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  createdAt: string;
  lastReview: { decision: 'refused' | 'info_requested'; note: string; at: string } | null;
}

/**
 * The verification queue with who applied and how to reach them; verify, refuse or ask for
 * information, each e-mailing the workshop and written to the audit log in one transaction.
 */
export class VerificationService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      sites: SiteService;
      audit: AuditLogService;
      mailer: Mailer;
      jobs: JobTransactions;
      publicUrl: string;
      now: () => Date;
    },
  ) {}

  async queue(actor: Actor): Promise<VerificationItemDto[]> {
    const user = requireVerifier(actor);
    const scope = isAdmin(user) ? { departements: [], regions: [] } : user.coordinatorScope;
    const rows = await siteReviewRepository.listPendingSites(this.deps.db, scope);
    const reviews = await siteReviewRepository.listReviewsOfSites(
      this.deps.db,
      rows.map((r) => r.id),
    );
    // A site created before its creator was recorded (seeded, imported): its first owner applied.
    const withApplicants = await Promise.all(
      rows.map(async (r) => {
        if (r.applicant_id) return r;
        const members = await membershipRepository.listMembers(this.deps.db, r.id);
        const owner = members.find((m) => m.role === 'owner');
        return owner
          ? { ...r, applicant_id: owner.userId, applicant_name: owner.name, applicant_email: owner.email }
          : r;
      }),
    );
    return withApplicants.map((r) =>
      toItem(
        r,
        reviews.find((v) => v.site_id === r.id),
      ),
    );
  }

  async verify(actor: Actor, siteId: string, note: string): Promise<{ siteId: string }> {
    const user = requireVerifier(actor);
    const site = await this.pendingSite(user, siteId);
    await this.deps.sites.verify(user, siteId);
    await this.deps.jobs.transaction(async (trx, enqueue) => {
      await this.deps.audit.record(trx, user, {
        kind: 'site.verify',
        subjectKind: 'site',
        subjectId: siteId,
        note,
        details: { name: site.name },
      });
      for (const to of await this.recipients(site, trx)) {
        await this.deps.mailer.queue(
          trx,
          enqueue,
          operationsMail.siteVerified(to, site.name, this.siteUrl(siteId)),
        );
      }
    });
    return { siteId };
  }

  async refuse(actor: Actor, siteId: string, note: string): Promise<{ siteId: string }> {
    return this.review(actor, siteId, note, 'refused');
  }

  async requestInformation(actor: Actor, siteId: string, note: string): Promise<{ siteId: string }> {
    return this.review(actor, siteId, note, 'info_requested');
  }

  private async review(
    actor: Actor,
    siteId: string,
    note: string,
    decision: 'refused' | 'info_requested',
  ): Promise<{ siteId: string }> {
    const user = requireVerifier(actor);
    if (note.trim() === '') throw fieldRefusal('VALIDATION', 'note', 'field.required');
    await this.deps.jobs.transaction(async (trx, enqueue) => {
      const site = await siteRepository.lockSiteById(trx, siteId);
      if (!site) throw fieldRefusal('NOT_FOUND', 'siteId', 'site.notFound');
      await this.assertMayReview(user, site, trx);
      if (site.verified_at) throw fieldRefusal('CONFLICT', 'siteId', 'operations.siteAlreadyVerified');
      await siteReviewRepository.insertReview(trx, {
        siteId,
        decision,
        note,
        by: user.userId,
        at: this.deps.now(),
      });
      await this.deps.audit.record(trx, user, {
        kind: decision === 'refused' ? 'site.refuse' : 'site.requestInfo',
        subjectKind: 'site',
        subjectId: siteId,
        note,
        details: { name: site.name },
      });
      const url = this.siteUrl(siteId);
      for (const to of await this.recipients(site, trx)) {
        const mail =
          decision === 'refused'
            ? operationsMail.siteRefused(to, site.name, note, url)
            : operationsMail.siteInfoRequested(to, site.name, note, url);
        await this.deps.mailer.queue(trx, enqueue, mail);
      }
    });
    return { siteId };
  }

  private async pendingSite(user: UserActor, siteId: string) {
    const site = await siteRepository.findSiteById(this.deps.db, siteId);
    if (!site) throw fieldRefusal('NOT_FOUND', 'siteId', 'site.notFound');
    await this.assertMayReview(user, site, this.deps.db);
    if (site.verified_at) throw fieldRefusal('CONFLICT', 'siteId', 'operations.siteAlreadyVerified');
    return site;
  }

  private async assertMayReview(
    user: UserActor,
    site: { id: string; departement_code: string; region_code: string },
    db: Parameters<typeof membershipRepository.findRole>[0],
  ): Promise<void> {
    if (!canVerifySite(user, site)) throw new DomainError('NOT_FOUND', 'site.notFound');
    const role = await membershipRepository.findRole(db, site.id, user.userId);
    if (!mayVerifySite(user, site, role)) throw forbidden('site.selfVerification');
  }

  /** The applicant and the site's contact address (once each). */
  private async recipients(
    site: { id: string; created_by: string | null; contact_email: string | null },
    db: Parameters<typeof membershipRepository.findRole>[0],
  ): Promise<string[]> {
    const owners = await membershipRepository.listMembers(db, site.id);
    const emails = owners.filter((m) => m.role === 'owner').map((m) => m.email);
    if (site.contact_email) emails.push(site.contact_email);
    return [...new Set(emails.map((e) => e.toLowerCase()))];
  }

  private siteUrl(siteId: string): string {
    return `${this.deps.publicUrl}/sites/${siteId}`;
  }
}

function toItem(r: PendingSiteRow, review: SiteReviewRow | undefined): VerificationItemDto {
  return {
    siteId: r.id,
    siteName: r.name,
    commune: r.commune_name,
    postalCode: r.postal_code,
    departementCode: r.departement_code,
    applicant: { userId: r.applicant_id, name: r.applicant_name, email: r.applicant_email },
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    website: r.website,
    createdAt: new Date(r.created_at).toISOString(),
    lastReview: review
      ? {
          decision: review.decision as 'refused' | 'info_requested',
          note: review.note,
          at: new Date(review.created_at).toISOString(),
        }
      : null,
  };
}
