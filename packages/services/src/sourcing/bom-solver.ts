import {
  buildSourcingModel,
  type CandidateOptions,
  DEFAULT_CANDIDATE_OPTIONS,
  DomainError,
  greedySourcingStart,
  parseBom,
  parseSourcingSolution,
  type SolverOutput,
  type SourcingCosts,
  type SourcingLot,
  type SourcingModel,
  type SourcingPlan,
  selectCandidates,
} from '@retaille/domain';

/**
 * The HiGHS call behind bill-of-materials sourcing: the domain builds the program as LP text
 * (`buildSourcingModel`) and reads the values back (`parseSourcingSolution`); this file only
 * loads the WebAssembly solver once per process and runs one model with a time limit, reading
 * the MIP gap from the solver's info (the one-shot `solve()` does not report it).
 */

type HighsModule = Awaited<ReturnType<typeof import('highs')['default']>>;

let loading: Promise<HighsModule> | undefined;

/** The solver, loaded once per process (≈ 40 ms the first time). */
export function loadHighs(): Promise<HighsModule> {
  loading ??= import('highs').then((m) => m.default());
  return loading;
}

export const DEFAULT_SOURCING_TIME_LIMIT_S = 5;

/** Solves one LP-format model; a parse or solver error is an `error` status, never a throw. */
export async function solveLp(
  lp: string,
  timeLimitSec = DEFAULT_SOURCING_TIME_LIMIT_S,
  /** A feasible start by column name (see `greedySourcingStart`); columns not named start at 0. */
  start?: Readonly<Record<string, number>>,
): Promise<SolverOutput> {
  const highs = await loadHighs();
  const started = performance.now();
  const codes = highs.constants.modelStatus;
  let model: ReturnType<HighsModule['createModel']> | undefined;
  try {
    model = highs.createModel({ format: 'lp', data: lp });
    model.options.set('time_limit', timeLimitSec);
    model.options.set('output_flag', false);
    // Exact in cents: the default relative gap (1e-4) would accept a plan a few euros too dear.
    model.options.set('mip_rel_gap', 1e-7);
    // More of the search on primal heuristics (default 0.05): on the 100k-lot benchmark the
    // default stayed at the start plan 6 % above the optimum after 4 s; 0.5 proved the optimum.
    model.options.set('mip_heuristic_effort', 0.5);
    if (start !== undefined) {
      const colValue = new Float64Array(model.getDimensions().numCols);
      for (let i = 0; i < colValue.length; i++) colValue[i] = start[model.getColName(i)] ?? 0;
      model.setSolution({ colValue });
    }
    model.run();
    const status = model.getModelStatus();
    const solveMs = performance.now() - started;
    const mapped: SolverOutput['status'] =
      status === codes.optimal
        ? 'optimal'
        : status === codes.timeLimit || status === codes.iterationLimit || status === codes.interrupted
          ? 'time_limit'
          : status === codes.infeasible
            ? 'infeasible'
            : 'error';
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    if ((mapped !== 'optimal' && mapped !== 'time_limit') || !hasSolution) {
      return {
        status: mapped === 'optimal' ? 'error' : mapped,
        values: null,
        objective: null,
        dualBound: null,
        gap: null,
        solveMs,
      };
    }
    const colValue = model.getSolution().colValue;
    const values: Record<string, number> = {};
    for (let i = 0; i < colValue.length; i++) values[model.getColName(i)] = colValue[i]!;
    const gap = Number(model.info.get('mip_gap'));
    const dualBound = Number(model.info.get('mip_dual_bound'));
    return {
      status: mapped,
      values,
      objective: model.getObjectiveValue(),
      dualBound: Number.isFinite(dualBound) ? dualBound : null,
      gap: Number.isFinite(gap) ? gap : null,
      solveMs,
    };
  } catch {
    return {
      status: 'error',
      values: null,
      objective: null,
      dualBound: null,
      gap: null,
      solveMs: performance.now() - started,
    };
  } finally {
    model?.dispose();
  }
}

export interface SourcingRequest {
  /** Raw BOM lines (validated by `parseBom`). */
  lines: readonly unknown[];
  /** Lots near the buyer, with their road km (a repository query by radius feeds this). */
  lots: readonly SourcingLot[];
  costs: SourcingCosts;
  candidates?: Partial<CandidateOptions>;
  timeLimitSec?: number;
}

export interface SourcingResult {
  plan: SourcingPlan;
  model: Pick<SourcingModel, 'columns' | 'sellers'> & { candidateLots: number };
}

/**
 * Plans the sourcing of a BOM: validate (DomainError VALIDATION on a bad BOM), keep the candidate
 * lots, build and solve the program, read it back. Lines the lots cannot cover come back in
 * `plan.uncovered` with their reason.
 */
export async function planSourcing(request: SourcingRequest): Promise<SourcingResult> {
  const lines = parseBom(request.lines);
  const { centsPerKm, centsPerSeller } = request.costs;
  if (
    !(
      Number.isFinite(centsPerKm) &&
      centsPerKm >= 0 &&
      Number.isFinite(centsPerSeller) &&
      centsPerSeller >= 0
    )
  ) {
    throw new DomainError('VALIDATION', 'sourcing.invalidCosts', {
      fields: [{ path: 'costs', key: 'sourcing.invalidCosts' }],
    });
  }
  // The costs rank the candidates (price plus the seller's trip spread over the line): without
  // them a cheap lot 50 km away would push out one next door.
  const candidates = selectCandidates(
    lines,
    request.lots,
    { ...DEFAULT_CANDIDATE_OPTIONS, ...request.candidates },
    request.costs,
  );
  const model = buildSourcingModel(candidates, request.costs);
  const output = await solveLp(model.lp, request.timeLimitSec, greedySourcingStart(model));
  return {
    plan: parseSourcingSolution(model, output),
    model: {
      columns: model.columns,
      sellers: model.sellers,
      candidateLots: candidates.reduce((s, c) => s + c.lots.length, 0),
    },
  };
}
