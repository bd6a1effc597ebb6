import { setTimeout as sleep } from 'node:timers/promises';
import {
  type PodDetails,
  PodDetailsSchema,
  type PodEvents,
  PodEventsSchema,
  type PodLogs,
  PodLogsSchema,
} from '@sre-orchestrator/contracts';
import { REQUEST_ID_HEADER } from '@sre-orchestrator/service-kit';
import { Compile } from 'typebox/compile';
import { Agent, type Dispatcher, request } from 'undici';
import {
  AgentBadRequestError,
  AgentError,
  AgentForbiddenError,
  AgentNotFoundError,
  AgentProtocolError,
  AgentTimeoutError,
  AgentUnavailableError,
} from './agent-errors.js';

export interface K8sAgentClientOptions {
  /** Deadline of one method call, every retry and backoff included, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Deadline of one attempt (connect, headers and body), in ms. Default: `timeoutMs`. */
  attemptTimeoutMs?: number;
  /** Retries after a connection error, an attempt timeout or a 429/502/503/504. Default 2. */
  maxRetries?: number;
  /** First backoff before a retry, in ms; doubled each time, with full jitter. Default 100. */
  backoffBaseMs?: number;
  /** Longest single backoff, in ms. Default 2 000. */
  backoffMaxMs?: number;
  /** Largest response body read, in bytes; a larger one is an AgentProtocolError. Default 2 MiB. */
  maxResponseBytes?: number;
  /**
   * The undici dispatcher to send through. Tests hand in a MockAgent; when absent the client owns
   * a keep-alive Agent and closes it in `close()`.
   */
  dispatcher?: Dispatcher;
}

export interface CallOptions {
  /** Forwarded as x-request-id so the agent's log lines join the incident's. */
  requestId?: string;
  /** Aborts the call, e.g. when the investigation's deadline passes. */
  signal?: AbortSignal;
}

/** Query of `GET /api/v1/pods/{ns}/{name}/logs`; absent fields take the agent's defaults. */
export interface PodLogsOptions extends CallOptions {
  container?: string;
  tail?: number;
  previous?: boolean;
  sinceSeconds?: number;
  limitBytes?: number;
  timestamps?: boolean;
}

const DEFAULTS = {
  timeoutMs: 10_000,
  maxRetries: 2,
  backoffBaseMs: 100,
  backoffMaxMs: 2_000,
  maxResponseBytes: 2 * 1024 * 1024,
};

/** A compiled contract schema for answers of type T: checks one and says where it is wrong. */
// biome-ignore lint/correctness/noUnusedVariables: T ties each validator to the answer type it admits.
interface AnswerValidator<T> {
  Check(value: unknown): boolean;
  Errors(value: unknown): ReadonlyArray<{ instancePath: string; message: string }>;
}

// Compiled once: checking an answer then costs microseconds rather than most of a millisecond.
const PodDetailsValidator: AnswerValidator<PodDetails> = Compile(PodDetailsSchema);
const PodLogsValidator: AnswerValidator<PodLogs> = Compile(PodLogsSchema);
const PodEventsValidator: AnswerValidator<PodEvents> = Compile(PodEventsSchema);

// 502 is the agent reporting a Kubernetes 5xx, 503 the agent or Kubernetes unreachable, 504 a
// Kubernetes timeout, 429 throttling: all may pass. Any other 4xx will answer the same again.
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The orchestrator's client of the k8s-agent's internal REST API. Every method is an idempotent
 * read, so failures that may pass are retried with exponential backoff and jitter within one
 * overall deadline; answers are size-capped, parsed defensively and checked against the contract
 * schemas; failures come out as typed AgentErrors.
 */
export class K8sAgentClient {
  readonly baseUrl: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly timeoutMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxResponseBytes: number;

