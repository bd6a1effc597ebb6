import { randomUUID } from 'node:crypto';
import {
  type Diagnosis,
  DiagnosisSchema,
  type Evidence,
  type ExtractedEntities,
  type Incident,
  IncidentStatus,
  isFinished,
} from '@sre-orchestrator/contracts';
import { AppError } from '@sre-orchestrator/service-kit';
import type { FastifyBaseLogger } from 'fastify';
import { Value } from 'typebox/value';
import { diagnose } from '../diagnosis/index.js';
import { extractEntities } from '../extraction/index.js';
import type { KnowledgeGraph } from '../knowledge-graph/index.js';
import type { IncidentListOptions, IncidentPage, IncidentRepository } from '../store/incident-repository.js';
import { StoreFullError } from '../store/incident-repository.js';
import { CollectionOutcome, collectEvidence, type EvidenceSource } from './collect-evidence.js';
import { type InvestigationQueue, QueueClosedError, QueueFullError } from './investigation-queue.js';

export const SHUTDOWN_REASON = 'orchestrator shut down before the investigation finished';

export const NO_POD_FINDING =
  'no pod name could be identified in the description, so no cluster data was collected; ' +
  'name the pod as Kubernetes shows it, e.g. "pod checkout-api-7d9f8b6c5-x2k4p in namespace payments"';

/** Seconds a client is asked to wait before retrying a 503 (queue full, shutting down). */
export const RETRY_AFTER_SECONDS = 5;

export interface IncidentServiceOptions {
  store: IncidentRepository;
  queue: InvestigationQueue;
  agent: EvidenceSource;
  /** The loaded knowledge graph, handed to the diagnosis engine as is. */
  graph?: KnowledgeGraph | undefined;
  log: FastifyBaseLogger;
  now: () => Date;
  defaultNamespace: string;
  investigationTimeoutMs: number;
  logTailLines: number;
  logLimitBytes?: number;
  shutdownGraceMs: number;
}

/**
 * The incident workflow: accepts a report, stores it as `pending`, and investigates it in the
 * background through the bounded queue: extract the pod, collect evidence from the agent,
 * diagnose. Every investigation ends `completed` or `failed`, within its deadline or at shutdown.
 */
export class IncidentService {
  private shuttingDown = false;

  constructor(private readonly options: IncidentServiceOptions) {}

  /** Whether new incidents are accepted: not shutting down (a full queue still counts as ready). */
  get ready(): boolean {
    return !this.shuttingDown && this.options.queue.accepting;
  }

  async create(description: string, requestId: string): Promise<Incident> {
    const { queue, store, log } = this.options;
    if (!this.ready) throw shuttingDownError();
    if (!queue.hasRoom) throw queueFullError(`investigation queue is full`);
    const at = this.timestamp();
    const incident: Incident = {
      id: randomUUID(),
      description,
      status: IncidentStatus.Pending,
      created_at: at,
      updated_at: at,
      completed_at: null,
      extracted_entities: null,
      evidence: {},
      suggested_root_cause: null,
      confidence_score: null,
      diagnosis: null,
      error: null,
    };
    try {
      await store.create(incident);
    } catch (error) {
      if (error instanceof StoreFullError) throw queueFullError(error.message);
      throw error;
    }
    try {
      queue.submit(incident.id, (signal) => this.investigate(incident.id, description, requestId, signal));
    } catch (error) {
      // Between the room check and now another request took the last slot: record why, refuse.
      const reason = error instanceof QueueClosedError ? SHUTDOWN_REASON : (error as Error).message;
      await this.fail(incident.id, `not investigated: ${reason}`, {});
      if (error instanceof QueueFullError) throw queueFullError(error.message);
      if (error instanceof QueueClosedError) throw shuttingDownError();
      throw error;
    }
    log.info({ incident_id: incident.id, description_length: description.length }, 'incident created');
    log.debug({ incident_id: incident.id, description }, 'incident description');
    return incident;
  }

  get(id: string): Promise<Incident | undefined> {
    return this.options.store.get(id);
  }

  list(options: IncidentListOptions): Promise<IncidentPage> {
    return this.options.store.list(options);
  }

