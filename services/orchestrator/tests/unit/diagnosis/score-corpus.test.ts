import { describe, expect, it } from 'vitest';
import { buildEvidence, type CorpusCase, scoreCorpus } from '../../../src/diagnosis/evaluation/index.js';
import { diagnose } from '../../../src/diagnosis/index.js';
import { crashLooping, NOW, podWith } from './context-for.js';

const crashCase = (id: string, expected: CorpusCase['expected']): CorpusCase => ({
  id,
  file: `${id}.yaml`,
  description: id,
  now: NOW,
  entities: { pod_name: 'web-7d9f8c6b5-x2x9k', namespace: 'shop' },
  evidence: buildEvidence({ pod_details: podWith([crashLooping]) }, NOW.toISOString()),
  graph: null,
  expected,
});

describe('scoreCorpus', () => {
  it('when one case is right and one names the wrong category, then accuracy is 50% and the miss is listed', () => {
    // Arrange
    const cases = [
      crashCase('right', { category: 'crash_loop', container: 'app' }),
      crashCase('wrong', { category: 'oom_killed' }),
    ];

    // Act
    const score = scoreCorpus(cases, diagnose);

    // Assert
    expect(score).toMatchObject({ cases: 2, correct: 1, accuracy: 0.5 });
    expect(score.misclassified).toMatchObject([
      { id: 'wrong', mismatches: ['category'], actual: { category: 'crash_loop' } },
    ]);
    expect(score.by_category).toEqual([
      { category: 'crash_loop', cases: 1, correct: 1, accuracy: 1 },
      { category: 'oom_killed', cases: 1, correct: 0, accuracy: 0 },
    ]);
  });

  it('when a case states a wrong container or sub-cause, then it counts as wrong; when it states none, they are not checked', () => {
    // Arrange
    const cases = [
      crashCase('wrong-container', { category: 'crash_loop', container: 'sidecar' }),
      crashCase('wrong-sub', { category: 'crash_loop', sub_cause: 'segfault' }),
      crashCase('unstated', { category: 'crash_loop', sub_cause: null }),
    ];

    // Act
    const score = scoreCorpus(cases, diagnose);

    // Assert
    expect(score.misclassified.map((m) => [m.id, m.mismatches])).toEqual([
      ['wrong-container', ['container']],
      ['wrong-sub', ['sub_cause']],
    ]);
  });
});
