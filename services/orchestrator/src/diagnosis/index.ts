/**
 * The diagnosis engine's public face. The investigation workflow calls `diagnose` once the
 * evidence is collected; the engine is a pure function of the evidence and the knowledge graph.
 */
import type { Diagnosis, Evidence, ExtractedEntities } from '@sre-orchestrator/contracts';

export interface DiagnoseInput {
  evidence: Evidence;
  entities: ExtractedEntities | null;
  /** Knowledge graph loaded at startup (optional). Typed by the knowledge-graph module. */
  graph?: unknown;
  /** "Now" for durations such as "6 times in 40 minutes"; injected so results are reproducible. */
  now?: Date;
}

export interface DiagnoseResult {
  diagnosis: Diagnosis;
  /** One or two sentences an SRE can act on. */
  suggested_root_cause: string;
  confidence_score: Diagnosis['confidence'];
}

/** Placeholder until the engine lands (issue 4): reports that nothing was concluded. */
export function diagnose(_input: DiagnoseInput): DiagnoseResult {
  throw new Error('diagnosis engine not implemented yet');
}
