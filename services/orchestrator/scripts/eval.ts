/**
 * Scores the diagnosis engine against a corpus of scenarios.
 *
 *   npm run eval                          the in-repo corpus; exits 1 below 100%
 *   npm run eval -- --corpus <dir>        another corpus in the same format; exits 1 below --min (default 0)
 *   npm run eval -- --json                machine-readable result
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus, scoreCorpus } from '../src/diagnosis/evaluation/index.js';
import { diagnose } from '../src/diagnosis/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const inRepoCorpus = resolve(here, '../corpus');

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    json: { type: 'boolean', default: false },
    min: { type: 'string' },
  },
});
const dir = values.corpus ? resolve(values.corpus) : inRepoCorpus;
// The in-repo corpus is the regression suite: anything short of all-correct fails the build.
const minimum = values.min !== undefined ? Number(values.min) : dir === inRepoCorpus ? 1 : 0;

let cases: ReturnType<typeof loadCorpus>;
try {
  cases = loadCorpus(dir);
} catch (error) {
  // A malformed scenario is a corpus bug, reported as such rather than as a stack trace.
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exit(2);
}
// One untimed pass first, so the timing reflects a running orchestrator rather than JIT warm-up.
for (const c of cases) diagnose({ evidence: c.evidence, entities: c.entities, graph: c.graph, now: c.now });
const score = scoreCorpus(cases, diagnose);

if (values.json) {
  process.stdout.write(`${JSON.stringify({ corpus: dir, ...score, outcomes: undefined }, null, 2)}\n`);
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const width = Math.max(8, ...score.by_category.map((c) => c.category.length));
  const lines = [
    `corpus: ${dir}`,
    '',
    `${'category'.padEnd(width)}  cases  correct  accuracy`,
    `${'-'.repeat(width)}  -----  -------  --------`,
    ...score.by_category.map(
      (c) =>
        `${c.category.padEnd(width)}  ${String(c.cases).padStart(5)}  ${String(c.correct).padStart(7)}  ${pct(c.accuracy).padStart(8)}`,
    ),
    `${'-'.repeat(width)}  -----  -------  --------`,
    `${'overall'.padEnd(width)}  ${String(score.cases).padStart(5)}  ${String(score.correct).padStart(7)}  ${pct(score.accuracy).padStart(8)}`,
    '',
    `diagnose(): ${score.mean_micros.toFixed(0)} µs per case on average`,
  ];
  if (score.misclassified.length > 0) {
    lines.push('', 'misclassified:');
    for (const m of score.misclassified) {
      const exp = [m.expected.category, m.expected.sub_cause, m.expected.container].filter(Boolean).join('/');
      const got = [m.actual.category, m.actual.sub_cause, m.actual.container].filter(Boolean).join('/');
      lines.push(`  ${m.id}: expected ${exp}, got ${got} (${m.mismatches.join(', ')} wrong)`, `    ${m.summary}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exitCode = score.accuracy >= minimum ? 0 : 1;
