/** A parsed Stripe request: strings at the leaves, as on the wire; arrays from `a[0]` or `a[]`. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

export class FormEncodingError extends Error {
  override readonly name = 'FormEncodingError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new FormEncodingError(s, `Invalid percent-encoding in ${JSON.stringify(s)}`);
  }
}

/** `line_items[0][price_data][currency]` → `['line_items', '0', 'price_data', 'currency']`; `a[]` → `['a', '']`. */
function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (match === null) throw new FormEncodingError(key, `Invalid parameter name: ${key}`);
  const [, head, rest] = match;
  const parts = [head as string];
  for (const m of (rest ?? '').matchAll(/\[([^[\]]*)\]/g)) parts.push(m[1] ?? '');
  return parts;
}

type Node = { [key: string]: Node | string };

function isNode(v: Node | string | undefined): v is Node {
  return typeof v === 'object';
}

/** Objects whose keys are exactly 0…n-1 become arrays, as Stripe reads `a[0]=x&a[1]=y`. */
function finish(node: Node | string): FormValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const out: Record<string, FormValue> = {};
  for (const k of keys) out[k] = finish(node[k] as Node | string);
  const isList = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isList ? keys.map((k) => out[k] as FormValue) : out;
}

/**
 * Parses an `application/x-www-form-urlencoded` body (or query string) the way Stripe reads
 * what its SDKs send: bracketed nesting, indexed or `[]` arrays, `+` as a space.
 */
export function parseStripeForm(body: string): FormParams {
  const root: Node = {};
  const appendCounters = new Map<string, number>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const parts = splitKey(rawKey);
    let node: Node = root;
    let path = '';
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i] as string;
      if (part === '') {
        const next = appendCounters.get(path) ?? Object.keys(node).length;
        appendCounters.set(path, next + 1);
        part = String(next);
      }
      if (forbiddenKeys.has(part)) throw new FormEncodingError(rawKey, `Invalid parameter name: ${rawKey}`);
      path = i === 0 ? part : `${path}[${part}]`;
      const last = i === parts.length - 1;
      const existing = node[part];
      if (last) {
        if (isNode(existing))
          throw new FormEncodingError(path, `Invalid value for ${path}: expected an object`);
        node[part] = value;
      } else {
        if (typeof existing === 'string') {
          throw new FormEncodingError(path, `Invalid value for ${path}: expected a string`);
        }
        const child: Node = existing ?? {};
        node[part] = child;
        node = child;
      }
    }
  }
  const params: FormParams = {};
  for (const [k, v] of Object.entries(root)) params[k] = finish(v);
  return params;
}
