import type {
  Confidence,
  ContainerInfo,
  DiagnosisCategory,
  Evidence,
  EvidencePointer,
  PodDetails,
  PodEvent,
  PodLogs,
} from '@sre-orchestrator/contracts';
import type { KnowledgeGraph, PodComponentMatch } from '../knowledge-graph/index.js';

/** A container of the pod, with where it sits in the evidence. */
export interface ContainerView {
  info: ContainerInfo;
  /** `pod_details.containers[app]`, for evidence pointers. */
  ref: string;
}

/** An event with its position in `pod_events.events`. */
export interface EventView {
  event: PodEvent;
  ref: string;
  /** The container named by `field_path` (`spec.containers{app}`), if any. */
  container: string | null;
  /** Last seen within the recency window (or undated). */
  recent: boolean;
}

/** One instance's logs: `previous` is the instance that crashed, `current` the running or last one. */
export interface LogView {
  container: string;
  instance: 'current' | 'previous';
  logs: PodLogs;
  /** `pod_logs.app.previous`; a line is `${ref}.lines[i]`. */
  ref: string;
}

/** What every rule reads. Built once per diagnosis; rules must not mutate it. */
export interface DiagnosisContext {
  evidence: Evidence;
  pod: PodDetails;
  now: Date;
  /** Terminations and events older than this many milliseconds are history, not the incident. */
  recentWindowMs: number;
  graph: KnowledgeGraph | null;
  component: PodComponentMatch | null;
  containers: ContainerView[];
  /** Newest first, as the agent returns them. */
  events: EventView[];
  logs: LogView[];
}

/**
 * A conclusion a rule proposes. The engine ranks candidates by category priority, then
 * confidence; the winner becomes the diagnosis and the rest its `other_findings`.
 */
export interface Candidate {
  category: DiagnosisCategory;
  sub_cause: string | null;
  container: string | null;
  confidence: Confidence;
  /** One or two sentences naming the container and the decisive fact; becomes suggested_root_cause. */
  summary: string;
  evidence: EvidencePointer[];
  remediation: string[];
  /**
   * False for an observation that cannot be the incident's cause on its own (an OOMKill days ago,
   * a harmless error line in a healthy container): it is reported among other_findings only.
   */
  primary: boolean;
  dependency?: Record<string, unknown> | null;
}

/** One diagnosis rule: a pure function from the context to zero or more candidates. */
export interface DiagnosisRule {
  /** Stable kebab-case name, used in rule_errors. */
  readonly name: string;
  /** The category this rule concludes; its priority comes from the registry. */
  readonly category: DiagnosisCategory;
  analyze(context: DiagnosisContext): Candidate[];
}
