import type { z } from 'zod';

/** What `syncSchema` gives tRPC: its parser, the schema's types, and the schema itself. */
export interface SyncSchema<T extends z.ZodType> {
  _input: z.input<T>;
  _output: z.output<T>;
  parse(value: unknown): z.output<T>;
  /** The zod schema, for tools that read it (the fuzz suite derives inputs from it). */
  readonly schema: T;
}

/**
 * A zod schema as tRPC's parser, validated synchronously.
 *
 * tRPC calls a zod schema's `parseAsync` when it has one; zod 4's asynchronous parse does not take
 * its compiled fast path and costs about seven times the synchronous one (a page of 20 lots:
 * 105 µs against 14 µs, plus the garbage). No schema of ours refines or transforms
 * asynchronously, so `parse` gives the same answer and the same `ZodError`. The `_input` and
 * `_output` types make tRPC infer the procedure's types as from the schema itself.
 */
export function syncSchema<T extends z.ZodType>(schema: T): SyncSchema<T> {
  return { parse: (value: unknown) => schema.parse(value), schema } as SyncSchema<T>;
}

/** The zod schema behind a procedure's parser (`_def.inputs[0]`), wrapped by `syncSchema` or not. */
export function schemaOfParser(parser: unknown): z.ZodType {
  const wrapped = parser as Partial<SyncSchema<z.ZodType>> | undefined;
  return (wrapped?.schema ?? parser) as z.ZodType;
}
