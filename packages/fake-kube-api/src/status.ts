/**
 * metav1.Status bodies worded as the apiserver words them, so clients parse and display them as they would a real
 * cluster's. Messages follow k8s.io/apimachinery/pkg/api/errors and the authorization filter's forbiddenMessage.
 */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

/** A resource the fake serves: its plural name and API group ('' for core). */
export interface GroupResource {
  group: string;
  resource: string;
}

function failure(code: number, reason: string, message: string, details?: StatusBody['details']): StatusBody {
  // Field order as the apiserver serialises it, so byte-for-byte comparisons with real answers hold.
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** `pods`, `deployments.apps`: how apimachinery's GroupResource.String() names a resource in messages. */
function qualified({ group, resource }: GroupResource): string {
  return group ? `${resource}.${group}` : resource;
}

function details(gr: GroupResource, name?: string): NonNullable<StatusBody['details']> {
  const d: NonNullable<StatusBody['details']> = {};
  if (name) d.name = name;
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
}

export function unauthorized(): StatusBody {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function notFound(gr: GroupResource, name: string): StatusBody {
  return failure(404, 'NotFound', `${qualified(gr)} "${name}" not found`, details(gr, name));
}

export function pathNotFound(): StatusBody {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function methodNotAllowed(): StatusBody {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function badRequest(message: string): StatusBody {
  return failure(400, 'BadRequest', message);
}

/** 422 for an invalid options object (e.g. PodLogOptions), listing each bad field as apimachinery's NewInvalid does. */
export function invalid(kind: string, name: string, causes: readonly string[]): StatusBody {
  const joined = causes.join(', ');
  const message = `${kind} "${name}" is invalid: ${causes.length > 1 ? `[${joined}]` : joined}`;
  return failure(422, 'Invalid', message, { name, kind });
}

export function internalError(message: string): StatusBody {
  return failure(500, 'InternalError', message);
}

export interface ForbiddenRequest {
  identity: string;
  verb: string;
  gr: GroupResource;
  /** `log` for pods/log. */
  subresource?: string;
  name?: string;
  /** Absent for cluster-scoped resources. */
  namespace?: string;
}

export function forbidden({ identity, verb, gr, subresource, name, namespace }: ForbiddenRequest): StatusBody {
  const resource = subresource ? `${gr.resource}/${subresource}` : gr.resource;
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const why = `User "${identity}" cannot ${verb} resource "${resource}" in API group "${gr.group}" ${scope}`;
  const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, details(gr, name));
}
