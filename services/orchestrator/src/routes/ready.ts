import { ErrorResponseSchema, ReadyResponseSchema } from '@sre-orchestrator/contracts';
import type { AppInstance } from '@sre-orchestrator/service-kit';

/**
 * Readiness: the orchestrator takes new incidents. Deliberately independent of the agent, which
 * may restart at any time; incidents created meanwhile record that failure. A full queue is
 * reported but stays ready: the in-memory store lives in this pod, so leaving the Service's
 * endpoints would also hide the incidents already reported, while POSTs get 503 with Retry-After.
 */
export async function readyRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the orchestrator accepts new incidents (the agent is not checked).',
        tags: ['health'],
        response: { 200: ReadyResponseSchema, 503: ReadyResponseSchema, 500: ErrorResponseSchema },
      },
    },
    async (_request, reply) => {
      const checks = {
        investigations_running: app.investigationQueue.runningCount,
        investigations_queued: app.investigationQueue.queuedCount,
        queue_has_room: app.investigationQueue.hasRoom,
      };
      if (!app.incidents.ready) {
        return reply.status(503).send({ status: 'not_ready', reason: 'shutting down', checks });
      }
      return reply.status(200).send({ status: 'ready', checks });
    },
  );
}
