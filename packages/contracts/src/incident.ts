import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from './common.js';
import { ConfidenceSchema, DiagnosisSchema } from './diagnosis.js';
import { PodEventsSchema } from './events.js';
import { PodLogsSchema } from './logs.js';
import { PodDetailsSchema } from './pod.js';

export const IncidentStatus = {
  Pending: 'pending',
  Running: 'running',
  Completed: 'completed',
  Failed: 'failed',
} as const;
export type IncidentStatus = (typeof IncidentStatus)[keyof typeof IncidentStatus];
// An enum (not a union of literals) so a bad value reads "must be equal to one of the allowed values".
export const IncidentStatusSchema = Type.Enum(['pending', 'running', 'completed', 'failed'] as const);

/** Whether the investigation has ended (completed or failed): the incident will not change again. */
export function isFinished(incident: { status: string }): boolean {
  return incident.status === IncidentStatus.Completed || incident.status === IncidentStatus.Failed;
}

/** Hard caps on what a client may send (documented in the README). */
export const DESCRIPTION_MAX_CHARS = 10_000;
export const REQUEST_BODY_MAX_BYTES = 64 * 1024;

export const CreateIncidentRequestSchema = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX_CHARS }),
  },
  { additionalProperties: true },
);
export type CreateIncidentRequest = Static<typeof CreateIncidentRequestSchema>;

export const CreateIncidentResponseSchema = Type.Object({ incident_id: Type.String({ format: 'uuid' }) });
export type CreateIncidentResponse = Static<typeof CreateIncidentResponseSchema>;

/** What was understood from the description. */
export const ExtractedEntitiesSchema = Type.Object(
  {
    pod_name: Nullable(Type.String()),
    namespace: Nullable(Type.String()),
    /** description | default: where the namespace came from. */
    namespace_source: Type.Optional(Nullable(Type.String())),
    /** Other things recognised: container, symptom (CrashLoopBackOff, OOMKilled, ...), workload, ... */
    container: Type.Optional(Nullable(Type.String())),
    symptoms: Type.Optional(Type.Array(Type.String())),
    /** A workload named in the description (`deployment/checkout-api`), and its kind. */
    workload: Type.Optional(Nullable(Type.String())),
    workload_kind: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: true },
);
export type ExtractedEntities = Static<typeof ExtractedEntitiesSchema>;

/** A piece of evidence that could not be collected, recorded instead of failing the incident. */
export const EvidenceErrorSchema = Type.Object({
  /** pod_details | pod_logs | pod_events */
  source: Type.String(),
  container: Type.Optional(Type.String()),
  previous: Type.Optional(Type.Boolean()),
  /** HTTP status from the agent, or 0 when the agent could not be reached. */
  code: Type.Integer(),
  /** not_found | bad_request | unavailable | timeout | forbidden | error */
  kind: Type.String(),
  message: Type.String(),
});
export type EvidenceError = Static<typeof EvidenceErrorSchema>;

/** The logs fetched for one container: its current instance and, when it restarted, the previous one. */
export const ContainerLogsEvidenceSchema = Type.Object({
  current: Type.Optional(PodLogsSchema),
  previous: Type.Optional(PodLogsSchema),
});
export type ContainerLogsEvidence = Static<typeof ContainerLogsEvidenceSchema>;

/**
 * What the investigation collected. Each key holds the agent's answer as it returned it;
 * a key is absent when that piece could not be collected, and `errors` says why.
 */
export const EvidenceSchema = Type.Object(
  {
    pod_details: Type.Optional(PodDetailsSchema),
    /** Keyed by container name. */
    pod_logs: Type.Optional(Type.Record(Type.String(), ContainerLogsEvidenceSchema)),
    pod_events: Type.Optional(PodEventsSchema),
    errors: Type.Optional(Type.Array(EvidenceErrorSchema)),
    /** A finding from collection itself, e.g. "pod web-1 not found in namespace shop". */
    finding: Type.Optional(Type.String()),
    collected_at: Type.Optional(Timestamp),
  },
  { additionalProperties: true },
);
export type Evidence = Static<typeof EvidenceSchema>;

export const IncidentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  description: Type.String(),
  status: IncidentStatusSchema,
  created_at: Timestamp,
  updated_at: Timestamp,
  completed_at: Nullable(Timestamp),
  extracted_entities: Nullable(ExtractedEntitiesSchema),
  evidence: EvidenceSchema,
  suggested_root_cause: Nullable(Type.String()),
  confidence_score: Nullable(ConfidenceSchema),
  diagnosis: Nullable(DiagnosisSchema),
  error: Nullable(Type.String()),
});
export type Incident = Static<typeof IncidentSchema>;

export const IncidentListQuerySchema = Type.Object({
  status: Type.Optional(IncidentStatusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type IncidentListQuery = Static<typeof IncidentListQuerySchema>;

export const IncidentListResponseSchema = Type.Object({
  items: Type.Array(IncidentSchema),
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: Nullable(Type.String()),
});
export type IncidentListResponse = Static<typeof IncidentListResponseSchema>;
