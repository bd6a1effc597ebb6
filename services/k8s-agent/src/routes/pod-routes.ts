import {
  ErrorResponseSchema,
  PodDetailsSchema,
  PodEventsSchema,
  PodLogsQuerySchema,
  PodLogsSchema,
} from '@sre-orchestrator/contracts';
import type { AppInstance } from '@sre-orchestrator/service-kit';
import { Type } from 'typebox';
import type { KubeGateway } from '../kube/kube-gateway.js';
import { assertValidNames } from '../kube/kube-names.js';
import { getPodDetails } from '../services/pod-details-service.js';
import { getPodEvents } from '../services/pod-events-service.js';
import { getPodLogs, type LogLimits } from '../services/pod-logs-service.js';

export interface PodRoutesDeps {
  gateway: KubeGateway;
  limits: LogLimits;
}

const PodParamsSchema = Type.Object({
  namespace: Type.String({ description: 'Namespace (RFC 1123 label).' }),
  name: Type.String({ description: 'Pod name (RFC 1123 subdomain).' }),
});

const errorResponses = {
  400: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  502: ErrorResponseSchema,
  503: ErrorResponseSchema,
  504: ErrorResponseSchema,
};

/** The read-only pod endpoints. Names are checked before any Kubernetes call. */
export async function registerPodRoutes(app: AppInstance, deps: PodRoutesDeps): Promise<void> {
  app.get(
    '/api/v1/pods/:namespace/:name',
    {
      schema: {
        summary: 'Pod details: phase, conditions, owner chain, containers with states, resources, probes.',
        description: 'Environment variables are listed by name and source only; their values never leave the agent.',
        tags: ['pods'],
        params: PodParamsSchema,
        response: { 200: PodDetailsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { namespace, name } = request.params;
      assertValidNames({ namespace, pod: name });
      return getPodDetails(deps.gateway, namespace, name, request.log);
    },
  );

  app.get(
    '/api/v1/pods/:namespace/:name/logs',
    {
      schema: {
        summary: "A container's log lines, current or previous instance, bounded and with credentials masked.",
        description:
          'Without `container`, picks the default-container annotation, else the failing container, else the first; `container_selection` says which rule applied.',
        tags: ['pods'],
        params: PodParamsSchema,
        querystring: PodLogsQuerySchema,
        response: { 200: PodLogsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { namespace, name } = request.params;
      assertValidNames({ namespace, pod: name, container: request.query.container });
      return getPodLogs(deps.gateway, namespace, name, request.query, deps.limits);
    },
  );

  app.get(
    '/api/v1/pods/:namespace/:name/events',
    {
      schema: {
        summary: "The pod's events, newest first.",
        tags: ['pods'],
        params: PodParamsSchema,
        response: { 200: PodEventsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { namespace, name } = request.params;
      assertValidNames({ namespace, pod: name });
      return getPodEvents(deps.gateway, namespace, name, { maskSecrets: deps.limits.maskSecrets });
    },
  );
}
