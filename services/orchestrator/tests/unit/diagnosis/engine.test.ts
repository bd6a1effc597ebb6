import { DiagnosisSchema } from '@sre-orchestrator/contracts';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../../src/diagnosis/evaluation/index.js';
import { CATEGORY_PRIORITY, defaultRules, diagnose, runDiagnosis } from '../../../src/diagnosis/index.js';
import type { DiagnosisRule } from '../../../src/diagnosis/rule.js';
import { crashLooping, NOW, podWith } from './context-for.js';

const oomCrashLoop = buildEvidence(
  {
    pod_details: podWith([
      {
        ...crashLooping,
        last_state: { ...crashLooping.last_state, reason: 'OOMKilled', exit_code: 137 },
        resources: { limits: { memory: '256Mi' } },
      },
    ]),
    pod_events: [
      {
        reason: 'BackOff',
        container: 'app',
        count: 12,
        message: 'Back-off restarting failed container app in pod web-7d9f8c6b5-x2x9k_shop(1)',
      },
      {
        reason: 'Unhealthy',
        container: 'app',
        count: 3,
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
      },
    ],
  },
  NOW.toISOString(),
);
const entities = { pod_name: 'web-7d9f8c6b5-x2x9k', namespace: 'shop' };

describe('diagnose', () => {
  it('when OOMKilled, liveness and crash-loop all apply, then the most specific wins and the others become findings', () => {
    // Act
    const { diagnosis, suggested_root_cause, confidence_score } = diagnose({
      evidence: oomCrashLoop,
      entities,
      now: NOW,
    });

    // Assert
    expect(diagnosis.category).toBe('oom_killed');
    expect(diagnosis.other_findings.map((f) => f.category)).toEqual(['liveness_probe_failure', 'crash_loop']);
    expect(suggested_root_cause).toBe(diagnosis.summary);
    expect(confidence_score).toBe('high');
    expect(Value.Check(DiagnosisSchema, diagnosis)).toBe(true);
  });

  it('when a rule throws, then the error is recorded and the other rules still conclude', () => {
    // Arrange
    const broken: DiagnosisRule = {
      name: 'broken',
      category: 'evicted',
      analyze() {
        throw new Error('boom');
      },
    };

    // Act
    const { diagnosis } = runDiagnosis({ evidence: oomCrashLoop, entities, now: NOW }, [broken, ...defaultRules]);

    // Assert
    expect(diagnosis.rule_errors).toEqual([{ rule: 'broken', message: 'boom' }]);
    expect(diagnosis.category).toBe('oom_killed');
  });

  it('when the same evidence is diagnosed twice, then the results are identical and the input is untouched', () => {
    // Arrange
    const before = structuredClone(oomCrashLoop);

    // Act
    const first = diagnose({ evidence: oomCrashLoop, entities, now: NOW });
    const second = diagnose({ evidence: oomCrashLoop, entities, now: NOW });

    // Assert
    expect(second).toEqual(first);
    expect(oomCrashLoop).toEqual(before);
  });

  it('when no clock is injected, then "now" comes from collected_at so durations stay reproducible', () => {
    // Act
    const { diagnosis } = diagnose({ evidence: oomCrashLoop, entities });

    // Assert
    expect(diagnosis.summary).toContain('6 times in 40 minutes');
  });

  it('when the agent answered 404 for the pod, then the category is pod_not_found', () => {
    // Arrange
    const evidence = {
      errors: [{ source: 'pod_details', code: 404, kind: 'not_found', message: 'pods "web-1" not found' }],
    };

    // Act
    const { diagnosis } = diagnose({ evidence, entities: { pod_name: 'web-1', namespace: 'shop' }, now: NOW });

    // Assert
    expect(diagnosis).toMatchObject({ category: 'pod_not_found', confidence: 'high' });
    expect(diagnosis.summary).toContain('shop/web-1');
  });

  it('when no pod was identified, then the category is unknown and says so', () => {
    // Act
    const { diagnosis } = diagnose({ evidence: {}, entities: { pod_name: null, namespace: null }, now: NOW });

    // Assert
    expect(diagnosis).toMatchObject({ category: 'unknown', confidence: 'low' });
    expect(diagnosis.summary).toMatch(/No pod could be identified/);
  });

  it('when the agent was unavailable, then the category is unknown and names what is missing', () => {
    // Arrange
    const evidence = {
      errors: [
        { source: 'pod_details', code: 0, kind: 'unavailable', message: 'connect ECONNREFUSED 10.96.0.50:8080' },
      ],
    };

    // Act
    const { diagnosis } = diagnose({ evidence, entities, now: NOW });

    // Assert
    expect(diagnosis.category).toBe('unknown');
    expect(diagnosis.summary).toMatch(/Missing: pod details/);
  });

  it('when every container is ready and nothing is recent, then the pod is healthy and the summary lists what was checked', () => {
    // Arrange
    const evidence = buildEvidence({ pod_details: podWith([{ name: 'app' }]), pod_events: [] }, NOW.toISOString());

    // Act
    const { diagnosis } = diagnose({ evidence, entities, now: NOW });

    // Assert
    expect(diagnosis.category).toBe('healthy');
    expect(diagnosis.summary).toMatch(/Checked: phase, container states and readiness/);
  });

  it('when a graph object that is not a KnowledgeGraph is passed, then it is ignored', () => {
    // Act
    const { diagnosis } = diagnose({ evidence: oomCrashLoop, entities, now: NOW, graph: { components: [] } });

    // Assert
    expect(diagnosis.component).toBeNull();
  });
});

describe('registry', () => {
  it('when rules are registered, then every rule has a priority and no category is registered twice', () => {
    // Act
    const categories = defaultRules.map((r) => r.category);

    // Assert
    expect(new Set(categories).size).toBe(categories.length);
    for (const category of categories) expect(CATEGORY_PRIORITY).toContain(category);
  });
});
