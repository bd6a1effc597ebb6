import { isDnsLabel, isDnsSubdomain } from '@sre-orchestrator/contracts';
import { badRequest } from '@sre-orchestrator/service-kit';

// Rejected names are echoed in the message; a long one is cut so the answer stays small.
const QUOTED_MAX = 64;

const quote = (value: string): string =>
  JSON.stringify(value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}…` : value);

// RFC 1123 label and subdomain as Kubernetes validates them: one implementation, in contracts.
export { isDnsLabel as isDns1123Label, isDnsSubdomain as isDns1123Subdomain };

/**
 * Rejects names Kubernetes could never hold before any call is made, so nothing but a valid name can
 * reach an API path. Messages follow Kubernetes' own validation wording.
 */
export function assertValidNames(names: { namespace: string; pod: string; container?: string | undefined }): void {
  if (!isDnsLabel(names.namespace)) {
    throw badRequest(
      `invalid namespace name ${quote(names.namespace)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 63 characters`,
      { field: 'namespace' },
    );
  }
  if (!isDnsSubdomain(names.pod)) {
    throw badRequest(
      `invalid pod name ${quote(names.pod)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', must start and end with an alphanumeric character, and be at most 253 characters`,
      { field: 'name' },
    );
  }
  if (names.container !== undefined && !isDnsLabel(names.container)) {
    throw badRequest(
      `invalid container name ${quote(names.container)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 63 characters`,
      { field: 'container' },
    );
  }
}
