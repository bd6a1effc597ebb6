import { type Static, Type } from 'typebox';
import { Nullable } from './common.js';

/** `GET /api/v1/pods/{namespace}/{name}/logs` on the k8s-agent. */
export const PodLogsSchema = Type.Object({
  namespace: Type.String(),
  pod: Type.String(),
  container: Type.String(),
  /** True when these are the previous (crashed) instance's logs. */
  previous: Type.Boolean(),
  /** Why this container was chosen when the request named none: requested | annotation | failing | first | only. */
  container_selection: Type.String(),
  lines: Type.Array(Type.String()),
  line_count: Type.Integer(),
  /** True when the log was cut by `limit_bytes` (the first line may be partial then). */
  truncated: Type.Boolean(),
  tail: Nullable(Type.Integer()),
  limit_bytes: Type.Integer(),
  since_seconds: Nullable(Type.Integer()),
  timestamps: Type.Boolean(),
  /** How many credentials were masked in these lines (0 when masking is off or nothing matched). */
  masked_count: Type.Integer(),
});
export type PodLogs = Static<typeof PodLogsSchema>;

/** Query string of the logs endpoint. */
export const PodLogsQuerySchema = Type.Object({
  container: Type.Optional(Type.String()),
  tail: Type.Optional(Type.Integer({ minimum: 1 })),
  previous: Type.Optional(Type.Boolean()),
  since_seconds: Type.Optional(Type.Integer({ minimum: 1 })),
  limit_bytes: Type.Optional(Type.Integer({ minimum: 1 })),
  timestamps: Type.Optional(Type.Boolean()),
});
export type PodLogsQuery = Static<typeof PodLogsQuerySchema>;
