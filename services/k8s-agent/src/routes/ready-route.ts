import { ErrorResponseSchema, ReadyResponseSchema } from '@sre-orchestrator/contracts';
import { AppError, type AppInstance } from '@sre-orchestrator/service-kit';
import type { ReadinessChecker } from '../services/readiness-checker.js';

/** `GET /ready`: 200 when the Kubernetes API answers and the agent may read pods; 503 with the reason otherwise. */
export async function registerReadyRoute(app: AppInstance, readiness: ReadinessChecker): Promise<void> {
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the Kubernetes API answers and the agent may list pods in its own namespace.',
        description: 'The result is cached for a couple of seconds, so probes cannot hammer the API server.',
        tags: ['health'],
        response: { 200: ReadyResponseSchema, 503: ErrorResponseSchema },
      },
    },
    async () => {
      const result = await readiness.check();
      const kubernetes = { server: result.server, namespace: result.namespace, checked_at: result.checked_at };
      if (!result.ready) {
        throw new AppError(503, result.error.reason, `not ready: ${result.error.message}`, {
          ...kubernetes,
          kube_reason: result.error.reason,
          ...(result.error.details ?? {}),
        });
      }
      return { status: 'ready' as const, checks: { kubernetes } };
    },
  );
}
