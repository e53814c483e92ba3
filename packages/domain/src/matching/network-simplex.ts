/*
 * Primal network simplex for minimum cost flow, ported from LEMON's NetworkSimplex
 * (lemon/network_simplex.h, LEMON 1.3: block-search pivot rule, arc mixing, strongly feasible
 * spanning tree kept as parent/thread/succ_num arrays so each pivot costs only the size of the
 * moved subtree).
 * Copyright (C) 2003-2013 Egervary Jeno Kombinatorikus Optimalizalasi Kutatocsoport
 * (Egervary Research Group on Combinatorial Optimization, EGRES). Permission to use, modify and
 * distribute this software is granted provided that this copyright notice appears in all copies.
 * This software is provided "AS IS" with no warranty of any kind, express or implied, and with
 * no claim as to its suitability for any purpose.
 */

export interface MinCostFlowProblem {
  nodeCount: number;
  arcSource: Int32Array;
  arcTarget: Int32Array;
  /** Integers; Infinity allowed. */
  arcCapacity: Float64Array;
  /** Non-negative integers. */
  arcCost: Float64Array;
  /** Integers summing to 0: positive = supply, negative = demand. */
  supply: Float64Array;
}

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIR_DOWN = -1;
const DIR_UP = 1;

/**
 * Solves the balanced ("EQ") minimum cost flow problem exactly with integer data held in float64
 * (exact below 2^53: keep (max cost + 1) × node count well under that). Returns the flow on each
 * arc, in input order. Throws if the supplies cannot be routed.
 */
