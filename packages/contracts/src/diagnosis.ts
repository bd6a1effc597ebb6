import { type Static, Type } from 'typebox';
import { Nullable } from './common.js';

/** Every root-cause category the diagnosis engine can conclude. */
export const DiagnosisCategory = {
  OomKilled: 'oom_killed',
  CrashLoop: 'crash_loop',
  ImagePull: 'image_pull',
  Unschedulable: 'unschedulable',
  ConfigError: 'config_error',
  VolumeMountFailure: 'volume_mount_failure',
  ContainerStartError: 'container_start_error',
  LivenessProbeFailure: 'liveness_probe_failure',
  ReadinessProbeFailure: 'readiness_probe_failure',
  InitContainerFailure: 'init_container_failure',
  DependencyUnreachable: 'dependency_unreachable',
  Evicted: 'evicted',
  PodNotFound: 'pod_not_found',
  Healthy: 'healthy',
  Unknown: 'unknown',
} as const;
export type DiagnosisCategory = (typeof DiagnosisCategory)[keyof typeof DiagnosisCategory];

// Spelled out as a tuple (not mapped from the object) so the static type is the union of literals.
export const DiagnosisCategorySchema = Type.Union([
  Type.Literal(DiagnosisCategory.OomKilled),
  Type.Literal(DiagnosisCategory.CrashLoop),
  Type.Literal(DiagnosisCategory.ImagePull),
  Type.Literal(DiagnosisCategory.Unschedulable),
  Type.Literal(DiagnosisCategory.ConfigError),
  Type.Literal(DiagnosisCategory.VolumeMountFailure),
  Type.Literal(DiagnosisCategory.ContainerStartError),
  Type.Literal(DiagnosisCategory.LivenessProbeFailure),
  Type.Literal(DiagnosisCategory.ReadinessProbeFailure),
  Type.Literal(DiagnosisCategory.InitContainerFailure),
  Type.Literal(DiagnosisCategory.DependencyUnreachable),
  Type.Literal(DiagnosisCategory.Evicted),
  Type.Literal(DiagnosisCategory.PodNotFound),
  Type.Literal(DiagnosisCategory.Healthy),
  Type.Literal(DiagnosisCategory.Unknown),
]);

export const Confidence = { High: 'high', Medium: 'medium', Low: 'low' } as const;
export type Confidence = (typeof Confidence)[keyof typeof Confidence];
export const ConfidenceSchema = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);

/** A pointer to one fact a conclusion rests on. */
export const EvidencePointerSchema = Type.Object({
  /** container_state | last_state | event | log | pod_status | condition | knowledge_graph | spec */
  source: Type.String(),
  /** Where in the incident's evidence, e.g. `pod_details.containers[app].last_state`, `pod_events.events[2]`, `pod_logs.app.previous.lines[41]`. */
  ref: Type.String(),
  /** The fact itself, quoted or summarised. */
  detail: Type.String(),
});
export type EvidencePointer = Static<typeof EvidencePointerSchema>;

export const FindingSchema = Type.Object({
  category: DiagnosisCategorySchema,
  summary: Type.String(),
  confidence: ConfidenceSchema,
  container: Type.Optional(Nullable(Type.String())),
  sub_cause: Type.Optional(Nullable(Type.String())),
});
export type Finding = Static<typeof FindingSchema>;

export const DiagnosisSchema = Type.Object(
  {
    category: DiagnosisCategorySchema,
    /** Sub-cause where the category has them (image_pull, unschedulable, evicted, container_start_error, ...). */
    sub_cause: Nullable(Type.String()),
    /** The container the diagnosis is about, when it is about one. */
    container: Nullable(Type.String()),
    summary: Type.String(),
    confidence: ConfidenceSchema,
    evidence: Type.Array(EvidencePointerSchema),
    remediation: Type.Array(Type.String()),
    other_findings: Type.Array(FindingSchema),
    /** The knowledge-graph component the pod maps to, and the dependency implicated, when known. */
    component: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    dependency: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    /** Rules that threw while diagnosing: recorded, never fatal. */
    rule_errors: Type.Optional(Type.Array(Type.Object({ rule: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);
export type Diagnosis = Static<typeof DiagnosisSchema>;
