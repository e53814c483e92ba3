/**
 * What every response must satisfy: no 5xx, nothing internal in the body (stack traces, SQL,
 * file paths, runtime error texts), and a 400 from input validation names the field.
 */

export interface Observed {
  status: number;
  body: string;
  contentType: string;
}

export interface Verdict {
  /** Short, stable category, used to group failures into distinct defects. */
  kind: string;
  detail: string;
}

/** Texts that only come from internals: SQL errors, stack frames, paths, JavaScript runtime errors. */
const LEAKS: [string, RegExp][] = [
  [
    'sql',
    /syntax error at|violates (?:not-null|foreign key|unique|check) constraint|duplicate key value|invalid input syntax for|out of range for type|relation "[^"]*" does not exist|column "[^"]*" (?:does not exist|of relation)|date\/time field value out of range|invalid byte sequence|unsupported Unicode escape|null character not permitted|value too long for type|numeric field overflow|\bpg_[a-z_]+\(|\bSELECT\s.+\sFROM\s|\bINSERT INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b/i,
  ],
  ['stack', /\n\s+at [^\n]+\(|at Object\.|at async |at new [A-Z]|\.ts:\d+:\d+|\.js:\d+:\d+/],
  ['path', /node_modules|\/work\/|\/home\/|\/usr\/lib\/|file:\/\//],
  [
    'runtime',
    /Cannot read propert|Cannot set propert|is not a function|is not defined|is not iterable|undefined is not|Maximum call stack|Invalid time value|Invalid array length|Unexpected end of JSON|TypeError|RangeError|ReferenceError|SyntaxError|ECONNREFUSED|ETIMEDOUT|\bkysely\b|\bpglite\b|PGlite|ZodError/,
  ],
];

/** Removes the input's own strings from the body, so that an echoed title is not a "leak". */
function withoutEchoes(body: string, echoes: readonly string[]): string {
  let out = body;
  for (const e of echoes) {
    if (e.length < 3) continue;
    const forms = new Set([e, JSON.stringify(e).slice(1, -1), e.trim()]);
    for (const f of forms) if (f.length >= 3) out = out.split(f).join('');
  }
  return out;
}

interface ErrorShape {
  error?: {
    message?: string;
    code?: number | string;
    status?: number;
    key?: string;
    fields?: { path: string }[];
    data?: { key?: string; fields?: { path: string; key: string }[]; httpStatus?: number };
  };
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Judges one response. `rootIsObject` says the input sent was a plain object (so a field error
 * must have a non-empty path); `fieldlessOk` exempts routes whose 400s are about the request
 * framing (malformed JSON, wrong content type), not about a field.
 */
export function judge(
  o: Observed,
  options: { echoes: readonly string[]; rootIsObject: boolean; checkFields: boolean },
): Verdict[] {
  const out: Verdict[] = [];
  if (o.status >= 500) out.push({ kind: `status ${o.status}`, detail: excerpt(o.body) });
  // Success bodies carry stored user text (other calls' titles and messages), which may be
  // anything: only error bodies are searched for internals.
  const text = o.status >= 400 ? withoutEchoes(o.body.slice(0, 200_000), options.echoes) : '';
  for (const [name, re] of LEAKS) {
    const m = re.exec(text);
    if (m) out.push({ kind: `leak:${name}`, detail: around(text, m.index) });
  }
  if (o.status === 400 && options.checkFields) {
    const json = parse(o.body);
    const entries = Array.isArray(json) ? json : [json];
    for (const j of entries as ErrorShape[]) {
      const e = j?.error;
      if (!e) continue;
      const key = e.data?.key ?? e.key;
      if (key !== 'validation.failed') continue;
      const fields = e.data?.fields ?? e.fields;
      if (!fields || fields.length === 0) {
        out.push({ kind: 'validation 400 without fields', detail: excerpt(o.body) });
      } else if (options.rootIsObject && fields.some((f) => !f.path)) {
        out.push({ kind: 'validation 400 with an empty field path', detail: excerpt(o.body) });
      }
    }
  }
  return out;
}

export function excerpt(body: string, n = 300): string {
  const oneLine = body.replace(/\s+/g, ' ');
  return oneLine.length > n ? `${oneLine.slice(0, n)}…` : oneLine;
}

function around(text: string, i: number): string {
  return excerpt(text.slice(Math.max(0, i - 80), i + 160));
}
