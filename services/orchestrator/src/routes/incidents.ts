import {
  CreateIncidentRequestSchema,
  CreateIncidentResponseSchema,
  DESCRIPTION_MAX_CHARS,
  ErrorResponseSchema,
  IncidentListQuerySchema,
  IncidentListResponseSchema,
  IncidentSchema,
} from '@sre-orchestrator/contracts';
import { AppError, type AppInstance, badRequest, notFound } from '@sre-orchestrator/service-kit';
import { Type } from 'typebox';
import { InvalidCursorError } from '../store/incident-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const errors = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  413: ErrorResponseSchema,
  415: ErrorResponseSchema,
  503: ErrorResponseSchema,
};

/** The public incident API: report a problem, follow its investigation, list incidents. */
export async function incidentRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/api/v1/incidents',
    {
      schema: {
        summary: 'Report a problem; the investigation runs in the background.',
        tags: ['incidents'],
        body: CreateIncidentRequestSchema,
        response: { 202: CreateIncidentResponseSchema, ...errors },
      },
      // The schema documents the body; parseDescription checks it, so that an over-long description
      // is answered 413 (not the generic 400) and every mistake gets a message of its own.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const description = parseDescription(request.body as unknown);
      const incident = await app.incidents.create(description, request.id);
      return reply
        .status(202)
        .header('location', `/api/v1/incidents/${incident.id}`)
        .send({ incident_id: incident.id });
    },
  );

  app.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        summary: 'One incident: its status, the evidence collected and the diagnosis.',
        tags: ['incidents'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: IncidentSchema, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!UUID.test(id)) throw badRequest(`incident id must be a UUID, got "${id.slice(0, 64)}"`);
      const incident = await app.incidents.get(id.toLowerCase());
      if (!incident) throw notFound(`incident ${id} not found`);
      return incident;
    },
  );

  app.get(
    '/api/v1/incidents',
    {
      schema: {
        summary: 'Incidents, newest first, one page at a time.',
        tags: ['incidents'],
        querystring: IncidentListQuerySchema,
        response: { 200: IncidentListResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      try {
        return await app.incidents.list({ status, limit: limit ?? 20, cursor });
      } catch (error) {
        if (error instanceof InvalidCursorError) throw badRequest(`invalid cursor: ${error.message}`);
        throw error;
      }
    },
  );
}

function parseDescription(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object like {"description": "..."}');
  }
  const description = (body as { description?: unknown }).description;
  if (description === undefined) throw badRequest('"description" is required');
  if (typeof description !== 'string') throw badRequest('"description" must be a string');
  if (description.trim() === '') throw badRequest('"description" must not be empty');
  if (description.length > DESCRIPTION_MAX_CHARS) {
    throw new AppError(
      413,
      'PayloadTooLarge',
      `"description" is ${description.length} characters; the limit is ${DESCRIPTION_MAX_CHARS}`,
    );
  }
  return description;
}
