import type { IPod } from 'kubernetes-models/v1/Pod';
import { type Cluster, RESOURCE_TYPES, type ResourceType } from './cluster.js';
import type { ForbidRule } from './fake-kube-api.js';
import { answerPodLog, type PodLogQuery } from './pod-logs.js';
import { podTable } from './pod-table.js';
import type { CoreEvent } from './scenarios/scenario.js';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  type SelectorTerm,
} from './selectors.js';
import { badRequest, forbidden, invalid, notFound, pathNotFound, type StatusBody } from './status.js';

export interface ApiRequest {
  path: string;
  query: URLSearchParams;
  /** The Accept header: kubectl asks for `as=Table` server-side printing. */
  accept?: string;
}

export interface RequestContext {
  identity: string;
  forbidRules: readonly ForbidRule[];
  now: Date;
}

export type ApiResult = { kind: 'json'; status: number; body: unknown } | { kind: 'text'; body: Buffer };

const KUBERNETES_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:36:26Z',
  goVersion: 'go1.22.9',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Fields the apiserver indexes for field selectors on core/v1 Events (see pkg/registry/core/event/strategy.go). */
const EVENT_FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
]);

const POD_FIELDS = new Set([
  'metadata.name',
  'metadata.namespace',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'status.phase',
  'status.podIP',
  'status.nominatedNodeName',
]);

const json = (status: number, body: unknown): ApiResult => ({ kind: 'json', status, body });
const status = (body: StatusBody): ApiResult => json(body.code, body);

