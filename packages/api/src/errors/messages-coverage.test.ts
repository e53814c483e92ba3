/**
 * Every message key the code can send to a user has a French and an English text: keys thrown
 * with DomainError, field problems (`{ path, key }`), zod messages (`{ error: 'key' }`), keys
 * passed to the small helpers that build errors (any function with a parameter named `key` or
 * `error`), `const key = … ? 'a.b' : 'c.d'`, and the explanation keys of matching. The sources of
 * every package and of the server are scanned as text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, translate } from './messages.ts';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const SCANNED = [
  ...readdirSync(join(ROOT, 'packages')).map((p) => join('packages', p, 'src')),
  join('apps', 'server', 'src'),
];
const KEY = String.raw`[a-z][a-zA-Z]*(?:\.[a-zA-Z][a-zA-Z0-9]*)+`;
const KEY_LITERAL = new RegExp(`'(${KEY})'`, 'g');

function sourceFiles(): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  for (const dir of SCANNED) {
    let entries: string[];
    try {
      entries = readdirSync(join(ROOT, dir), { recursive: true }) as string[];
    } catch {
      continue; // a package without src/
    }
    for (const entry of entries) {
      if (!/\.tsx?$/.test(entry) || /\.(test|spec)\.tsx?$/.test(entry) || entry.includes('node_modules'))
        continue;
      const file = join(dir, entry);
      if (file.endsWith(join('errors', 'messages.ts'))) continue;
      files.push({ file, text: readFileSync(join(ROOT, file), 'utf8') });
    }
  }
  return files;
}

/** Functions that turn an argument into a message key: the position of their `key`/`error` parameter. */
function keyHelpers(text: string): Map<string, number> {
  const helpers = new Map<string, number>();
  const declarations = /(?:function\s+(\w+)\s*\(([^)]*)\)|const\s+(\w+)\s*=\s*\(([^)]*)\)\s*(?::[^=]+)?=>)/g;
  for (const m of text.matchAll(declarations)) {
    const name = m[1] ?? m[3]!;
    const params = (m[2] ?? m[4]!).split(',').map((p) => p.trim().split(/[\s:=?]/)[0]);
    const at = params.findIndex((p) => p === 'key' || p === 'error');
    if (at >= 0) helpers.set(name, at);
  }
  return helpers;
}

/** The top-level arguments of the call whose opening parenthesis is at `open`. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return args;
}

interface Use {
  key: string;
  where: string;
}

function collectKeys(): Use[] {
  const files = sourceFiles();
  const exported = new Map<string, number>();
  const local = new Map<string, Map<string, number>>();
  for (const { file, text } of files) {
    const helpers = keyHelpers(text);
    local.set(file, helpers);
    for (const [name, at] of helpers)
      if (new RegExp(`export\\s+(?:function|const)\\s+${name}\\b`).test(text)) exported.set(name, at);
  }
  const uses: Use[] = [];
  for (const { file, text } of files) {
    const lineOf = (index: number) => text.slice(0, index).split('\n').length;
    const add = (fragment: string, index: number) => {
      for (const m of fragment.matchAll(KEY_LITERAL))
        uses.push({ key: m[1]!, where: `${relative('.', file)}:${lineOf(index)}` });
    };
    const patterns = [
      // new DomainError('CODE', 'key', …)
      new RegExp(`DomainError\\(\\s*'[A-Z_]+'\\s*,\\s*'${KEY}'`, 'g'),
      // field problems and explanation parts: { path, key: 'a.b' }; zod: { error: 'a.b' } / { message: 'a.b' }
      new RegExp(`\\b(?:key|error|message)\\s*:\\s*'${KEY}'`, 'g'),
      // const key = cond ? 'a.b' : 'c.d';  and defaults: (key = 'a.b')
      /\b(?:const|let)\s+key\s*=[^;]*;/g,
      new RegExp(`\\b(?:key|error)\\s*=\\s*'${KEY}'`, 'g'),
      // type ExplanationKey = | 'match.distance' | …;
      /\btype\s+\w*Key\s*=[^;]*;/g,
    ];
    for (const re of patterns) for (const m of text.matchAll(re)) add(m[0], m.index);
    // Calls of helpers taking a key: forbidden('site.notInScope'), invalid('to', 'impact.periodReversed')…
    const helpers = new Map([...exported, ...(local.get(file) ?? [])]);
    for (const [name, at] of helpers) {
      for (const m of text.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
        const arg = callArguments(text, m.index + name.length)[at];
        if (arg && new RegExp(`^'${KEY}'$`).test(arg)) add(arg, m.index);
      }
    }
  }
  return uses;
}

const uses = collectKeys();

describe('message keys', () => {
  it('finds the keys of every kind of use (the scanner itself works)', () => {
    const found = new Set(uses.map((u) => u.key));
    for (const key of [
      'lot.notFound', // new DomainError('NOT_FOUND', 'lot.notFound')
      'measure.required', // field problem in the domain
      'site.notInScope', // forbidden('site.notInScope'), an exported helper
      'impact.periodReversed', // invalid('to', 'impact.periodReversed'), a local helper, key second
      'decimal.negative', // invalid(field, value, 'decimal.negative'), key third
      'error.forbidden', // forbidden(key = 'error.forbidden')
      'payments.webhookPayload', // const key = … ? 'payments.webhookPayload' : …
      'error.payloadTooLarge', // the server's error handler
      'error.csrf', // the server's { error: { key: 'error.csrf' } }
      'field.uuid', // zod { error: 'field.uuid' }
      'trade.pickupSlotInvalid', // instantSchema('trade.pickupSlotInvalid')
      'match.distance', // an explanation key
    ]) {
      expect(found, key).toContain(key);
    }
    expect(found.size).toBeGreaterThan(150);
  });

  it('every key the code uses has a French and an English text', () => {
    const missing = uses.filter((u) => !Object.hasOwn(messages, u.key)).map((u) => `${u.key} (${u.where})`);
    expect([...new Set(missing)].sort()).toEqual([]);
  });

  it('every text is a non-empty sentence in both languages, never the key itself', () => {
    const params = { max: 2, min: 1, km: 3, postalCode: '00000', committed: 1, count: 2, maxMb: 10 };
    const bad: string[] = [];
    for (const key of Object.keys(messages)) {
      for (const locale of ['fr', 'en'] as const) {
        const text = translate(key, locale, params);
        if (typeof text !== 'string' || text.trim() === '' || text === key) bad.push(`${key} (${locale})`);
      }
    }
    expect(bad).toEqual([]);
  });
});
