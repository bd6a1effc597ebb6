/**
 * Kubernetes object-name rules, as `k8s.io/apimachinery/pkg/util/validation` checks them. Shared by the
 * k8s-agent (names are checked before any API call) and the orchestrator (extraction and config).
 * Hand-written checks rather than regular expressions so that the cost is one pass over the name.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

/** RFC 1123 label (namespaces, container names) as a JSON-schema pattern, for config schemas. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';

/** RFC 1123 label: namespaces and container names. */
export const DNS_LABEL_MAX_LENGTH = 63;
/** RFC 1123 subdomain: pod and workload names. */
export const DNS_SUBDOMAIN_MAX_LENGTH = 253;

function isLowerAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export function isDnsLabel(name: string): boolean {
  const length = name.length;
  if (length === 0 || length > DNS_LABEL_MAX_LENGTH) return false;
  for (let i = 0; i < length; i++) {
    const c = name.charCodeAt(i);
    if (isLowerAlphanumeric(c)) continue;
    if (c === 45 && i > 0 && i < length - 1) continue;
    return false;
  }
  return true;
}

/** Dot-separated RFC 1123 labels, at most 253 characters, as `IsDNS1123Subdomain` in apimachinery checks it. */
export function isDnsSubdomain(name: string): boolean {
  const length = name.length;
  if (length === 0 || length > DNS_SUBDOMAIN_MAX_LENGTH) return false;
  let labelStart = 0;
  for (let i = 0; i < length; i++) {
    const c = name.charCodeAt(i);
    if (isLowerAlphanumeric(c)) continue;
    const atLabelEdge = i === labelStart || i === length - 1 || name.charCodeAt(i + 1) === 46;
    if (c === 45 && !atLabelEdge) continue;
    if (c === 46 && i !== labelStart && i !== length - 1) {
      labelStart = i + 1;
      continue;
    }
    return false;
  }
  return true;
}
