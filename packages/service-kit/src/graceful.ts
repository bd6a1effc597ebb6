import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';

export interface RunOptions {
  port: number;
  host: string;
  /** How long shutdown may take before the process exits anyway, in ms. */
  graceMs: number;
}

/**
 * Listens, and closes gracefully on SIGINT/SIGTERM or an uncaught error: Fastify stops accepting,
 * its onClose hooks run (services drain there), and the process exits within `graceMs`.
 */
export async function listenWithGrace(app: FastifyInstance, options: RunOptions): Promise<void> {
  closeWithGrace({ delay: options.graceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ port: options.port, host: options.host });
}
