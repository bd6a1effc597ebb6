import { buildContext } from '../../../src/diagnosis/context.js';
import { buildEvidence } from '../../../src/diagnosis/evaluation/index.js';
import type { DiagnosisContext } from '../../../src/diagnosis/rule.js';
import type { KnowledgeGraph } from '../../../src/knowledge-graph/index.js';

/** The clock every rule test runs at. */
export const NOW = new Date('2026-12-03T16:00:00Z');

/** A rule's input from compact evidence (the corpus format), expanded to the contract shape. */
export function contextFor(
  evidence: unknown,
  options: { graph?: KnowledgeGraph | null; now?: Date } = {},
): DiagnosisContext {
  const now = options.now ?? NOW;
  const built = buildEvidence(evidence, now.toISOString());
  if (!built.pod_details) throw new Error('rule tests need pod_details');
  return buildContext(built, built.pod_details, { now, graph: options.graph ?? null });
}

/** Compact pod details with one container `app`, overridable. */
export function podWith(containers: unknown[], pod: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'web-7d9f8c6b5-x2x9k',
    namespace: 'shop',
    start_time: '2026-12-03T15:20:00Z',
    controller: { kind: 'Deployment', name: 'web' },
    containers,
    ...pod,
  };
}

export const crashLooping = {
  name: 'app',
  restart_count: 6,
  ready: false,
  state: { kind: 'waiting', reason: 'CrashLoopBackOff' },
  last_state: {
    kind: 'terminated',
    reason: 'Error',
    exit_code: 1,
    started_at: '2026-12-03T15:55:00Z',
    finished_at: '2026-12-03T15:55:05Z',
  },
};
