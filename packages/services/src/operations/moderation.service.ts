import {
  type Database,
  type Kysely,
  lotRepository,
  type ModerationRow,
  type ModerationSubjectKind,
  moderationRepository,
  siteRepository,
  userRepository,
} from '@retaille/db';
import { DomainError } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { fieldRefusal, requireOperator } from './operator-access.ts';

export interface ModerationDto {
  id: string;
  subjectKind: ModerationSubjectKind;
  subjectId: string;
  subjectLabel: string;
  reason: string;
  createdAt: string;
  createdBy: string | null;
}

export interface ModerationInput {
  subjectKind: ModerationSubjectKind;
  subjectId: string;
  reason: string;
}

/**
 * Holds put by operators: a hidden lot and the lots of a suspended site leave search (see
 * `searchLots`), and none of them, nor a suspended account, can start or accept a trade.
 */
export class ModerationService {
  constructor(private readonly deps: { db: Kysely<Database>; audit: AuditLogService; now: () => Date }) {}

  async list(actor: Actor): Promise<ModerationDto[]> {
    requireOperator(actor);
    const rows = await moderationRepository.listActiveHolds(this.deps.db);
    return Promise.all(
      rows.map(async (r) =>
        this.toDto(r, (await this.labelOf(r.subject_kind as ModerationSubjectKind, r.subject_id)) ?? ''),
      ),
    );
  }

  async hold(actor: Actor, input: ModerationInput): Promise<ModerationDto> {
    const operator = requireOperator(actor);
    if (input.reason.trim() === '') throw fieldRefusal('VALIDATION', 'reason', 'field.required');
    if (input.subjectKind === 'account' && input.subjectId === operator.userId) {
      throw fieldRefusal('VALIDATION', 'subjectId', 'operations.cannotModerateSelf');
    }
    const label = await this.labelOf(input.subjectKind, input.subjectId);
    if (label === undefined) throw fieldRefusal('NOT_FOUND', 'subjectId', 'operations.subjectNotFound');
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const held = await moderationRepository.insertHold(trx, {
        kind: input.subjectKind,
        subjectId: input.subjectId,
        reason: input.reason,
        by: operator.userId,
        at: this.deps.now(),
      });
      if (!held) throw fieldRefusal('CONFLICT', 'subjectId', 'operations.alreadyModerated');
      await this.deps.audit.record(trx, operator, {
        kind: 'moderation.hold',
        subjectKind: input.subjectKind,
        subjectId: input.subjectId,
        note: input.reason,
        details: { label },
      });
      return held;
    });
    return this.toDto(row, label);
  }

  async lift(actor: Actor, input: ModerationInput): Promise<{ lifted: true }> {
    const operator = requireOperator(actor);
    await this.deps.db.transaction().execute(async (trx) => {
      const lifted = await moderationRepository.liftHold(trx, {
        kind: input.subjectKind,
        subjectId: input.subjectId,
        note: input.reason,
        by: operator.userId,
        at: this.deps.now(),
      });
      if (!lifted) throw fieldRefusal('CONFLICT', 'subjectId', 'operations.notModerated');
      await this.deps.audit.record(trx, operator, {
        kind: 'moderation.lift',
        subjectKind: input.subjectKind,
        subjectId: input.subjectId,
        note: input.reason,
      });
    });
    return { lifted: true };
  }

  /** Refuses a trade on a hidden lot, a suspended site, or by or with a suspended account. */
  async assertMayTrade(subjects: {
    lotId: string;
    siteId: string;
    userIds: readonly string[];
  }): Promise<void> {
    const holds = await moderationRepository.findActiveHolds(this.deps.db, [
      { kind: 'lot', id: subjects.lotId },
      { kind: 'site', id: subjects.siteId },
      ...subjects.userIds.map((id) => ({ kind: 'account' as const, id })),
    ]);
    const hold = holds[0];
    if (!hold) return;
    const key =
      hold.subject_kind === 'lot'
        ? 'moderation.lotHidden'
        : hold.subject_kind === 'site'
          ? 'moderation.siteSuspended'
          : 'moderation.accountSuspended';
    throw new DomainError('CONFLICT', key);
  }

  private async labelOf(kind: ModerationSubjectKind, id: string): Promise<string | undefined> {
    const db = this.deps.db;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    switch (kind) {
      case 'lot':
        return uuid ? (await lotRepository.findLot(db, id))?.title : undefined;
      case 'site':
        return uuid ? (await siteRepository.findSiteById(db, id))?.name : undefined;
      case 'account': {
        const names = await userRepository.findUserNames(db, [id]);
        return names.get(id);
      }
      default: {
        const unknown: never = kind;
        throw new Error(`Unknown moderation subject ${String(unknown)}`);
      }
    }
  }

  private toDto(r: ModerationRow, label: string): ModerationDto {
    return {
      id: r.id,
      subjectKind: r.subject_kind as ModerationSubjectKind,
      subjectId: r.subject_id,
      subjectLabel: label,
      reason: r.reason,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
    };
  }
}
