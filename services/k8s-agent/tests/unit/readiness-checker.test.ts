import { describe, expect, it } from 'vitest';
import { KubeError, KubeFailure } from '../../src/kube/kube-error.js';
import { createReadinessChecker } from '../../src/services/readiness-checker.js';
import { FakeGateway } from '../helpers/fake-gateway.js';

function checkerWithClock(gateway: FakeGateway) {
  const clock = { now: 0 };
  const changes: boolean[] = [];
  const checker = createReadinessChecker({
    gateway,
    namespace: 'sre',
    cacheMs: 2_000,
    now: () => clock.now,
    onChange: (result) => changes.push(result.ready),
  });
  return { checker, clock, changes };
}

describe('createReadinessChecker', () => {
  it('when probes arrive within the cache window, then the API is asked once', async () => {
    // Arrange
    const gateway = new FakeGateway();
    const { checker, clock } = checkerWithClock(gateway);

    // Act
    await Promise.all([checker.check(), checker.check()]);
    clock.now += 1_999;
    await checker.check();

    // Assert
    expect(gateway.calls).toEqual([{ method: 'listOnePod', args: ['sre'] }]);
  });

  it('when the cache window has passed, then the API is asked again', async () => {
    // Arrange
    const gateway = new FakeGateway();
    const { checker, clock } = checkerWithClock(gateway);

    // Act
    await checker.check();
    clock.now += 2_000;
    await checker.check();

    // Assert
    expect(gateway.calls).toHaveLength(2);
  });

  it('when readiness flips, then each change is reported once and unchanged results are not', async () => {
    // Arrange
    const gateway = new FakeGateway();
    const { checker, clock, changes } = checkerWithClock(gateway);

    // Act
    await checker.check();
    clock.now += 5_000;
    await checker.check();
    gateway.failWith = () =>
      new KubeError(KubeFailure.Unreachable, 'connect ECONNREFUSED', { errorCode: 'ECONNREFUSED' });
    clock.now += 5_000;
    const failed = await checker.check();
    clock.now += 5_000;
    await checker.check();

    // Assert
    expect(changes).toEqual([true, false]);
    expect(failed).toMatchObject({ ready: false, error: { statusCode: 503, reason: 'KubeUnreachable' } });
  });
});
