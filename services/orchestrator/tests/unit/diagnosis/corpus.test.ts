import { fileURLToPath } from 'node:url';
import { DiagnosisSchema, EvidenceSchema } from '@sre-orchestrator/contracts';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/diagnosis/evaluation/index.js';
import { diagnose } from '../../../src/diagnosis/index.js';

const corpusDir = fileURLToPath(new URL('../../../corpus/', import.meta.url));
const cases = loadCorpus(corpusDir);

describe('diagnosis corpus', () => {
  it('when the corpus is loaded, then it has at least 40 scenarios covering every category', () => {
    // Act
    const categories = new Set(cases.map((c) => c.expected.category));

    // Assert
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(categories.size).toBe(15);
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    'when scenario %s is diagnosed, then the expected cause is found',
    (_id, scenario) => {
      // Arrange
      expect(Value.Check(EvidenceSchema, scenario.evidence)).toBe(true);

      // Act
      const { diagnosis, suggested_root_cause } = diagnose({
        evidence: scenario.evidence,
        entities: scenario.entities,
        graph: scenario.graph,
        now: scenario.now,
      });

      // Assert
      expect(diagnosis.category).toBe(scenario.expected.category);
      if (typeof scenario.expected.sub_cause === 'string')
        expect(diagnosis.sub_cause).toBe(scenario.expected.sub_cause);
      if (typeof scenario.expected.container === 'string')
        expect(diagnosis.container).toBe(scenario.expected.container);
      expect(suggested_root_cause.length).toBeGreaterThan(20);
      expect(Value.Check(DiagnosisSchema, diagnosis)).toBe(true);
    },
  );
});
