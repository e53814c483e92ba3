import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EmulatorEvent } from './stripe-emulator.ts';
import type { EmulatorSnapshot } from './stripe-emulator-state.ts';

/** A response kept under its idempotency key, replayed for 24 h as Stripe does. */
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  storedAt: number;
}

export interface EmulatorFile {
  state: EmulatorSnapshot;
  idempotency: [string, StoredResponse][];
  /** Webhook events whose automatic delivery had not succeeded yet, with their exact bodies. */
  pendingEvents?: { event: EmulatorEvent; payload: string }[];
}

/** The saved state, or undefined when there is no file yet. A corrupt file stops the start loudly. */
export function loadEmulatorState(file: string): EmulatorFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: EmulatorFile;
  try {
    parsed = JSON.parse(text) as EmulatorFile;
  } catch (err) {
    throw new Error(`Stripe emulator state ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed?.state?.version !== 1 || !Array.isArray(parsed.idempotency)) {
    throw new Error(`Stripe emulator state ${file} has an unknown format`);
  }
  return parsed;
}

/**
 * Writes the whole state to a temporary file, flushes it to disk, then renames it over the old
 * one: a crash leaves either the previous state or the new one, never half a file.
 */
export function saveEmulatorState(file: string, content: EmulatorFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(content));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
