import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from './common.js';

export const PodEventSchema = Type.Object({
  /** Normal | Warning */
  type: Type.String(),
  reason: Type.String(),
  message: Type.String(),
  count: Type.Integer(),
  first_seen: Nullable(Timestamp),
  last_seen: Nullable(Timestamp),
  /** `component` and `host` of the reporter, e.g. kubelet on node-1, default-scheduler. */
  source: Type.Object({ component: Nullable(Type.String()), host: Nullable(Type.String()) }),
  /** e.g. `spec.containers{app}`: which container the event is about, when it is about one. */
  field_path: Nullable(Type.String()),
  involved_kind: Nullable(Type.String()),
});
export type PodEvent = Static<typeof PodEventSchema>;

/** `GET /api/v1/pods/{namespace}/{name}/events` on the k8s-agent: newest first. */
export const PodEventsSchema = Type.Object({
  namespace: Type.String(),
  pod: Type.String(),
  events: Type.Array(PodEventSchema),
});
export type PodEvents = Static<typeof PodEventsSchema>;
