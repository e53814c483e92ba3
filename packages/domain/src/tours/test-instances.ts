import { mulberry32, type RoutingInstance } from './routing-instance.ts';

/** A random Euclidean instance (km on a 60 km square, 1 min per km), for tests and benches. */
export function randomInstance(
  seed: number,
  n: number,
  options: { windows?: boolean | 'tight'; capacityKg?: number; loadKg?: number } = {},
): RoutingInstance {
  const rng = mulberry32(seed);
  const size = n + 2;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < size; i++) {
    xs.push(rng() * 60);
    ys.push(rng() * 60);
  }
  xs[size - 1] = xs[0]!;
  ys[size - 1] = ys[0]!;
  const km = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) km[i * size + j] = Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
  const open = new Float64Array(size);
  const close = new Float64Array(size).fill(24 * 60);
  const service = new Float64Array(size);
  const loadKg = new Float64Array(size);
  open[0] = 8 * 60;
  for (let i = 1; i <= n; i++) {
    service[i] = 10;
    loadKg[i] = options.loadKg ?? 1 + Math.floor(rng() * 50);
    if (options.windows === 'tight') {
      const from = 8 * 60 + Math.floor(rng() * 4 * 60);
      open[i] = from;
      close[i] = from + 15 + Math.floor(rng() * 60);
    } else if (options.windows) {
      const from = 8 * 60 + Math.floor(rng() * 6 * 60);
      open[i] = from;
      close[i] = from + 60 + Math.floor(rng() * 180);
    }
  }
  return {
    n,
    km,
    minutes: km.slice(),
    open,
    close,
    service,
    loadKg,
    loadM3: new Float64Array(size),
    capacityKg: options.capacityKg ?? Number.POSITIVE_INFINITY,
    capacityM3: Number.POSITIVE_INFINITY,
  };
}

/** Every order of the stops: the reference the solvers are checked against (n ≤ 8). */
export function bruteForceTour(
  inst: RoutingInstance,
  evaluate: (route: number[]) => { feasible: boolean; km: number },
) {
  const stops = Array.from({ length: inst.n }, (_, k) => k + 1);
  let best = Number.POSITIVE_INFINITY;
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) {
      const e = evaluate(prefix);
      if (e.feasible && e.km < best) best = e.km;
      return;
    }
    for (let i = 0; i < rest.length; i++)
      permute([...prefix, rest[i]!], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  permute([], stops);
  return best;
}
