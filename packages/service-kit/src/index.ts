/**
 * @sre-orchestrator/service-kit: the Fastify plumbing both services share, so each service's
 * app.ts holds only its own plugins and routes.
 */
export { ConfigError, loadConfig } from './config.js';
export { type AppInstance, type CreateServerOptions, createServer } from './create-server.js';
export { AppError, badRequest, notFound } from './errors.js';
export { listenWithGrace, type RunOptions } from './graceful.js';
export { LogLevelSchema } from './log-level.js';
export { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
