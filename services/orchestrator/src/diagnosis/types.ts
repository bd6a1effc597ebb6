import type { Diagnosis, Evidence, ExtractedEntities } from '@sre-orchestrator/contracts';
import type { KnowledgeGraph } from '../knowledge-graph/index.js';

export interface DiagnoseInput {
  evidence: Evidence;
  entities: ExtractedEntities | null;
  /**
   * Knowledge graph loaded at startup (optional): a `KnowledgeGraph` from `loadKnowledgeGraph`.
   * Typed loosely so callers can pass their config value as is; anything else is ignored.
   */
  graph?: KnowledgeGraph | null | unknown;
  /** "Now" for durations such as "6 times in 40 minutes"; injected so results are reproducible. */
  now?: Date;
}

export interface DiagnoseResult {
  diagnosis: Diagnosis;
  /** One or two sentences an SRE can act on. */
  suggested_root_cause: string;
  confidence_score: Diagnosis['confidence'];
}
