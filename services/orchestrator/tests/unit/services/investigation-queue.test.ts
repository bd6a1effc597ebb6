import { describe, expect, it } from 'vitest';
import { InvestigationQueue, QueueClosedError, QueueFullError } from '../../../src/services/investigation-queue.js';

/** A job that runs until released, recording how many run at once. */
function gate() {
  let active = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const job = async () => {
    active += 1;
    peak = Math.max(peak, active);
    await new Promise<void>((resolve) => releases.push(resolve));
    active -= 1;
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.splice(0).forEach((release) => {
        release();
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { job, releaseAll, peak: () => peak, started: () => releases.length };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('InvestigationQueue', () => {
  it('when more jobs arrive than the concurrency, then no more than that run at once and all finish', async () => {
    // Arrange
    const queue = new InvestigationQueue({ concurrency: 2, maxQueued: 10 });
    const { job, releaseAll, peak } = gate();

    // Act
    for (let i = 0; i < 6; i++) queue.submit(`job-${i}`, job);
    await tick();
    const runningAtFirst = queue.runningCount;
    await releaseAll();

    // Assert
    expect(runningAtFirst).toBe(2);
    expect(peak()).toBe(2);
    expect(queue.runningCount).toBe(0);
    expect(queue.queuedCount).toBe(0);
  });

  it('when the running slots and the queue are full, then submit throws QueueFullError', async () => {
    // Arrange
    const queue = new InvestigationQueue({ concurrency: 1, maxQueued: 2 });
    const { job, releaseAll } = gate();
    for (let i = 0; i < 3; i++) queue.submit(`job-${i}`, job);

    // Act
    const hasRoom = queue.hasRoom;
    const failure = (() => {
      try {
        queue.submit('one-too-many', job);
      } catch (error) {
        return error;
      }
    })();

    // Assert
    expect(hasRoom).toBe(false);
    expect(failure).toBeInstanceOf(QueueFullError);
    await releaseAll();
  });

  it('when a job throws, then the queue goes on with the next one', async () => {
    // Arrange
    const queue = new InvestigationQueue({ concurrency: 1, maxQueued: 5 });
    let ran = false;

    // Act
    queue.submit('broken', async () => {
      throw new Error('boom');
    });
    queue.submit('next', async () => {
      ran = true;
    });
    await tick();
    await tick();

    // Assert
    expect(ran).toBe(true);
  });

  it('when shut down, then queued jobs are dropped, running ones get the grace period, the rest are aborted', async () => {
    // Arrange
    const queue = new InvestigationQueue({ concurrency: 2, maxQueued: 5 });
    let abortReason: unknown;
    queue.submit('quick', () => new Promise((resolve) => setTimeout(resolve, 20)));
    queue.submit('stuck', (signal) => {
      return new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => {
          abortReason = signal.reason;
          resolve();
        });
      });
    });
    queue.submit('waiting', async () => {});

    // Act
    const result = await queue.shutdown(100, 'orchestrator shut down before the investigation finished');

    // Assert
    expect(result).toEqual({ dropped: ['waiting'], aborted: ['stuck'] });
    expect((abortReason as Error).message).toBe('orchestrator shut down before the investigation finished');
    expect(() => queue.submit('late', async () => {})).toThrow(QueueClosedError);
    expect(queue.accepting).toBe(false);
  });
});
