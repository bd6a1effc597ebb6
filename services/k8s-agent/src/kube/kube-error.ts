/** Why a Kubernetes call failed, as far as the agent can tell. */
export const KubeFailure = {
  /** The API answered with an HTTP error status (a metav1.Status body, or raw text from a proxy). */
  Status: 'status',
  /** No answer within K8S_REQUEST_TIMEOUT_MS. */
  Timeout: 'timeout',
  /** Connection refused, DNS failure, TLS failure, connection reset. */
  Unreachable: 'unreachable',
  /** The agent has no usable Kubernetes configuration (no kubeconfig, insecure server refused). */
  NotConfigured: 'not_configured',
  /** A 2xx answer that could not be understood (e.g. an HTML page from a proxy). */
  InvalidResponse: 'invalid_response',
} as const;
export type KubeFailure = (typeof KubeFailure)[keyof typeof KubeFailure];

/** The fields of a metav1.Status the agent uses. */
export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; group?: string; kind?: string };
}

/**
 * A failed Kubernetes call, keeping what the API said (status code, parsed Status, raw body) and the cause,
 * so the route can answer with what happened rather than a generic error.
 */
export class KubeError extends Error {
  override readonly name = 'KubeError';
  constructor(
    readonly failure: KubeFailure,
    message: string,
    readonly extra: {
      /** HTTP status the API answered with, for `status` failures. */
      httpStatus?: number;
      /** The parsed Status body, when the body was one. */
      status?: KubeStatus;
      /** The body as received when it was not a Status (proxy HTML, plain text), already shortened. */
      rawBody?: string;
      /** A system error code such as ECONNREFUSED, for `unreachable`. */
      errorCode?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
  }
}