  constructor(baseUrl: string, options: K8sAgentClientOptions = {}) {
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`k8s-agent base URL must be http(s), got ${baseUrl}`);
    }
    this.baseUrl = parsed.href.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.attemptTimeoutMs = Math.min(options.attemptTimeoutMs ?? this.timeoutMs, this.timeoutMs);
    this.maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
    this.backoffBaseMs = options.backoffBaseMs ?? DEFAULTS.backoffBaseMs;
    this.backoffMaxMs = options.backoffMaxMs ?? DEFAULTS.backoffMaxMs;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 60_000,
        connect: { timeout: Math.min(5_000, this.attemptTimeoutMs) },
        headersTimeout: this.attemptTimeoutMs,
        bodyTimeout: this.attemptTimeoutMs,
        connections: 32,
      });
  }

  /** `GET /api/v1/pods/{namespace}/{name}`: the pod's status, containers, conditions and owners. */
  getPodDetails(namespace: string, name: string, options: CallOptions = {}): Promise<PodDetails> {
    return this.get(this.podPath(namespace, name), PodDetailsValidator, options);
  }

  /** `GET /api/v1/pods/{namespace}/{name}/logs`: one container instance's log tail. */
  getPodLogs(namespace: string, name: string, options: PodLogsOptions = {}): Promise<PodLogs> {
    const query = new URLSearchParams();
    if (options.container !== undefined) query.set('container', options.container);
    if (options.tail !== undefined) query.set('tail', String(options.tail));
    if (options.previous !== undefined) query.set('previous', String(options.previous));
    if (options.sinceSeconds !== undefined) query.set('since_seconds', String(options.sinceSeconds));
    if (options.limitBytes !== undefined) query.set('limit_bytes', String(options.limitBytes));
    if (options.timestamps !== undefined) query.set('timestamps', String(options.timestamps));
    const search = query.size > 0 ? `?${query}` : '';
    return this.get(`${this.podPath(namespace, name)}/logs${search}`, PodLogsValidator, options);
  }

  /** `GET /api/v1/pods/{namespace}/{name}/events`: the pod's events, newest first. */
  getPodEvents(namespace: string, name: string, options: CallOptions = {}): Promise<PodEvents> {
    return this.get(`${this.podPath(namespace, name)}/events`, PodEventsValidator, options);
  }

  /** Closes the connection pool this client created; a dispatcher handed in is left to its owner. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private podPath(namespace: string, name: string): string {
    return `/api/v1/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  }

  private async get<T>(path: string, validator: AnswerValidator<T>, options: CallOptions): Promise<T> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const callSignal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    let attempt = 0;
    // The last failure the agent itself answered with: it says more than "our deadline ran out on a retry".
    let answered: AgentError | undefined;
    for (;;) {
      try {
        return await this.attempt(path, validator, options, callSignal);
      } catch (error) {
        let failure = this.classify(error, path, deadline, options.signal);
        if (failure.status === 0 && answered) failure = answered;
        else if (failure.status > 0) answered = failure;
        if (attempt >= this.maxRetries || !this.isRetryable(failure) || callSignal.aborted) throw failure;
        const backoff = this.backoff(attempt, failure);
        try {
          await sleep(backoff, undefined, { signal: callSignal });
        } catch {
          throw failure;
        }
        attempt += 1;
      }
    }
  }

  private async attempt<T>(
    path: string,
    validator: AnswerValidator<T>,
    options: CallOptions,
    callSignal: AbortSignal,
  ): Promise<T> {
    const attemptDeadline = AbortSignal.timeout(this.attemptTimeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.requestId) headers[REQUEST_ID_HEADER] = options.requestId;
    const response = await request(`${this.baseUrl}${path}`, {
      method: 'GET',
      headers,
      dispatcher: this.dispatcher,
      signal: AbortSignal.any([callSignal, attemptDeadline]),
      headersTimeout: this.attemptTimeoutMs,
      bodyTimeout: this.attemptTimeoutMs,
    });
    const text = await this.readCapped(response.body, response.headers['content-length'], response.statusCode, path);
    const contentType = String(response.headers['content-type'] ?? '');
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const body = parseJson(text, contentType);
      if (body === undefined) {
        throw new AgentProtocolError(
          response.statusCode,
          `k8s-agent answered GET ${path} with a body that is not JSON`,
        );
      }
      if (!validator.Check(body)) {
        const first = validator.Errors(body)[0];
        const where = first ? ` at ${first.instancePath || '/'}: ${first.message}` : '';
        throw new AgentProtocolError(
          response.statusCode,
          `k8s-agent answered GET ${path} with a body outside the contract${where}`,
        );
      }
      return body as T;
    }
    throw errorForStatus(response.statusCode, parseJson(text, contentType), path, response.headers['retry-after']);
  }

  private async readCapped(
    body: Dispatcher.ResponseData['body'],
    contentLength: string | string[] | undefined,
    status: number,
    path: string,
  ): Promise<string> {
    const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
    const tooLarge = () =>
      new AgentProtocolError(status, `k8s-agent answer to GET ${path} exceeds ${this.maxResponseBytes} bytes`);
    if (Number.isFinite(declared) && declared > this.maxResponseBytes) {
      body.destroy();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > this.maxResponseBytes) {
        body.destroy();
        throw tooLarge();
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Turns whatever an attempt threw into an AgentError, telling our deadlines from the caller's abort. */
  private classify(error: unknown, path: string, deadline: AbortSignal, callerSignal?: AbortSignal): AgentError {
    if (error instanceof AgentError) return error;
    if (callerSignal?.aborted) {
      const reason = callerSignal.reason instanceof Error ? callerSignal.reason.message : 'aborted';
      return new AgentTimeoutError(0, `GET ${path} on the k8s-agent was aborted: ${reason}`, { cause: error });
    }
    if (deadline.aborted) {
      return new AgentTimeoutError(0, `k8s-agent did not answer GET ${path} within ${this.timeoutMs} ms`, {
        cause: error,
      });
    }
    const code = (error as { code?: string }).code;
    if (isTimeout(error)) {
      return new AgentTimeoutError(0, `k8s-agent did not answer GET ${path} within ${this.attemptTimeoutMs} ms`, {
        reason: 'Timeout',
        cause: error,
      });
    }
    const detail = (error as Error).message || code || 'connection failed';
    return new AgentUnavailableError(0, `k8s-agent at ${this.baseUrl} is unreachable: ${detail}`, {
      reason: 'Unavailable',
      cause: error,
    });
  }

  private isRetryable(error: AgentError): boolean {
    if (error.status === 0) return error instanceof AgentUnavailableError || error instanceof AgentTimeoutError;
    return RETRYABLE_STATUSES.has(error.status);
  }

  private backoff(attempt: number, error: AgentError): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt);
    const jittered = Math.random() * ceiling;
    // A Retry-After from the agent is a floor, still bounded by backoffMaxMs and the deadline.
    const retryAfterMs = error instanceof AgentUnavailableError ? error.retryAfterMs : undefined;
    return retryAfterMs === undefined ? jittered : Math.min(this.backoffMaxMs, Math.max(jittered, retryAfterMs));
  }
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string; name?: string }).code;
  const name = (error as { name?: string }).name;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    name === 'TimeoutError' ||
    name === 'AbortError'
  );
}

function parseJson(text: string, contentType: string): unknown {
  if (text === '') return undefined;
  // The agent always answers JSON; an HTML page from a proxy in between is not an answer.
  if (contentType !== '' && !contentType.includes('json')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorForStatus(status: number, body: unknown, path: string, retryAfter: unknown): AgentError {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; reason?: unknown };
  const message =
    typeof fields.message === 'string' && fields.message !== ''
      ? fields.message
      : `k8s-agent answered GET ${path} with HTTP ${status}`;
  const options = { reason: typeof fields.reason === 'string' ? fields.reason : undefined };
  if (status === 404) return new AgentNotFoundError(status, message, options);
  if (status === 401 || status === 403) return new AgentForbiddenError(status, message, options);
  if (status === 504 || status === 408) return new AgentTimeoutError(status, message, options);
  if (status === 429 || status >= 500) {
    const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    const retryAfterMs =
      retryAfter !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
    return new AgentUnavailableError(status, message, { ...options, retryAfterMs });
  }
  if (status >= 400) return new AgentBadRequestError(status, message, options);
  return new AgentProtocolError(status, `k8s-agent answered GET ${path} with unexpected HTTP ${status}`, options);
}
