/**
 * The diagnosis engine's public face. The investigation workflow calls `diagnose` once the
 * evidence is collected; the engine is a pure function of the evidence and the knowledge graph.
 */
import { runDiagnosis } from './engine.js';
import type { DiagnoseInput, DiagnoseResult } from './types.js';

export { rankCandidates, runDiagnosis } from './engine.js';
export { CATEGORY_PRIORITY, defaultRules } from './registry.js';
export type { Candidate, DiagnosisContext, DiagnosisRule } from './rule.js';
export type { DiagnoseInput, DiagnoseResult } from './types.js';

/** Diagnoses an incident's evidence with the registered rules. */
export function diagnose(input: DiagnoseInput): DiagnoseResult {
  return runDiagnosis(input);
}
