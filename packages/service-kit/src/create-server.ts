import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { HealthResponseSchema } from '@sre-orchestrator/contracts';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { DestinationStream } from 'pino';
import { AppError } from './errors.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';

export interface CreateServerOptions {
  /** Service name, logged on every line and used as the OpenAPI title. */
  service: string;
  version: string;
  description?: string;
  /** pino level: fatal | error | warn | info | debug | trace | silent. */
  logLevel: string;
  /** Where logs go; stdout when absent. Tests pass a stream to capture lines. */
  logStream?: DestinationStream;
  /** Largest request body accepted, in bytes; larger bodies are answered 413. */
  bodyLimit?: number;
}

/** The Fastify instance both services build on, typed through the TypeBox provider. */
export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const PROBE_PATHS = new Set(['/health', '/ready']);

// Fastify's own client-error codes, mapped to stable reasons for the `{code, message, reason}` shape.
const FASTIFY_REASONS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BadRequest',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BadRequest',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BadRequest',
};

/**
 * A Fastify instance with everything both services share, in a fixed order: logger with request
 * ids, the TypeBox type provider, one error handler and not-found handler answering
 * `{code, message}`, OpenAPI generation served at `GET /openapi.json`, and `GET /health`.
 * The caller registers its own services and routes afterwards.
 */
export async function createServer(options: CreateServerOptions): Promise<AppInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      base: { service: options.service },
      // Never log credentials a caller may send.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[REDACTED]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: requestIdFrom,
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      // Probes arrive every few seconds; logging each would drown the lines that matter.
      disableRequestLogging: (request) => PROBE_PATHS.has(request.url),
    }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Bound every request: no client can hold a socket open forever.
    requestTimeout: 30_000,
    connectionTimeout: 30_000,
    return503OnClosing: true,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as AppInstance;

  // The APIs speak JSON only: anything else is answered 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');

  // Response schemas document the API (OpenAPI) but answers are written with JSON.stringify: the schemas
  // are full of nullable unions, for which fast-json-stringify compiles a validator per branch on first
  // use, which made the first GET of an incident take ~0.5 s. Handlers build their answers field by field,
  // so there is nothing for a schema-driven serializer to strip.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.warn({ err: error }, error.message);
      return reply
        .status(error.statusCode)
        .send(errorBody(request, error.statusCode, error.reason, error.message, error.details));
    }
    if (error.validation) {
      return reply.status(400).send(errorBody(request, 400, 'ValidationError', error.message));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const reason = (error.code && FASTIFY_REASONS[error.code]) ?? 'BadRequest';
      return reply.status(status).send(errorBody(request, status, reason, error.message));
    }
    // Unknown failures: log everything, answer nothing internal.
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(request, 500, 'InternalError', 'Internal Server Error'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody(request, 404, 'NotFound', `Route ${request.method} ${request.url.split('?')[0]} not found`)),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: options.service, version: options.version, description: options.description ?? '' },
    },
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness: the process is up (no dependency is called).',
        tags: ['health'],
        response: { 200: HealthResponseSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  return app;
}

/** The one error shape every answer of both services uses: `{code, message, reason, details?, request_id}`. */
function errorBody(
  request: FastifyRequest,
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
) {
  return { code, message, reason, ...(details ? { details } : {}), request_id: request.id };
}