/** Where a request points: an API group version, maybe a namespace, a resource, a name and a subresource. */
interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function parseTarget(path: string): Target | { discovery: string } | undefined {
  const parts = path.split('/').filter((p) => p.length > 0);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1] ?? '';
    if (parts[2] !== 'v1') return undefined;
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  if (rest.length === 0) return { discovery: group };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (extra.length > 0) return undefined;
  const type = RESOURCE_TYPES.find((t) => t.group === group && t.resource === resource);
  if (!type) return undefined;
  if (namespace !== undefined && !type.namespaced) return undefined;
  if (subresource !== undefined && !(type.resource === 'pods' && subresource === 'log')) return undefined;
  return {
    type,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

function isForbidden(target: Target, verb: string, cluster: Cluster, rules: readonly ForbidRule[]): boolean {
  if (target.namespace && cluster.forbiddenNamespaces.has(target.namespace)) return true;
  const resource = target.subresource ? `${target.type.resource}/${target.subresource}` : target.type.resource;
  return rules.some(
    (r) =>
      (r.verb === '*' || r.verb === verb) &&
      (r.resource === '*' || r.resource === resource) &&
      (r.namespace === '*' || r.namespace === target.namespace),
  );
}

function discovery(group: string): unknown {
  const resources = RESOURCE_TYPES.filter((t) => t.group === group).flatMap((t) => {
    const entry = {
      name: t.resource,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['get', 'list'],
    };
    return t.resource === 'pods'
      ? [entry, { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }]
      : [entry];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/v1` : 'v1', resources };
}

function nonResource(path: string): ApiResult | undefined {
  const normalised = path.replace(/\/+$/, '') || '/';
  switch (normalised) {
    case '/version':
      return json(200, KUBERNETES_VERSION);
    case '/api':
      return json(200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.10:6443' }],
      });
    case '/apis': {
      const groups = [...new Set(RESOURCE_TYPES.map((t) => t.group).filter((g) => g))].map((name) => ({
        name,
        versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
        preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
      }));
      return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    default:
      return undefined;
  }
}

/** An object as it appears in a list: the apiserver leaves kind and apiVersion to the list itself. */
function listItem(obj: object): object {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj as { kind?: string; apiVersion?: string };
  return rest;
}

function integerParam(query: URLSearchParams, name: string): number | undefined | Error {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) return new Error(`${name}: Invalid value: "${raw}": must be an integer`);
  return Number(raw);
}

function booleanParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  return raw === 'true' || raw === '1' || raw === 'True' || raw === 'TRUE';
}

/** Paginates like the apiserver with `limit` and an opaque `continue` token. */
function list(type: ResourceType, items: object[], query: URLSearchParams, cluster: Cluster): ApiResult {
  const limit = integerParam(query, 'limit');
  if (limit instanceof Error) return status(badRequest(limit.message));
  let offset = 0;
  const token = query.get('continue');
  if (token) {
    try {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
      if (typeof decoded.offset !== 'number' || decoded.offset < 0) throw new Error('bad offset');
      offset = decoded.offset;
    } catch {
      return status(
        badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'),
      );
    }
  }
  const metadata: Record<string, unknown> = { resourceVersion: cluster.resourceVersion };
  // etcd returns keys (namespace/name) in order, so real lists come sorted that way.
  const key = (o: object) => `${metaOf(o).namespace ?? ''}/${metaOf(o).name ?? ''}`;
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let page = sorted.slice(offset);
  if (limit !== undefined && limit > 0 && page.length > limit) {
    page = page.slice(0, limit);
    metadata.continue = Buffer.from(JSON.stringify({ offset: offset + limit }), 'utf8').toString('base64url');
    metadata.remainingItemCount = sorted.length - offset - limit;
  }
  return json(200, {
    kind: `${type.kind}List`,
    apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
    metadata,
    items: page.map(listItem),
  });
}

function selectorTerms(
  query: URLSearchParams,
  fields: ReadonlySet<string>,
): { labels: SelectorTerm[]; fields: SelectorTerm[] } | StatusBody {
  try {
    return {
      labels: parseLabelSelector(query.get('labelSelector') ?? ''),
      fields: parseFieldSelector(query.get('fieldSelector') ?? '', fields),
    };
  } catch (error) {
    if (error instanceof SelectorError) return badRequest(error.message);
    throw error;
  }
}

function podFields(pod: IPod): Record<string, string> {
  return {
    'metadata.name': pod.metadata?.name ?? '',
    'metadata.namespace': pod.metadata?.namespace ?? '',
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': pod.status?.podIP ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  };
}

function eventFields(event: CoreEvent): Record<string, string> {
  const o = event.involvedObject;
  return {
    'metadata.name': event.metadata.name ?? '',
    'metadata.namespace': event.metadata.namespace ?? '',
    'involvedObject.kind': o.kind ?? '',
    'involvedObject.namespace': o.namespace ?? '',
    'involvedObject.name': o.name ?? '',
    'involvedObject.uid': o.uid ?? '',
    'involvedObject.apiVersion': o.apiVersion ?? '',
    'involvedObject.resourceVersion': o.resourceVersion ?? '',
    'involvedObject.fieldPath': o.fieldPath ?? '',
    reason: event.reason ?? '',
    reportingComponent: event.reportingComponent ?? '',
    source: event.source?.component ?? '',
    type: event.type ?? '',
  };
}

/** The fields a resource's lists can be filtered on, and how to read them off one of its objects. */
interface FieldIndex {
  names: ReadonlySet<string>;
  of(obj: object): Record<string, string>;
}

const METADATA_FIELD_INDEX: FieldIndex = {
  names: new Set(['metadata.name', 'metadata.namespace']),
  of: (o) => ({ 'metadata.name': metaOf(o).name ?? '', 'metadata.namespace': metaOf(o).namespace ?? '' }),
};

const FIELD_INDEXES: Partial<Record<string, FieldIndex>> = {
  pods: { names: POD_FIELDS, of: (o) => podFields(o as IPod) },
  events: { names: EVENT_FIELDS, of: (o) => eventFields(o as CoreEvent) },
};

function podLogQuery(query: URLSearchParams, name: string): PodLogQuery | StatusBody {
  const tailLines = integerParam(query, 'tailLines');
  const limitBytes = integerParam(query, 'limitBytes');
  const sinceSeconds = integerParam(query, 'sinceSeconds');
  for (const value of [tailLines, limitBytes, sinceSeconds]) {
    if (value instanceof Error) return badRequest(value.message);
  }
  // PodLogOptions validation: an Invalid (422) Status listing each bad field.
  const causes: string[] = [];
  if (typeof tailLines === 'number' && tailLines < 0) {
    causes.push(`tailLines: Invalid value: ${tailLines}: must be greater than or equal to 0`);
  }
  if (typeof limitBytes === 'number' && limitBytes < 1) {
    causes.push(`limitBytes: Invalid value: ${limitBytes}: must be greater than 0`);
  }
  if (typeof sinceSeconds === 'number' && sinceSeconds < 1) {
    causes.push(`sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`);
  }
  if (causes.length > 0) return invalid('PodLogOptions', name, causes);
  const container = query.get('container');
  return {
    ...(container ? { container } : {}),
    previous: booleanParam(query, 'previous'),
    timestamps: booleanParam(query, 'timestamps'),
    ...(typeof tailLines === 'number' ? { tailLines } : {}),
    ...(typeof limitBytes === 'number' ? { limitBytes } : {}),
    ...(typeof sinceSeconds === 'number' ? { sinceSeconds } : {}),
  };
}

function objectsOf(cluster: Cluster, type: ResourceType): object[] {
  switch (type.resource) {
    case 'pods':
      return cluster.pods;
    case 'events':
      return cluster.events;
    case 'nodes':
      return cluster.nodes;
    case 'namespaces':
      return cluster.namespaces;
    default:
      return cluster.owners.filter((o) => o.kind === type.kind);
  }
}

function metaOf(obj: object): { name?: string; namespace?: string; labels?: Record<string, string> } {
  return (obj as { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } }).metadata ?? {};
}

/** Answers one authenticated GET the way the apiserver would. */
export function handleApiRequest(cluster: Cluster, request: ApiRequest, context: RequestContext): ApiResult {
  const fixed = nonResource(request.path);
  if (fixed) return fixed;
  const target = parseTarget(request.path);
  if (!target) return status(pathNotFound());
  if ('discovery' in target) return json(200, discovery(target.discovery));
  const { type, namespace, name, subresource } = target;
  const gr = { group: type.group, resource: type.resource };
  const verb = name === undefined ? 'list' : 'get';
  if (isForbidden(target, verb, cluster, context.forbidRules)) {
    return status(
      forbidden({
        identity: context.identity,
        verb,
        gr,
        ...(subresource ? { subresource } : {}),
        ...(name ? { name } : {}),
        ...(namespace ? { namespace } : {}),
      }),
    );
  }

  const inScope = objectsOf(cluster, type).filter((o) => namespace === undefined || metaOf(o).namespace === namespace);
  if (name !== undefined) {
    const found = inScope.find((o) => metaOf(o).name === name);
    if (!found) return status(notFound(gr, name));
    if (subresource === 'log') {
      const parsed = podLogQuery(request.query, name);
      if ('kind' in parsed) return status(parsed);
      const logs = cluster.logs.get(`${namespace}/${name}`);
      const answer = answerPodLog(found as IPod, logs, parsed, context.now);
      return answer.kind === 'status' ? status(answer.status) : { kind: 'text', body: answer.body };
    }
    return json(200, found);
  }

  const fieldIndex = FIELD_INDEXES[type.resource] ?? METADATA_FIELD_INDEX;
  const terms = selectorTerms(request.query, fieldIndex.names);
  if ('code' in terms) return status(terms);
  const selected = inScope.filter(
    (o) => matchesLabels(terms.labels, metaOf(o).labels) && matchesFields(terms.fields, fieldIndex.of(o)),
  );
  if (type.resource === 'pods' && request.accept?.includes('as=Table')) {
    const listed = list(type, selected, request.query, cluster);
    if (listed.kind !== 'json' || listed.status !== 200) return listed;
    const body = listed.body as { metadata: Record<string, unknown>; items: IPod[] };
    return json(200, podTable(body.items, body.metadata, context.now));
  }
  return list(type, selected, request.query, cluster);
}