  /**
   * Stops accepting, lets running investigations finish within the grace period, and marks every
   * investigation that did not (queued or still running) failed with the reason.
   */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const { dropped, aborted } = await this.options.queue.shutdown(this.options.shutdownGraceMs, SHUTDOWN_REASON);
    for (const id of [...dropped, ...aborted]) {
      const incident = await this.options.store.get(id);
      if (incident && !isFinished(incident)) await this.fail(id, SHUTDOWN_REASON, incident.evidence);
    }
    if (dropped.length + aborted.length > 0) {
      this.options.log.warn(
        { dropped: dropped.length, aborted: aborted.length },
        'shutdown: unfinished investigations marked failed',
      );
    }
  }

  private async investigate(id: string, description: string, requestId: string, queueSignal: AbortSignal) {
    const { store, log: rootLog, investigationTimeoutMs } = this.options;
    const log = rootLog.child({ incident_id: id, request_id: requestId });
    const startedAt = performance.now();
    const deadline = AbortSignal.timeout(investigationTimeoutMs);
    const signal = AbortSignal.any([queueSignal, deadline]);
    const evidence: Evidence = {};
    let entities: ExtractedEntities | null = null;
    try {
      await store.update(id, { status: IncidentStatus.Running, updated_at: this.timestamp() });
      entities = extractEntities(description, { defaultNamespace: this.options.defaultNamespace });
      await store.update(id, { extracted_entities: entities, updated_at: this.timestamp() });

      if (!entities.pod_name) {
        evidence.finding = NO_POD_FINDING;
        evidence.collected_at = this.timestamp();
        await this.complete(id, evidence, entities, log);
        return;
      }
      const namespace = entities.namespace ?? this.options.defaultNamespace;
      const collection = await untilAborted(
        collectEvidence(
          this.options.agent,
          {
            namespace,
            pod: entities.pod_name,
            container: entities.container,
            tailLines: this.options.logTailLines,
            limitBytes: this.options.logLimitBytes,
            requestId,
            signal,
          },
          evidence,
        ),
        signal,
      );
      evidence.collected_at = this.timestamp();
      if (collection.outcome === CollectionOutcome.NothingCollected) {
        await this.fail(id, collection.reason ?? 'no evidence could be collected', evidence);
        log.warn({ reason: collection.reason }, 'investigation failed: no evidence collected');
        return;
      }
      const diagnosis = await this.complete(id, evidence, entities, log);
      log.info(
        {
          outcome: collection.outcome,
          category: diagnosis?.category ?? null,
          evidence_errors: evidence.errors?.length ?? 0,
          duration_ms: Math.round(performance.now() - startedAt),
        },
        'investigation completed',
      );
    } catch (error) {
      let reason: string;
      if (queueSignal.aborted) reason = SHUTDOWN_REASON;
      else if (deadline.aborted) reason = `investigation did not finish within ${investigationTimeoutMs} ms`;
      else {
        reason = `investigation failed unexpectedly: ${(error as Error)?.message ?? String(error)}`;
        log.error({ err: error }, 'investigation failed unexpectedly');
      }
      evidence.collected_at ??= this.timestamp();
      await this.fail(id, reason, evidence);
      log.warn({ reason, duration_ms: Math.round(performance.now() - startedAt) }, 'investigation failed');
    }
  }

  private async complete(
    id: string,
    evidence: Evidence,
    entities: ExtractedEntities,
    log: FastifyBaseLogger,
  ): Promise<Diagnosis | null> {
    const result = this.diagnoseSafely(evidence, entities, log);
    const at = this.timestamp();
    await this.options.store.update(id, {
      status: IncidentStatus.Completed,
      evidence,
      diagnosis: result?.diagnosis ?? null,
      suggested_root_cause: result?.suggested_root_cause ?? null,
      confidence_score: result?.confidence_score ?? null,
      error: null,
      updated_at: at,
      completed_at: at,
    });
    return result?.diagnosis ?? null;
  }

  // A broken rule must not cost the user the evidence: the incident completes without a diagnosis.
  private diagnoseSafely(evidence: Evidence, entities: ExtractedEntities, log: FastifyBaseLogger) {
    try {
      const result = diagnose({ evidence, entities, graph: this.options.graph, now: this.options.now() });
      if (!Value.Check(DiagnosisSchema, result.diagnosis)) {
        log.warn('diagnosis engine returned a diagnosis outside the contract; incident completed without one');
        return null;
      }
      return result;
    } catch (error) {
      log.warn({ err: error }, 'diagnosis engine failed; incident completed without a diagnosis');
      return null;
    }
  }

  private async fail(id: string, reason: string, evidence: Evidence): Promise<void> {
    const at = this.timestamp();
    await this.options.store.update(id, {
      status: IncidentStatus.Failed,
      evidence,
      error: reason,
      updated_at: at,
      completed_at: at,
    });
  }

  private timestamp(): string {
    return this.options.now().toISOString();
  }
}

/** Rejects as soon as `signal` aborts, even if `work` ignores the signal. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function queueFullError(message: string): AppError {
  return new AppError(503, 'QueueFull', `${message}; retry later`, { retry_after_seconds: RETRY_AFTER_SECONDS });
}

function shuttingDownError(): AppError {
  return new AppError(503, 'ShuttingDown', 'the orchestrator is shutting down and accepts no new incidents', {
    retry_after_seconds: RETRY_AFTER_SECONDS,
  });
}
