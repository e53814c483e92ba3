import type { Database, Kysely } from '@retaille/db';
import type { Actor } from '../auth/actor.ts';
import type { FactorRegistry } from '../impact/factor-registry.service.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { requireOperator } from './operator-access.ts';

type ConfirmInput = Parameters<FactorRegistry['confirmImport']>[1];

/** The console's factor import: the registry's reviewed import, written to the audit log. */
export class FactorImportService {
  constructor(
    private readonly deps: { db: Kysely<Database>; registry: FactorRegistry; audit: AuditLogService },
  ) {}

  async confirm(actor: Actor, input: ConfirmInput): ReturnType<FactorRegistry['confirmImport']> {
    const operator = requireOperator(actor);
    const summary = await this.deps.registry.confirmImport(operator, input);
    await this.deps.audit.record(this.deps.db, operator, {
      kind: 'factors.import',
      subjectKind: 'factor_set',
      subjectId: input.version,
    });
    return summary;
  }
}
