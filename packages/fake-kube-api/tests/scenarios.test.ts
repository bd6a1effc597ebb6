import { DiagnosisCategory } from '@sre-orchestrator/contracts';
import { describe, expect, it } from 'vitest';
import { findScenario, SCENARIOS } from '../src/index.js';

const NOW = new Date('2026-12-03T16:00:00Z');
const categories: string[] = Object.values(DiagnosisCategory);

describe('scenarios', () => {
  it('when the scenarios are listed, then ids are unique and namespace/pod pairs are unique', () => {
    // Act
    const ids = SCENARIOS.map((s) => s.id);
    const pods = SCENARIOS.map((s) => `${s.namespace}/${s.pod}`);

    // Assert
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(pods).size).toBe(pods.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    'when %s is built, then its pod is the one it names',
    (_id, scenario) => {
      // Act
      const fixture = scenario.build(NOW);

      // Assert
      expect(categories).toContain(scenario.expectedCategory);
      expect(fixture.pod.metadata).toMatchObject({ name: scenario.pod, namespace: scenario.namespace });
      expect(Date.parse(fixture.pod.metadata?.creationTimestamp ?? '')).toBeLessThan(NOW.getTime());
      for (const event of fixture.events) {
        expect(event.metadata.namespace).toBe(scenario.namespace);
        const when = event.lastTimestamp ?? event.eventTime ?? '';
        expect(Date.parse(when)).toBeLessThanOrEqual(NOW.getTime());
      }
    },
  );

  it('when a crash-looping scenario is built, then its previous logs fall between the last instance’s start and end', () => {
    // Arrange
    const fixture = findScenario('oom-killed').build(NOW);
    const last = fixture.pod.status?.containerStatuses?.[0]?.lastState?.terminated;

    // Act
    const previous = fixture.logs.app?.previous;
    const lines = Array.from({ length: previous?.length ?? 0 }, (_, i) => previous?.at(i));

    // Assert
    expect(lines.length).toBeGreaterThan(10);
    const start = Date.parse(last?.startedAt ?? '');
    const end = Date.parse(last?.finishedAt ?? '');
    for (const line of lines) {
      expect(line?.time.getTime()).toBeGreaterThanOrEqual(start);
      expect(line?.time.getTime()).toBeLessThanOrEqual(end + 1000);
    }
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    'when %s is built, then every log is in time order (sinceSeconds relies on it)',
    (_id, scenario) => {
      // Arrange
      const fixture = scenario.build(NOW);

      // Act
      const disorder = Object.values(fixture.logs).flatMap((instances) =>
        [instances.current, instances.previous].flatMap((source) => {
          const out: number[] = [];
          for (let i = 1; i < (source?.length ?? 0); i++) {
            const before = source?.at(i - 1)?.time.getTime() ?? 0;
            if ((source?.at(i)?.time.getTime() ?? 0) < before) out.push(i);
          }
          return out;
        }),
      );

      // Assert
      expect(disorder).toEqual([]);
    },
  );

  it('when an unknown id is looked up, then findScenario throws naming the known ones', () => {
    // Act / Assert
    expect(() => findScenario('no-such-thing')).toThrow(/unknown scenario "no-such-thing"; known: oom-killed/);
  });

  it('when scenarios are built twice, then uids are stable', () => {
    // Act
    const a = findScenario('healthy').build(NOW);
    const b = findScenario('healthy').build(new Date(NOW.getTime() + 60_000));

    // Assert
    expect(a.pod.metadata?.uid).toBe(b.pod.metadata?.uid);
  });
});
