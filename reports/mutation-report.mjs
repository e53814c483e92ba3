#!/usr/bin/env node
// docs/mutation.md from a Stryker report: the score per file and every surviving mutant, with the
// reason it is equivalent when reports/mutation-equivalents.json knows it. A survivor without a
// reason is a missing test.
//
// Used two ways:
// - as a Stryker reporter plugin (`reporters: ['markdown']`, options under `markdownReport`), so
//   every `pnpm test:mutation` rewrites the page;
// - from the command line on the committed incremental file (`pnpm mutation:report`):
//     node reports/mutation-report.mjs [report.json] [out.md] [equivalents.json] [title]
//
// An equivalent is keyed by file, mutator, the original code and the replacement (not by line, so
// it survives edits elsewhere in the file): "path|Mutator|original|replacement" → reason.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULTS = {
  reportPath: 'reports/stryker-incremental.json',
  fileName: 'docs/mutation.md',
  equivalents: 'reports/mutation-equivalents.json',
  title: 'Mutation testing — packages/domain',
  footer: 'reports/mutation-footer.md',
};

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** The source text a mutant replaces, on one line. */
function original(source, { start, end }) {
  const lines = source.split('\n');
  let text;
  if (start.line === end.line) {
    text = lines[start.line - 1].slice(start.column - 1, end.column - 1);
  } else {
    text = [
      lines[start.line - 1].slice(start.column - 1),
      ...lines.slice(start.line, end.line - 1),
      lines[end.line - 1].slice(0, end.column - 1),
    ].join('\n');
  }
  return oneLine(text);
}

function oneLine(text) {
  return text.replace(/\s+/g, ' ').trim();
}

function short(text, max = 90) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function code(text) {
  const t = short(text).replaceAll('|', '\\|');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

const score = (detected, valid) => (valid === 0 ? 100 : (100 * detected) / valid);
const pct = (n) => `${n.toFixed(2)} %`;

/** Writes the page for a mutation-testing-report-schema report; returns a one-line summary. */
export function writeMarkdown(report, options = {}) {
  const { fileName: outPath, equivalents: equivalentsPath, title, footer } = { ...DEFAULTS, ...options };
  const equivalents = existsSync(equivalentsPath) ? JSON.parse(readFileSync(equivalentsPath, 'utf8')) : {};
  const rows = [];
  const survivors = [];
  const usedKeys = new Set();
  const total = { detected: 0, valid: 0, survived: 0, noCoverage: 0, equivalent: 0 };

  for (const [path, file] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const row = { path, detected: 0, valid: 0, survived: 0, noCoverage: 0, equivalent: 0 };
    for (const m of file.mutants) {
      if (!DETECTED.has(m.status) && !UNDETECTED.has(m.status)) continue; // errors, ignored
      row.valid++;
      if (DETECTED.has(m.status)) {
        row.detected++;
        continue;
      }
      if (m.status === 'Survived') row.survived++;
      else row.noCoverage++;
      const orig = original(file.source, m.location);
      const replacement = oneLine(m.replacement ?? '');
      const key = `${path}|${m.mutatorName}|${orig}|${replacement}`;
      const reason = equivalents[key];
      if (reason) {
        row.equivalent++;
        usedKeys.add(key);
      }
      survivors.push({ path, line: m.location.start.line, m, orig, replacement, reason, key });
    }
    rows.push(row);
    for (const k of Object.keys(total)) total[k] += row[k];
  }

  const lines = [];
  lines.push(`# ${title}`);
  lines.push('');
  lines.push(
    'Written by `reports/mutation-report.mjs` at the end of each Stryker run (`pnpm test:mutation`,',
    '`pnpm test:mutation:services`); do not edit by hand. Equivalent mutants are explained in',
    `\`${equivalentsPath}\`; \`pnpm mutation:report\` rewrites the domain page from the committed report.`,
  );
  lines.push('');
  lines.push(
    `**Mutation score: ${pct(score(total.detected, total.valid))}** (${total.detected} of ${total.valid} mutants detected; ` +
      `${total.survived} survived, ${total.noCoverage} without coverage, ${total.equivalent} of them explained as equivalent). ` +
      `Score counting the explained equivalents as not applicable: ${pct(score(total.detected, total.valid - total.equivalent))}.`,
  );
  lines.push('');
  lines.push('| file | score | detected | survived | no coverage | equivalent |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    lines.push(
      `| ${r.path} | ${pct(score(r.detected, r.valid))} | ${r.detected} / ${r.valid} | ${r.survived} | ${r.noCoverage} | ${r.equivalent} |`,
    );
  }
  lines.push('');
  lines.push('## Surviving mutants');
  lines.push('');
  if (survivors.length === 0) lines.push('None.');
  let current;
  for (const s of survivors) {
    if (s.path !== current) {
      current = s.path;
      lines.push('', `### ${s.path}`, '');
      lines.push('| line | mutator | original | mutant | status | why it survives |');
      lines.push('| ---: | --- | --- | --- | --- | --- |');
    }
    lines.push(
      `| ${s.line} | ${s.m.mutatorName} | ${code(s.orig)} | ${code(s.replacement)} | ${s.m.status} | ${
        s.reason ? `equivalent: ${s.reason.replaceAll('|', '\\|')}` : '**not explained: needs a test**'
      } |`,
    );
  }
  const stale = Object.keys(equivalents).filter(
    (k) => !usedKeys.has(k) && Object.hasOwn(report.files, k.split('|')[0]),
  );
  if (stale.length > 0) {
    lines.push('', '## Explanations that no longer match a survivor', '');
    for (const k of stale) lines.push(`- ${code(k)}`);
  }
  const tail = existsSync(footer) ? readFileSync(footer, 'utf8') : '';
  lines.push('', tail.trim(), '');
  writeFileSync(outPath, lines.join('\n'));
  if (options.printUnexplained) {
    const todo = Object.fromEntries(survivors.filter((x) => !x.reason).map((x) => [x.key, `line ${x.line}`]));
    console.log(JSON.stringify(todo, null, 2));
  }
  return `${outPath}: ${pct(score(total.detected, total.valid))} (${total.detected}/${total.valid}), ${survivors.length} survivors, ${total.equivalent} explained`;
}

/** Stryker reporter: rewrites the page when the run's report (incremental results included) is ready. */
function markdownReporter(options) {
  return {
    onMutationTestReportReady(report) {
      console.log(writeMarkdown(report, options.markdownReport));
    },
  };
}
markdownReporter.inject = ['options'];

export const strykerPlugins = [{ kind: 'Reporter', name: 'markdown', factory: markdownReporter }];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    markdownReport: {
      type: 'object',
      description: 'Where the markdown reporter writes (reports/mutation-report.mjs).',
      properties: {
        fileName: { type: 'string' },
        equivalents: { type: 'string' },
        title: { type: 'string' },
        footer: { type: 'string' },
      },
      additionalProperties: false,
      default: {},
    },
  },
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --unexplained also prints the keys of the survivors that have no reason yet.
  const args = process.argv.slice(2).filter((a) => a !== '--unexplained');
  const [reportPath = DEFAULTS.reportPath, fileName, equivalents, title] = args;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const options = Object.fromEntries(
    Object.entries({ fileName, equivalents, title }).filter(([, v]) => v !== undefined),
  );
  options.printUnexplained = process.argv.includes('--unexplained');
  console.log(writeMarkdown(report, options));
}
