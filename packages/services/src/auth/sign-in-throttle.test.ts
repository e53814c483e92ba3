import { describe, expect, it } from 'vitest';
import { afterFailure, decide } from './sign-in-throttle.ts';

const p = { maxFailures: 3, windowMs: 60_000 };
const t0 = new Date('2026-01-01T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('sign-in throttle', () => {
  it('blocks at the maximum within the window, until the window ends', () => {
    let row = afterFailure(undefined, 'k', at(0), p);
    row = afterFailure(row, 'k', at(10), p);
    expect(decide(row, at(11))).toEqual({ blocked: false });
    row = afterFailure(row, 'k', at(20), p);
    expect(decide(row, at(21))).toEqual({ blocked: true, retryAfterSeconds: 39 });
    expect(decide(row, at(60))).toEqual({ blocked: false });
  });

  it('starts a new window after the old one', () => {
    let row = afterFailure(undefined, 'k', at(0), p);
    row = afterFailure(row, 'k', at(1), p);
    row = afterFailure(row, 'k', at(61), p);
    expect(row.failures).toBe(1);
    expect(row.window_started_at).toEqual(at(61));
  });
});
