import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { selectContainer } from '../../src/services/container-selector.js';
import { status } from '../helpers/pods.js';

function pod(fields: { apps: string[]; inits?: string[]; annotation?: string; statuses?: V1Pod['status'] }): V1Pod {
  return {
    metadata: {
      name: 'p',
      namespace: 'ns',
      ...(fields.annotation ? { annotations: { 'kubectl.kubernetes.io/default-container': fields.annotation } } : {}),
    },
    spec: {
      containers: fields.apps.map((name) => ({ name })),
      initContainers: (fields.inits ?? []).map((name) => ({ name })),
    },
    status: fields.statuses ?? {},
  };
}

describe('selectContainer', () => {
  it('when the pod has one container, then it is chosen as the only one', () => {
    expect(selectContainer(pod({ apps: ['app'] }))).toEqual({ name: 'app', selection: 'only' });
  });

  it('when the default-container annotation names a container, then it wins over a failing one', () => {
    // Arrange
    const p = pod({
      apps: ['sidecar', 'app'],
      annotation: 'app',
      statuses: {
        containerStatuses: [status('sidecar', { restartCount: 9, state: { waiting: { reason: 'CrashLoopBackOff' } } })],
      },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'app', selection: 'annotation' });
  });

  it('when the annotation names no container of the pod, then it is ignored', () => {
    expect(selectContainer(pod({ apps: ['a', 'b'], annotation: 'gone' }))).toEqual({ name: 'a', selection: 'first' });
  });

  it('when one app container is crash-looping, then it is chosen as failing', () => {
    // Arrange
    const p = pod({
      apps: ['log-shipper', 'app'],
      statuses: {
        containerStatuses: [
          status('log-shipper'),
          status('app', { ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }),
        ],
      },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'app', selection: 'failing' });
  });

  it('when one container terminated non-zero and another restarted more often long ago, then the current failure wins', () => {
    // Arrange
    const p = pod({
      apps: ['a', 'b'],
      statuses: {
        containerStatuses: [
          status('a', { restartCount: 30 }),
          status('b', { restartCount: 1, state: { terminated: { exitCode: 1, reason: 'Error' } } }),
        ],
      },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'b', selection: 'failing' });
  });

  it('when an init container is failing and app containers are waiting on it, then the init container is chosen', () => {
    // Arrange
    const p = pod({
      apps: ['app'],
      inits: ['migrate'],
      statuses: {
        initContainerStatuses: [
          status('migrate', { restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }),
        ],
        containerStatuses: [status('app', { ready: false, state: { waiting: { reason: 'PodInitializing' } } })],
      },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'migrate', selection: 'failing' });
  });

  it('when both an app and an init container fail, then the app container comes first', () => {
    // Arrange
    const p = pod({
      apps: ['app', 'metrics'],
      inits: ['setup'],
      statuses: {
        initContainerStatuses: [status('setup', { restartCount: 8, state: { terminated: { exitCode: 2 } } })],
        containerStatuses: [
          status('app'),
          status('metrics', { restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } }),
        ],
      },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'metrics', selection: 'failing' });
  });

  it('when nothing fails, then the first app container is chosen', () => {
    // Arrange
    const p = pod({
      apps: ['web', 'proxy'],
      inits: ['init'],
      statuses: { containerStatuses: [status('web'), status('proxy')] },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'web', selection: 'first' });
  });

  it('when containers are only creating, then none counts as failing', () => {
    // Arrange
    const p = pod({
      apps: ['a', 'b'],
      statuses: {
        containerStatuses: [
          status('a', { state: { waiting: { reason: 'ContainerCreating' } } }),
          status('b', { state: { waiting: { reason: 'ContainerCreating' } } }),
        ],
      },
    });

    // Act / Assert
    expect(selectContainer(p)).toEqual({ name: 'a', selection: 'first' });
  });
});
