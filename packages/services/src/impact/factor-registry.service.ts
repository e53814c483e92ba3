import { createHash } from 'node:crypto';
import {
  type Database,
  type FactorSetRow,
  impactRepository,
  type Kysely,
  type Transaction,
} from '@retaille/db';
import {
  DomainError,
  EMBEDDED_FACTOR_SET,
  EMBEDDED_FACTOR_WARNINGS,
  type FactorSet,
  type FactorSetDiff,
  factorSetSchema,
  type ImportProblem,
  type ImportWarning,
  validateFactorImport,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { isAdmin, requireUser } from '../auth/policy.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface FactorSetSummary {
  version: string;
  status: 'active' | 'superseded';
  createdAt: string;
  activatedAt: string;
  importedBy: string | null;
  materialFactors: number;
  transportFactors: number;
}

export interface FactorImportInput {
  version: string;
  materialsCsv?: string | undefined;
  transportCsv?: string | undefined;
}

export type FactorImportPreview =
  | {
      ok: true;
      version: string;
      previousVersion: string;
      diff: FactorSetDiff | null;
      warnings: ImportWarning[];
      /** Ties the confirmation to exactly this content and this previous version. */
      reviewToken: string;
    }
  | { ok: false; problems: ImportProblem[]; warnings: ImportWarning[] };

const iso = (d: Date | string) => new Date(d).toISOString();

function toFactorSet(row: FactorSetRow): FactorSet {
  return factorSetSchema.parse({
    version: row.version,
    createdAt: iso(row.created_at),
    materialFactors: row.material_factors,
    transportFactors: row.transport_factors,
  });
}

/**
 * The versioned factor registry in the database. A stored version is immutable, so parsed sets
 * are cached by version; the active one is read on each use (an import may change it).
 * The embedded first version (data/*.csv) is stored when the registry is empty.
 */
export class FactorRegistry {
  private readonly cache = new Map<string, FactorSet>();

  constructor(private readonly deps: { db: Kysely<Database>; now: () => Date }) {}

  /** Stores the embedded version if the registry is empty (idempotent, safe to race). */
  async ensureSeeded(db: Db = this.deps.db): Promise<void> {
    if (await impactRepository.findActiveFactorSet(db)) return;
    await impactRepository.seedFactorSet(db, {
      version: EMBEDDED_FACTOR_SET.version,
      created_at: EMBEDDED_FACTOR_SET.createdAt,
      material_factors: JSON.stringify(EMBEDDED_FACTOR_SET.materialFactors),
      transport_factors: JSON.stringify(EMBEDDED_FACTOR_SET.transportFactors),
      warnings: JSON.stringify(EMBEDDED_FACTOR_WARNINGS),
      imported_by: null,
    });
  }

  /** The version new records use; pass the transaction when inside one. */
  async active(db: Db = this.deps.db): Promise<FactorSet> {
    let row = await impactRepository.findActiveFactorSet(db);
    if (!row) {
      await this.ensureSeeded(db);
      row = await impactRepository.findActiveFactorSet(db);
    }
    if (!row) throw new Error('factor registry is empty');
    return this.remember(row);
  }

  async get(version: string, db: Db = this.deps.db): Promise<FactorSet | undefined> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const row = await impactRepository.findFactorSet(db, version);
    return row ? this.remember(row) : undefined;
  }

  private remember(row: FactorSetRow): FactorSet {
    const cached = this.cache.get(row.version);
    if (cached) return cached;
    const set = toFactorSet(row);
    this.cache.set(set.version, set);
    return set;
  }

  async list(): Promise<FactorSetSummary[]> {
    await this.ensureSeeded();
    const rows = await impactRepository.listFactorSets(this.deps.db);
    return rows.map((r) => ({
      version: r.version,
      status: r.status as 'active' | 'superseded',
      createdAt: iso(r.created_at),
      activatedAt: iso(r.activated_at),
      importedBy: r.imported_by,
      materialFactors: (r.material_factors as unknown[]).length,
      transportFactors: (r.transport_factors as unknown[]).length,
    }));
  }

  async getVersion(version: string): Promise<FactorSet & { status: 'active' | 'superseded' }> {
    await this.ensureSeeded();
    const row = await impactRepository.findFactorSet(this.deps.db, version);
    if (!row) throw new DomainError('NOT_FOUND', 'impact.factorVersionNotFound', { factorVersion: version });
    return { ...this.remember(row), status: row.status as 'active' | 'superseded' };
  }

  private async validate(input: FactorImportInput, db: Db) {
    const previous = await this.active(db);
    const existing = (await impactRepository.listFactorSets(db)).map((r) => r.version);
    const result = validateFactorImport({
      version: input.version,
      createdAt: this.deps.now().toISOString(),
      ...(input.materialsCsv !== undefined ? { materialsCsv: input.materialsCsv } : {}),
      ...(input.transportCsv !== undefined ? { transportCsv: input.transportCsv } : {}),
      previous,
      existingVersions: existing,
    });
    const reviewToken = createHash('sha256')
      .update(
        JSON.stringify([
          previous.version,
          input.version,
          input.materialsCsv ?? null,
          input.transportCsv ?? null,
        ]),
      )
      .digest('hex');
    return { previous, result, reviewToken };
  }

  /** Step 1 of the reviewed import: validation and the diff against the active version; writes nothing. */
  async previewImport(actor: Actor, input: FactorImportInput): Promise<FactorImportPreview> {
    requireAdmin(actor);
    const { previous, result, reviewToken } = await this.validate(input, this.deps.db);
    if (!result.ok) return { ok: false, problems: result.problems, warnings: result.warnings };
    return {
      ok: true,
      version: result.factorSet.version,
      previousVersion: previous.version,
      diff: result.diff,
      warnings: result.warnings,
      reviewToken,
    };
  }

  /**
   * Step 2: stores the reviewed version and makes it active. The token must match the preview
   * (same files, same previous version), otherwise the reviewer saw something else: CONFLICT.
   * Past records keep the version they were computed with.
   */
  async confirmImport(
    actor: Actor,
    input: FactorImportInput & { reviewToken: string },
  ): Promise<FactorSetSummary> {
    const admin = requireAdmin(actor);
    const row = await this.deps.db.transaction().execute(async (trx) => {
      await impactRepository.lockFactorRegistry(trx);
      const { result, reviewToken } = await this.validate(input, trx);
      if (!result.ok) {
        throw new DomainError('VALIDATION', 'impact.importInvalid', {
          fields: [{ path: 'version', key: 'impact.importInvalid' }],
        });
      }
      if (reviewToken !== input.reviewToken) throw new DomainError('CONFLICT', 'impact.importChanged');
      return impactRepository.activateFactorSet(
        trx,
        {
          version: result.factorSet.version,
          created_at: result.factorSet.createdAt,
          material_factors: JSON.stringify(result.factorSet.materialFactors),
          transport_factors: JSON.stringify(result.factorSet.transportFactors),
          warnings: JSON.stringify(result.warnings),
          imported_by: admin,
        },
        this.deps.now(),
      );
    });
    return {
      version: row.version,
      status: 'active',
      createdAt: iso(row.created_at),
      activatedAt: iso(row.activated_at),
      importedBy: row.imported_by,
      materialFactors: (row.material_factors as unknown[]).length,
      transportFactors: (row.transport_factors as unknown[]).length,
    };
  }
}

function requireAdmin(actor: Actor): string | null {
  const user = actor.kind === 'system' ? null : requireUser(actor);
  if (!isAdmin(actor)) throw new DomainError('FORBIDDEN', 'error.forbidden');
  return user?.userId ?? null;
}