export function minCostFlow(problem: MinCostFlowProblem): Float64Array {
  const { nodeCount: nodeNum, arcSource, arcTarget, arcCapacity, arcCost, supply } = problem;
  const arcNum = arcSource.length;
  const result = new Float64Array(arcNum);
  if (nodeNum === 0) return result;
  let sumSupply = 0;
  for (let u = 0; u < nodeNum; u++) sumSupply += supply[u]!;
  if (sumSupply !== 0) throw new Error('minCostFlow: supplies must sum to zero');

  const allArcNum = arcNum + nodeNum;
  const source = new Int32Array(allArcNum);
  const target = new Int32Array(allArcNum);
  const cap = new Float64Array(allArcNum);
  const cost = new Float64Array(allArcNum);
  const flow = new Float64Array(allArcNum);
  const state = new Int8Array(allArcNum);

  // Arc mixing: consecutive arcs of one node are spread out so that a block of the pivot
  // search sees arcs of many nodes.
  const position = new Int32Array(arcNum);
  if (nodeNum > 1) {
    const skip = Math.max(Math.floor(arcNum / nodeNum), 3);
    for (let k = 0, i = 0, j = 0; k < arcNum; k++) {
      position[k] = i;
      i += skip;
      if (i >= arcNum) i = ++j;
    }
  } else {
    for (let k = 0; k < arcNum; k++) position[k] = k;
  }
  let maxCost = 0;
  for (let k = 0; k < arcNum; k++) {
    const p = position[k]!;
    source[p] = arcSource[k]!;
    target[p] = arcTarget[k]!;
    cap[p] = arcCapacity[k]!;
    cost[p] = arcCost[k]!;
    state[p] = STATE_LOWER;
    if (cost[p]! > maxCost) maxCost = cost[p]!;
  }
  const artCost = (maxCost + 1) * nodeNum;
  if (artCost > Number.MAX_SAFE_INTEGER / 4) throw new Error('minCostFlow: costs too large to stay exact');

  const root = nodeNum;
  const pi = new Float64Array(nodeNum + 1);
  const parent = new Int32Array(nodeNum + 1);
  const pred = new Int32Array(nodeNum + 1);
  const thread = new Int32Array(nodeNum + 1);
  const revThread = new Int32Array(nodeNum + 1);
  const succNum = new Int32Array(nodeNum + 1);
  const lastSucc = new Int32Array(nodeNum + 1);
  const predDir = new Int8Array(nodeNum + 1);
  const dirtyRevs = new Int32Array(nodeNum + 1);

  parent[root] = -1;
  pred[root] = -1;
  thread[root] = 0;
  revThread[0] = root;
  succNum[root] = nodeNum + 1;
  lastSucc[root] = root - 1;
  pi[root] = 0;
  for (let u = 0, e = arcNum; u < nodeNum; u++, e++) {
    parent[u] = root;
    pred[u] = e;
    thread[u] = u + 1;
    revThread[u + 1] = u;
    succNum[u] = 1;
    lastSucc[u] = u;
    cap[e] = Number.POSITIVE_INFINITY;
    state[e] = STATE_TREE;
    const b = supply[u]!;
    if (b >= 0) {
      predDir[u] = DIR_UP;
      pi[u] = 0;
      source[e] = u;
      target[e] = root;
      flow[e] = b;
      cost[e] = 0;
    } else {
      predDir[u] = DIR_DOWN;
      pi[u] = artCost;
      source[e] = root;
      target[e] = u;
      flow[e] = -b;
      cost[e] = artCost;
    }
  }

  const blockSize = Math.max(Math.floor(Math.sqrt(arcNum)), 10);
  let nextArc = 0;
  let inArc = 0;
  let join = 0;
  let uIn = 0;
  let vIn = 0;
  let uOut = 0;
  let delta = 0;

  for (;;) {
    // Block search pivot: the most negative reduced cost within the first block that has one.
    let min = 0;
    let cnt = blockSize;
    let found = false;
    let e = nextArc;
    for (let pass = 0; pass < 2 && !found; pass++) {
      const end = pass === 0 ? arcNum : nextArc;
      for (e = pass === 0 ? nextArc : 0; e < end; e++) {
        const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!);
        if (c < min) {
          min = c;
          inArc = e;
        }
        if (--cnt === 0) {
          if (min < 0) {
            found = true;
            e++;
            break;
          }
          cnt = blockSize;
        }
      }
    }
    if (!found) {
      if (min >= 0) break;
      e = nextArc;
    }
    nextArc = e >= arcNum ? 0 : e;

    // Join node: the apex of the cycle the entering arc closes in the tree.
    {
      let u = source[inArc]!;
      let v = target[inArc]!;
      while (u !== v) {
        if (succNum[u]! < succNum[v]!) u = parent[u]!;
        else v = parent[v]!;
      }
      join = u;
    }

    // Leaving arc: the first blocking arc in cycle order, which keeps the tree strongly feasible.
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc]!;
      second = target[inArc]!;
    } else {
      first = target[inArc]!;
      second = source[inArc]!;
    }
    delta = cap[inArc]!;
    let result = 0;
    for (let u = first; u !== join; u = parent[u]!) {
      const a = pred[u]!;
      const d = predDir[u] === DIR_DOWN ? cap[a]! - flow[a]! : flow[a]!;
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]!) {
      const a = pred[u]!;
      const d = predDir[u] === DIR_UP ? cap[a]! - flow[a]! : flow[a]!;
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      uIn = first;
      vIn = second;
    } else {
      uIn = second;
      vIn = first;
    }
    const change = result !== 0;
    if (delta === Number.POSITIVE_INFINITY) throw new Error('minCostFlow: unbounded');

    // Augment along the cycle.
    if (delta > 0) {
      const val = state[inArc]! * delta;
      flow[inArc] = flow[inArc]! + val;
      for (let u = source[inArc]!; u !== join; u = parent[u]!) {
        const a = pred[u]!;
        flow[a] = flow[a]! - predDir[u]! * val;
      }
      for (let u = target[inArc]!; u !== join; u = parent[u]!) {
        const a = pred[u]!;
        flow[a] = flow[a]! + predDir[u]! * val;
      }
    }
    if (!change) {
      state[inArc] = -state[inArc]!;
      continue;
    }
    state[inArc] = STATE_TREE;
    state[pred[uOut]!] = flow[pred[uOut]!] === 0 ? STATE_LOWER : STATE_UPPER;

    // Update the tree: the subtree under the leaving arc is re-hung below v_in.
    const oldRevThread = revThread[uOut]!;
    const oldSuccNum = succNum[uOut]!;
    const oldLastSucc = lastSucc[uOut]!;
    const vOut = parent[uOut]!;
    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!;
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn]!;
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn]!;
      let after = thread[last]!;
      thread[vIn] = uIn;
      let dirty = 0;
      dirtyRevs[dirty++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem]!;
        thread[last] = nextStem;
        dirtyRevs[dirty++] = last;
        const before = revThread[stem]!;
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!;
        after = thread[last]!;
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirty; i++) {
        const u = dirtyRevs[i]!;
        revThread[thread[u]!] = u;
      }
      let tmpSc = 0;
      const tmpLs = lastSucc[uOut]!;
      for (let u = uOut, p = parent[u]!; u !== uIn; u = p, p = parent[u]!) {
        pred[u] = pred[p]!;
        predDir[u] = -predDir[p]!;
        tmpSc += succNum[u]! - succNum[p]!;
        succNum[u] = tmpSc;
        lastSucc[p] = tmpLs;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut]!;
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) {
        lastSucc[u] = oldRevThread;
      }
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) {
        lastSucc[u] = lastSuccOut;
      }
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u] = succNum[u]! + oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u] = succNum[u]! - oldSuccNum;

    // Potentials of the moved subtree shift so the entering arc has zero reduced cost.
    const sigma = pi[vIn]! - pi[uIn]! - predDir[uIn]! * cost[inArc]!;
    const end = thread[lastSucc[uIn]!]!;
    for (let u = uIn; u !== end; u = thread[u]!) pi[u] = pi[u]! + sigma;
  }

  for (let e = arcNum; e < allArcNum; e++) {
    if (flow[e] !== 0) throw new Error('minCostFlow: infeasible supplies');
  }
  for (let k = 0; k < arcNum; k++) result[k] = flow[position[k]!]!;
  return result;
}
