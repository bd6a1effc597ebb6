import { AppError } from '@sre-orchestrator/service-kit';
import { KubeError, KubeFailure } from './kube-error.js';

/** The read that failed, so a 403 can say what the agent lacks even when the Status does not. */
export interface KubeRead {
  verb: 'get' | 'list';
  /** `pods`, `pods/log`, `events`, `replicasets.apps`, ... */
  resource: string;
  namespace: string;
}

// `User "system:serviceaccount:x:y" cannot get resource "pods/log" in API group "" in the namespace "payments"`,
// the authorization filter's wording (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go).
const FORBIDDEN_PATTERN =
  /cannot ([a-z]{1,32}) resource "([^"]{1,128})" in API group "([^"]{0,128})"(?: in the namespace "([^"]{1,63})")?/;

/**
 * Maps a failed Kubernetes call to the agent's answer: what the caller can act on, with Kubernetes'
 * own message kept. Known conditions never become a 500.
 */
export function kubeErrorToAppError(error: unknown, read: KubeRead): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof KubeError)) {
    return new AppError(502, 'KubeApiError', 'unexpected failure talking to the Kubernetes API', undefined, {
      cause: error,
    });
  }
  const cause = { cause: error };
  switch (error.failure) {
    case KubeFailure.NotConfigured:
      return new AppError(503, 'KubeNotConfigured', error.message, undefined, cause);
    case KubeFailure.Timeout:
      return new AppError(504, 'Timeout', error.message, undefined, cause);
    case KubeFailure.Unreachable:
      return new AppError(503, 'KubeUnreachable', error.message, { error_code: error.extra.errorCode }, cause);
    case KubeFailure.InvalidResponse:
      return new AppError(502, 'KubeInvalidResponse', error.message, undefined, cause);
    case KubeFailure.Status:
      return statusToAppError(error, read);
  }
}

function statusToAppError(error: KubeError, read: KubeRead): AppError {
  const httpStatus = error.extra.httpStatus ?? 502;
  const kubeReason = error.extra.status?.reason;
  const kubeMessage = error.extra.status?.message ?? error.message;
  const raw = error.extra.rawBody;
  const cause = { cause: error };
  // A Status message is quoted as Kubernetes wrote it; a raw body (proxy page, plain text) is quoted as text.
  const said = error.extra.status ? kubeMessage : raw ? `"${raw}"` : '(empty body)';
  const upstream = error.extra.status ? kubeMessage : `the Kubernetes API answered HTTP ${httpStatus}: ${said}`;

  if (httpStatus === 401) {
    return new AppError(
      503,
      'KubeCredentialsRejected',
      "the Kubernetes API rejected the agent's credentials (401 Unauthorized): the service-account token or kubeconfig user is invalid or expired",
      undefined,
      cause,
    );
  }
  if (httpStatus === 403) {
    const match = FORBIDDEN_PATTERN.exec(kubeMessage);
    const verb = match?.[1] ?? read.verb;
    const group = match?.[3] ?? '';
    const resource = match?.[2] ? (group ? `${match[2]}.${group}` : match[2]) : read.resource;
    const namespace = match?.[4] ?? read.namespace;
    return new AppError(
      403,
      'Forbidden',
      `the agent's service account may not ${verb} ${resource} in namespace "${namespace}": ${said}`,
      { verb, resource, namespace },
      cause,
    );
  }
  if (httpStatus === 404) {
    return new AppError(404, kubeReason ?? 'NotFound', upstream, undefined, cause);
  }
  if (httpStatus === 400 || httpStatus === 422) {
    return new AppError(400, kubeReason ?? 'BadRequest', upstream, undefined, cause);
  }
  if (httpStatus === 429) {
    return new AppError(
      503,
      'TooManyRequests',
      `the Kubernetes API is throttling the agent: ${upstream}`,
      undefined,
      cause,
    );
  }
  if (httpStatus === 504) {
    return new AppError(504, 'Timeout', `the Kubernetes API timed out: ${upstream}`, undefined, cause);
  }
  return new AppError(
    502,
    kubeReason && httpStatus >= 500 ? kubeReason : 'KubeApiError',
    `the Kubernetes API failed (HTTP ${httpStatus}): ${said}`,
    { kube_status: httpStatus },
    cause,
  );
}
