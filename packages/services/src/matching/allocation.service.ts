import {
  type Database,
  type DatabaseHandle,
  matchingRepository,
  membershipRepository,
  type Transaction,
} from '@retaille/db';
import {
  type AllocationSummary,
  DomainError,
  EMBEDDED_FACTOR_SET,
  type LosingPairsSummary,
  leaveOutLosingPairs,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import type { Enqueue, JobTransactions } from '../jobs/job-queue.ts';
import { allocationTotals, buildAllocationProblem, solveAllocation } from './allocation-problem.ts';

export type { AllocationSummary, AllocationTotals } from '@retaille/domain';

/**
 * Network-wide allocation for coordinators: assigns kg of open lots to open requests so that
 * the most demand is served with the least tonne-km (exact min-cost flow in the domain), shown as
 * proposals each party accepts or ignores, next to a greedy nearest-first baseline.
 */
export class AllocationService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      now: () => Date;
      /**
       * Queues `allocation.run` in the transaction that creates or re-queues the run (pg-boss in
       * the server; inline in tests and scripts). Without it (benchmarks) callers run `execute`.
       */
      jobs?: JobTransactions;
    },
  ) {}

  private transaction<T>(work: (trx: Transaction<Database>, enqueue: Enqueue) => Promise<T>): Promise<T> {
    if (this.deps.jobs) return this.deps.jobs.transaction(work);
    return this.deps.db.transaction().execute((trx) => work(trx, async () => {}));
  }

  private assertCoordinator(actor: Actor) {
    const user = requireUser(actor);
    if (!isAdmin(actor) && !user.roles.includes('coordinator')) throw forbidden();
    return user;
  }

  /**
   * The regions whose runs a coordinator may start, read and retry; `null` means every run,
   * network-wide ones included (admins, and coordinators of the whole network). A coordinator
   * with a limited territory only gets the runs of the regions it covers: runs are per region,
   * so a coordinator limited to départements gets none (its territory is below a run's scope).
   */
  private runScope(actor: Actor): readonly string[] | null {
    const user = this.assertCoordinator(actor);
    if (isAdmin(actor)) return null;
    const { departements, regions } = user.coordinatorScope;
    if (departements.length === 0 && regions.length === 0) return null;
    return regions;
  }

  /** The run if the actor may see it; out-of-scope runs are NOT_FOUND, like runs that do not exist. */
  private async visibleRun(actor: Actor, runId: string) {
    const scope = this.runScope(actor);
    const run = await matchingRepository.findAllocationRun(this.deps.db, runId);
    if (!run || (scope !== null && (run.region_code === null || !scope.includes(run.region_code)))) {
      throw new DomainError('NOT_FOUND', 'allocation.notFound');
    }
    return run;
  }

  /**
   * Starts (or joins) the allocation of a region — or the whole network when null. Two
   * coordinators starting the same scope at once get the same run; it runs in the background.
   */
  async start(actor: Actor, regionCode: string | null, options: { leaveOutLosingPairs?: boolean } = {}) {
    const user = this.assertCoordinator(actor);
    const scope = this.runScope(actor);
    if (scope !== null && (!regionCode || !scope.includes(regionCode))) throw forbidden('site.notInScope');
    const { run, created } = await this.transaction(async (trx, enqueue) => {
      const started = await matchingRepository.startAllocationRun(trx, {
        scope: regionCode ? `region:${regionCode}` : 'network',
        region_code: regionCode,
        started_by: user.userId,
        leave_out_losing_pairs: options.leaveOutLosingPairs ?? false,
      });
      if (started.created) await enqueue('allocation.run', { runId: started.run.id, regionCode });
      return started;
    });
    return { runId: run.id, created };
  }

  /** Re-runs a failed run; its flows are replaced, never duplicated. */
  async retry(actor: Actor, runId: string) {
    const run = await this.visibleRun(actor, runId);
    if (run.status !== 'failed') throw new DomainError('CONFLICT', 'allocation.notFailed');
    await this.transaction(async (trx, enqueue) => {
      await matchingRepository.updateAllocationRun(trx, runId, {
        status: 'queued',
        error: null,
        progress: 0,
      });
      await enqueue('allocation.run', { runId, regionCode: run.region_code });
    });
    return { runId, created: false };
  }

  /** Waits until a run is done or failed (tests and scripts; the web polls `get`). */
  async settled(runId: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await matchingRepository.findAllocationRun(this.deps.db, runId);
      if (!run || run.status === 'done' || run.status === 'failed') return;
      if (Date.now() > deadline) throw new Error(`allocation ${runId} still ${run.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The job: solves and stores a run. Idempotent (flows are replaced), so a retried job is safe. */
  async execute(runId: string, regionCode: string | null): Promise<void> {
    const db = this.deps.db;
    const run = await matchingRepository.findAllocationRun(db, runId);
    // A job retried after its run was stored (crash before pg-boss recorded it) does nothing.
    if (!run || run.status === 'done') return;
    const claimed = await matchingRepository.advanceAllocationRun(db, runId, {
      status: 'running',
      progress: 10,
      attempts: run.attempts + 1,
    });
    // The other execution stored the run between the read above and this update.
    if (!claimed) return;
    try {
      const input = await matchingRepository.allocationInputs(db, regionCode);
      await matchingRepository.advanceAllocationRun(db, runId, { progress: 30 });
      const problem = buildAllocationProblem(input.lots, input.requests);
      if (problem.lots.length === 0 || problem.requests.length === 0) {
        throw new DomainError('CONFLICT', 'allocation.empty');
      }
      // Asked for: pairs whose default van trip would emit more than they avoid are left out and listed.
      const losing = run.leave_out_losing_pairs
        ? leaveOutLosingPairs(
            problem.lots,
            problem.requests,
            problem.pairs.map((p) => ({
              ...p,
              materialKey: problem.lotsById.get(p.lotId)!.row.material_key,
            })),
            EMBEDDED_FACTOR_SET,
          )
        : null;
      const solved = solveAllocation(problem.lots, problem.requests, losing?.kept ?? problem.pairs);
      await matchingRepository.advanceAllocationRun(db, runId, { progress: 80 });
      const rows = [
        ...solved.optimal.flows.map((f) => ({ baseline: false, f })),
        ...solved.greedy.flows.map((f) => ({ baseline: true, f })),
      ].map(({ baseline, f }) => ({
        run_id: runId,
        lot_id: f.lotId,
        request_id: f.requestId,
        kg: Math.round(f.kg * 1000) / 1000,
        distance_km: Math.round(f.distanceKm * 100) / 100,
        baseline,
      }));
      await db.transaction().execute(async (trx) => {
        // Two executions of one run (a job retried while the first still ran): the second stores nothing.
        if ((await matchingRepository.lockAllocationRun(trx, runId))?.status === 'done') return;
        await matchingRepository.replaceAllocationFlows(trx, runId, rows);
        const summary: AllocationSummary & LosingPairsSummary = {
          ...(losing?.summary ?? { leaveOutLosingPairs: false, leftOutPairs: 0, leftOut: [] }),
          lots: problem.lots.length,
          requests: problem.requests.length,
          candidatePairs: problem.pairs.length,
          optimal: allocationTotals(solved.optimal),
          greedy: allocationTotals(solved.greedy),
          optimalAtGreedyKg: allocationTotals(solved.atGreedyKg),
          solveMs: Math.round(solved.solveMs),
        };
        await matchingRepository.notifyAllocation(trx, runId);
        await matchingRepository.updateAllocationRun(trx, runId, {
          status: 'done',
          progress: 100,
          totals: summary,
          finished_at: this.deps.now(),
        });
      });
    } catch (e) {
      const key = e instanceof DomainError ? e.key : 'allocation.failed';
      await matchingRepository.advanceAllocationRun(db, runId, {
        status: 'failed',
        error: key,
        finished_at: this.deps.now(),
      });
    }
  }

  async get(actor: Actor, runId: string) {
    const run = await this.visibleRun(actor, runId);
    const flows =
      run.status === 'done' ? await matchingRepository.listAllocationFlows(this.deps.db, runId, false) : [];
    const baseline =
      run.status === 'done' ? await matchingRepository.listAllocationFlows(this.deps.db, runId, true) : [];
    const mapFlow = (f: (typeof flows)[number]) => ({
      lotId: f.lotId,
      requestId: f.requestId,
      kg: f.kg,
      distanceKm: f.distanceKm,
      decision: f.decision,
      lotTitle: f.lotTitle,
      siteName: f.siteName,
      requestTitle: f.requestTitle,
      from: { lat: f.fromLat, lon: f.fromLon },
      to: { lat: f.toLat, lon: f.toLon },
    });
    return {
      id: run.id,
      scope: run.scope,
      regionCode: run.region_code,
      leaveOutLosingPairs: run.leave_out_losing_pairs,
      status: run.status,
      progress: run.progress,
      error: run.error,
      summary: run.totals && { leaveOutLosingPairs: false, leftOutPairs: 0, leftOut: [], ...run.totals },
      flows: flows.map(mapFlow),
      baselineFlows: baseline.map(mapFlow),
      createdAt: run.created_at.toISOString(),
      finishedAt: run.finished_at?.toISOString() ?? null,
    };
  }

  async list(actor: Actor) {
    const scope = this.runScope(actor);
    const runs = await matchingRepository.latestAllocationRuns(this.deps.db, 20, scope);
    return runs.map((r) => ({
      id: r.id,
      scope: r.scope,
      status: r.status,
      progress: r.progress,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Flows proposed to the caller (as requester or member of the lot's site), newest runs first. */
  async mine(actor: Actor) {
    const user = requireUser(actor);
    const rows = await matchingRepository.flowsForUser(this.deps.db, user.userId, 100);
    return rows.map((r) => ({
      runId: r.runId,
      lotId: r.lotId,
      requestId: r.requestId,
      kg: r.kg,
      distanceKm: r.distanceKm,
      decision: r.decision,
      lotTitle: r.lotTitle,
      siteName: r.siteName,
      requestTitle: r.requestTitle,
      asRequester: r.requesterId === user.userId,
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
  }

  /** The requester or a member of the lot's site accepts or ignores a proposed flow. */
  async decide(
    actor: Actor,
    key: { runId: string; lotId: string; requestId: string },
    decision: 'accepted' | 'ignored',
  ) {
    const user = requireUser(actor);
    const flows = await matchingRepository.listAllocationFlows(this.deps.db, key.runId, false);
    const flow = flows.find((f) => f.lotId === key.lotId && f.requestId === key.requestId);
    if (!flow) throw new DomainError('NOT_FOUND', 'allocation.flowNotFound');
    const member =
      (await membershipRepository.findRole(this.deps.db, flow.siteId, user.userId)) !== undefined;
    if (flow.requesterId !== user.userId && !member && !isAdmin(actor)) throw forbidden();
    await matchingRepository.setFlowDecision(this.deps.db, key, decision);
  }
}
