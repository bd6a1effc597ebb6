/** A job run by the queue; `signal` aborts when the queue shuts down before the job finished. */
export type QueueJob = (signal: AbortSignal) => Promise<void>;

export interface InvestigationQueueOptions {
  /** Jobs running at once. */
  concurrency: number;
  /** Jobs waiting for a slot; a submit beyond it throws QueueFullError. */
  maxQueued: number;
}

/** The queue is at its bound; the caller should answer 503 and ask the client to retry. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

/** The queue is shutting down and takes no new work. */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
}

export interface ShutdownResult {
  /** Ids of jobs that were still waiting and never started. */
  dropped: string[];
  /** Ids of jobs still running when the grace period ended; their signals were aborted. */
  aborted: string[];
}

interface Waiting {
  id: string;
  job: QueueJob;
}

/**
 * A bounded-concurrency FIFO for investigations, so a burst of incidents cannot flood the agent
 * and the Kubernetes API behind it: at most `concurrency` run, at most `maxQueued` wait, and the
 * rest are refused at once rather than piling up in memory.
 */
export class InvestigationQueue {
  private readonly waiting: Waiting[] = [];
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private closed = false;

  constructor(private readonly options: InvestigationQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError('concurrency must be >= 1');
    }
  }

  get runningCount(): number {
    return this.running.size;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  get accepting(): boolean {
    return !this.closed;
  }

  /** Whether a submit now would be accepted. */
  get hasRoom(): boolean {
    return (
      !this.closed && (this.running.size < this.options.concurrency || this.waiting.length < this.options.maxQueued)
    );
  }

  /** Starts the job now or queues it; throws QueueClosedError or QueueFullError instead of accepting it. */
  submit(id: string, job: QueueJob): void {
    if (this.closed) throw new QueueClosedError('the orchestrator is shutting down');
    if (this.running.size < this.options.concurrency) {
      this.start(id, job);
      return;
    }
    if (this.waiting.length >= this.options.maxQueued) {
      throw new QueueFullError(
        `${this.running.size} investigations running and ${this.waiting.length} queued; try again shortly`,
      );
    }
    this.waiting.push({ id, job });
  }

  /**
   * Stops taking work, drops what has not started, waits up to `graceMs` for running jobs, then
   * aborts those still running and waits (briefly) for them to record their end.
   */
  async shutdown(graceMs: number, abortReason: string): Promise<ShutdownResult> {
    this.closed = true;
    const dropped = this.waiting.splice(0).map((w) => w.id);
    const all = () => Promise.allSettled([...this.running.values()].map((r) => r.done));
    if (this.running.size > 0) await withTimeout(all(), graceMs);
    const aborted = [...this.running.keys()];
    for (const entry of this.running.values()) entry.controller.abort(new Error(abortReason));
    // Aborted jobs only need to write their failure; do not let one that ignores its signal hang shutdown.
    if (aborted.length > 0) await withTimeout(all(), 1_000);
    return { dropped, aborted };
  }

  private start(id: string, job: QueueJob): void {
    const controller = new AbortController();
    const done = Promise.resolve()
      .then(() => job(controller.signal))
      // A job is expected to record its own failure; the queue must keep going whatever happens.
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(id);
        this.next();
      });
    this.running.set(id, { controller, done });
  }

  private next(): void {
    if (this.closed) return;
    while (this.running.size < this.options.concurrency) {
      const waiting = this.waiting.shift();
      if (!waiting) return;
      this.start(waiting.id, waiting.job);
    }
  }
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
