/**
 * Vitest global setup for the end-to-end specs: a directory for the run, where the first spec
 * that needs the demo leaves a loaded copy (e2e/support/app.ts, `startApp`) for the others.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's directory for the loaded demo (empty until a spec loads it). */
    demoSnapshotDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'retaille-e2e-demo-'));
  project.provide('demoSnapshotDir', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
