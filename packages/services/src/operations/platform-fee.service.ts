import { type Database, type Kysely, platformSettingRepository } from '@retaille/db';
import type { Actor } from '../auth/actor.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { fieldRefusal, requireOperator } from './operator-access.ts';

const KEY = 'platform_fee_bps';
/** 30 %: above this a typing mistake is likelier than a decision. */
export const MAX_PLATFORM_FEE_BPS = 3000;

export interface PlatformFeeDto {
  bps: number;
  defaultBps: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * The platform fee in basis points: the configured PLATFORM_FEE_BPS until an operator sets it.
 * Read synchronously by pricing (`bps`), so it is kept in memory and reloaded by `refresh` (the
 * periodic tick), which brings other processes up to date within one tick.
 */
export class PlatformFeeService {
  private current: number;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      audit: AuditLogService;
      defaultBps: number;
      now: () => Date;
    },
  ) {
    this.current = deps.defaultBps;
  }

  get bps(): number {
    return this.current;
  }

  async refresh(): Promise<void> {
    const row = await platformSettingRepository.findSetting(this.deps.db, KEY);
    this.current = typeof row?.value === 'number' ? row.value : this.deps.defaultBps;
  }

  async get(actor: Actor): Promise<PlatformFeeDto> {
    requireOperator(actor);
    const row = await platformSettingRepository.findSetting(this.deps.db, KEY);
    if (typeof row?.value === 'number') this.current = row.value;
    return {
      bps: this.current,
      defaultBps: this.deps.defaultBps,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      updatedBy: row?.updated_by ?? null,
    };
  }

  async set(actor: Actor, input: { bps: number; note: string }): Promise<PlatformFeeDto> {
    const operator = requireOperator(actor);
    if (!Number.isInteger(input.bps) || input.bps < 0 || input.bps > MAX_PLATFORM_FEE_BPS) {
      throw fieldRefusal('VALIDATION', 'bps', 'operations.feeOutOfRange', { max: MAX_PLATFORM_FEE_BPS });
    }
    const previous = this.current;
    await this.deps.db.transaction().execute(async (trx) => {
      await platformSettingRepository.putSetting(trx, KEY, input.bps, operator.userId, this.deps.now());
      await this.deps.audit.record(trx, operator, {
        kind: 'fee.set',
        subjectKind: 'setting',
        subjectId: KEY,
        note: input.note,
        details: { from: previous, to: input.bps },
      });
    });
    this.current = input.bps;
    return this.get(actor);
  }
}
