import type { DiagnoseInput, DiagnoseResult } from '../types.js';
import type { CorpusCase } from './corpus.js';

export interface CaseOutcome {
  id: string;
  expected: CorpusCase['expected'];
  actual: { category: string; sub_cause: string | null; container: string | null; confidence: string };
  correct: boolean;
  /** Which of category / sub_cause / container disagreed. */
  mismatches: string[];
  summary: string;
  micros: number;
}

export interface CategoryScore {
  category: string;
  cases: number;
  correct: number;
  accuracy: number;
}

export interface CorpusScore {
  cases: number;
  correct: number;
  accuracy: number;
  by_category: CategoryScore[];
  misclassified: CaseOutcome[];
  outcomes: CaseOutcome[];
  /** Mean diagnose() time per case, in microseconds. */
  mean_micros: number;
}

/** Runs `diagnose` over every case and scores category, and sub-cause and container where the case states them. */
export function scoreCorpus(
  cases: readonly CorpusCase[],
  diagnose: (input: DiagnoseInput) => DiagnoseResult,
): CorpusScore {
  const outcomes: CaseOutcome[] = cases.map((c) => {
    const started = process.hrtime.bigint();
    const { diagnosis } = diagnose({ evidence: c.evidence, entities: c.entities, graph: c.graph, now: c.now });
    const micros = Number(process.hrtime.bigint() - started) / 1000;
    const mismatches: string[] = [];
    if (diagnosis.category !== c.expected.category) mismatches.push('category');
    if (typeof c.expected.sub_cause === 'string' && diagnosis.sub_cause !== c.expected.sub_cause)
      mismatches.push('sub_cause');
    if (typeof c.expected.container === 'string' && diagnosis.container !== c.expected.container)
      mismatches.push('container');
    return {
      id: c.id,
      expected: c.expected,
      actual: {
        category: diagnosis.category,
        sub_cause: diagnosis.sub_cause,
        container: diagnosis.container,
        confidence: diagnosis.confidence,
      },
      correct: mismatches.length === 0,
      mismatches,
      summary: diagnosis.summary,
      micros,
    };
  });
  const categories = [...new Set(cases.map((c) => c.expected.category))].sort();
  const by_category = categories.map((category) => {
    const mine = outcomes.filter((o) => o.expected.category === category);
    const correct = mine.filter((o) => o.correct).length;
    return { category, cases: mine.length, correct, accuracy: mine.length === 0 ? 0 : correct / mine.length };
  });
  const correct = outcomes.filter((o) => o.correct).length;
  return {
    cases: outcomes.length,
    correct,
    accuracy: outcomes.length === 0 ? 0 : correct / outcomes.length,
    by_category,
    misclassified: outcomes.filter((o) => !o.correct),
    outcomes,
    mean_micros: outcomes.length === 0 ? 0 : outcomes.reduce((n, o) => n + o.micros, 0) / outcomes.length,
  };
}
