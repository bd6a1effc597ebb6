import { type Static, Type } from 'typebox';

/**
 * The one error shape every endpoint of both services answers with.
 * `code` repeats the HTTP status; extra detail fields are allowed (for example
 * `reason` carrying Kubernetes' Status reason, or `request_id`).
 */
export const ErrorResponseSchema = Type.Object(
  {
    code: Type.Integer({ description: 'The HTTP status code, repeated.' }),
    message: Type.String({ description: 'What went wrong, for a human.' }),
    reason: Type.Optional(
      Type.String({ description: 'A stable machine-readable reason, e.g. NotFound, Forbidden, Timeout.' }),
    ),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    request_id: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') });
export type HealthResponse = Static<typeof HealthResponseSchema>;

export const ReadyResponseSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    reason: Type.Optional(Type.String()),
    checks: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);
export type ReadyResponse = Static<typeof ReadyResponseSchema>;
