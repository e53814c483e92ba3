import { describe, expect, it } from 'vitest';
import { jobIdOf } from './pg-boss-queue.ts';

describe('jobIdOf', () => {
  it('gives the same UUID for the same key, another for another key', () => {
    const a = jobIdOf('trade.notify:t1:2');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdOf('trade.notify:t1:2')).toBe(a);
    expect(jobIdOf('trade.notify:t1:3')).not.toBe(a);
  });
});
