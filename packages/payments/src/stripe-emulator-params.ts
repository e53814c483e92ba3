import type { FormParams, FormValue } from './stripe-form-encoding.ts';

export type StripeErrorType = 'invalid_request_error' | 'idempotency_error' | 'api_error' | 'card_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

/**
 * An error answered in Stripe's shape. `storable` is false for requests rejected before they
 * ran (bad parameters): Stripe does not save those under the idempotency key.
 */
export class StripeApiError extends Error {
  override readonly name = 'StripeApiError';
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly storable = true,
  ) {
    super(body.message);
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(
  message: string,
  opts: { code?: string; param?: string; status?: number; storable?: boolean } = {},
): StripeApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (opts.code !== undefined) {
    body.code = opts.code;
    body.doc_url = docUrl(opts.code);
  }
  if (opts.param !== undefined) body.param = opts.param;
  return new StripeApiError(opts.status ?? 400, body, opts.storable ?? true);
}

export const paramError = (param: string, message: string, code = 'parameter_invalid'): StripeApiError =>
  invalidRequest(message, { code, param, storable: false });

export const missingParam = (param: string): StripeApiError =>
  paramError(param, `Missing required param: ${param}.`, 'parameter_missing');

export function noSuch(kind: string, id: string, param: string, status = 400): StripeApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param, status });
}

/** `true` a string, `'map'` free string keys (metadata), `[s]` a list of `s`, an object its known keys. */
export type ParamShape = true | 'map' | readonly [ParamShape] | { readonly [key: string]: ParamShape };

/** Rejects parameters Stripe would not know, as Stripe does, so a typo in the gateway fails loudly. */
export function checkKnownParams(value: FormValue, shape: ParamShape, path = ''): void {
  const label = path === '' ? 'request' : path;
  if (shape === true) {
    if (typeof value !== 'string') throw paramError(path, `Invalid string: ${label} must be a string.`);
    return;
  }
  if (shape === 'map') {
    if (typeof value !== 'object' || Array.isArray(value))
      throw paramError(path, `Invalid object: ${label}.`);
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw paramError(`${path}[${k}]`, `Invalid string: ${path}[${k}].`);
    }
    return;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw paramError(path, `Invalid array: ${label} must be a list.`);
    value.forEach((item, i) => {
      checkKnownParams(item, shape[0], `${path}[${i}]`);
    });
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw paramError(path, `Invalid object: ${label}.`);
  const fields = shape as { readonly [key: string]: ParamShape };
  for (const [k, v] of Object.entries(value)) {
    const name = path === '' ? k : `${path}[${k}]`;
    const sub = fields[k];
    if (sub === undefined) throw paramError(name, `Received unknown parameter: ${name}`, 'parameter_unknown');
    checkKnownParams(v, sub, name);
  }
}

function at(params: FormParams | FormValue | undefined, key: string): FormValue | undefined {
  if (params === undefined || typeof params === 'string') return undefined;
  if (Array.isArray(params)) return /^\d+$/.test(key) ? params[Number(key)] : undefined;
  return params[key];
}

/** Reads one parameter from a parsed form, by path (`['payment_intent_data', 'transfer_group']`). */
export class ParamReader {
  constructor(private readonly params: FormParams) {}

  raw(path: readonly string[]): FormValue | undefined {
    let v: FormValue | undefined = this.params;
    for (const k of path) v = at(v, k);
    return v;
  }

  string(path: readonly string[], required = false): string | undefined {
    const v = this.raw(path);
    const name = paramName(path);
    if (v === undefined || v === '') {
      if (required) throw missingParam(name);
      return undefined;
    }
    if (typeof v !== 'string') throw paramError(name, `Invalid string: ${name}.`);
    return v;
  }

  requiredString(path: readonly string[]): string {
    return this.string(path, true) as string;
  }

  integer(path: readonly string[], opts: { required?: boolean; min?: number } = {}): number | undefined {
    const s = this.string(path, opts.required ?? false);
    if (s === undefined) return undefined;
    const name = paramName(path);
    if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(Number(s))) {
      throw paramError(name, `Invalid integer: ${s}`, 'parameter_invalid_integer');
    }
    const n = Number(s);
    if (opts.min !== undefined && n < opts.min) {
      throw paramError(
        name,
        `Invalid ${opts.min > 0 ? 'positive' : 'non-negative'} integer: ${name} must be at least ${opts.min}.`,
        'parameter_invalid_integer',
      );
    }
    return n;
  }

  boolean(path: readonly string[]): boolean | undefined {
    const s = this.string(path);
    if (s === undefined) return undefined;
    if (s !== 'true' && s !== 'false') throw paramError(paramName(path), `Invalid boolean: ${s}`);
    return s === 'true';
  }

  oneOf<T extends string>(path: readonly string[], allowed: readonly T[], required = false): T | undefined {
    const s = this.string(path, required);
    if (s === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(s)) {
      throw paramError(
        paramName(path),
        `Invalid ${paramName(path)}: must be one of ${allowed.join(', ')}`,
        'parameter_invalid_string',
      );
    }
    return s as T;
  }

  list(path: readonly string[]): readonly FormValue[] {
    const v = this.raw(path);
    if (v === undefined || v === '') return [];
    if (!Array.isArray(v)) throw paramError(paramName(path), `Invalid array: ${paramName(path)}.`);
    return v;
  }

  /** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
  metadata(path: readonly string[] = ['metadata']): Record<string, string> {
    const v = this.raw(path);
    if (v === undefined || v === '') return {};
    const name = paramName(path);
    if (typeof v !== 'object' || Array.isArray(v)) throw paramError(name, `Invalid object: ${name}.`);
    const entries = Object.entries(v);
    if (entries.length > 50) throw paramError(name, 'Invalid metadata: at most 50 keys.');
    const out: Record<string, string> = {};
    for (const [k, val] of entries) {
      if (typeof val !== 'string') throw paramError(`${name}[${k}]`, `Invalid string: ${name}[${k}].`);
      if (k.length > 40) throw paramError(`${name}[${k}]`, 'Metadata keys can be at most 40 characters.');
      if (val.length > 500)
        throw paramError(`${name}[${k}]`, 'Metadata values can be at most 500 characters.');
      if (val !== '') out[k] = val;
    }
    return out;
  }
}

export function paramName(path: readonly string[]): string {
  const [head, ...rest] = path;
  return `${head ?? ''}${rest.map((p) => `[${p}]`).join('')}`;
}

export function readerFor(params: FormParams, shape: { readonly [key: string]: ParamShape }): ParamReader {
  checkKnownParams(params, shape);
  return new ParamReader(params);
}
