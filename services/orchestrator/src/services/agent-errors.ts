/** What kind of failure an agent call ended in; recorded as `evidence.errors[].kind`. */
export const AgentErrorKind = {
  NotFound: 'not_found',
  BadRequest: 'bad_request',
  Forbidden: 'forbidden',
  Unavailable: 'unavailable',
  Timeout: 'timeout',
  Protocol: 'error',
} as const;
export type AgentErrorKind = (typeof AgentErrorKind)[keyof typeof AgentErrorKind];

export interface AgentErrorOptions {
  /** The agent's stable reason (NotFound, Forbidden, ...), when it sent one. */
  reason?: string | undefined;
  /** A Retry-After the agent sent, in ms. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * A call to the k8s-agent that did not produce a valid answer. `status` is the agent's HTTP
 * status, or 0 when no answer arrived (connection refused, deadline passed); `message` is the
 * agent's own message when it sent one, which carries Kubernetes' wording.
 */
export abstract class AgentError extends Error {
  abstract readonly kind: AgentErrorKind;
  readonly status: number;
  readonly reason: string | undefined;

  constructor(status: number, message: string, options: AgentErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.reason = options.reason;
  }
}

/** 404: the pod (or the namespace) does not exist. */
export class AgentNotFoundError extends AgentError {
  override readonly name = 'AgentNotFoundError';
  readonly kind = AgentErrorKind.NotFound;
}

/** 400 and other 4xx: an invalid name, or Kubernetes refusing the request (e.g. logs not available yet). */
export class AgentBadRequestError extends AgentError {
  override readonly name = 'AgentBadRequestError';
  readonly kind = AgentErrorKind.BadRequest;
}

/** 401/403: the agent's service account may not read this (RBAC). */
export class AgentForbiddenError extends AgentError {
  override readonly name = 'AgentForbiddenError';
  readonly kind = AgentErrorKind.Forbidden;
}

/** The agent could not be reached, or it (or Kubernetes behind it) answered 5xx or 429. */
export class AgentUnavailableError extends AgentError {
  override readonly name = 'AgentUnavailableError';
  readonly kind = AgentErrorKind.Unavailable;
  readonly retryAfterMs: number | undefined;

  constructor(status: number, message: string, options: AgentErrorOptions = {}) {
    super(status, message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** No answer within the deadline, or the agent reporting that Kubernetes timed out (504). */
export class AgentTimeoutError extends AgentError {
  override readonly name = 'AgentTimeoutError';
  readonly kind = AgentErrorKind.Timeout;
}

/** The agent answered, but not with what the contract promises (malformed JSON, wrong shape, too large). */
export class AgentProtocolError extends AgentError {
  override readonly name = 'AgentProtocolError';
  readonly kind = AgentErrorKind.Protocol;
}
