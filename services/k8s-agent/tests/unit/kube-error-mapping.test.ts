import { ApiException, FetchError } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { toKubeError } from '../../src/kube/client-node-gateway.js';
import { KubeError, KubeFailure } from '../../src/kube/kube-error.js';
import { type KubeRead, kubeErrorToAppError } from '../../src/kube/kube-error-mapping.js';

const podRead: KubeRead = { verb: 'get', resource: 'pods', namespace: 'payments' };

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

const fromApi = (code: number, body: string | undefined, read: KubeRead = podRead) =>
  kubeErrorToAppError(toKubeError('get pod', new ApiException(code, 'Unknown API Status Code!', body, {})), read);

describe('Kubernetes error mapping', () => {
  it("when Kubernetes answers 404, then the agent answers 404 with Kubernetes' message", () => {
    // Act
    const error = fromApi(404, status(404, 'NotFound', 'pods "web-0" not found'));

    // Assert
    expect(error).toMatchObject({ statusCode: 404, reason: 'NotFound', message: 'pods "web-0" not found' });
  });

  it('when Kubernetes forbids a log read, then 403 names verb, resource and namespace', () => {
    // Arrange
    const message =
      'pods "web-0" is forbidden: User "system:serviceaccount:sre:agent" cannot get resource "pods/log" in API group "" in the namespace "payments"';

    // Act
    const error = fromApi(403, status(403, 'Forbidden', message), {
      verb: 'get',
      resource: 'pods/log',
      namespace: 'payments',
    });

    // Assert
    expect(error.statusCode).toBe(403);
    expect(error.details).toEqual({ verb: 'get', resource: 'pods/log', namespace: 'payments' });
    expect(error.message).toBe(`the agent's service account may not get pods/log in namespace "payments": ${message}`);
  });

  it('when a 403 Status names a grouped resource, then the resource is qualified with its group', () => {
    // Act
    const error = fromApi(
      403,
      status(
        403,
        'Forbidden',
        'replicasets.apps "rs" is forbidden: User "u" cannot get resource "replicasets" in API group "apps" in the namespace "shop"',
      ),
    );

    // Assert
    expect(error.details).toEqual({ verb: 'get', resource: 'replicasets.apps', namespace: 'shop' });
  });

  it('when a 403 body is not a Status, then verb, resource and namespace come from the read itself', () => {
    // Act
    const error = fromApi(403, '<html><body>Access denied</body></html>');

    // Assert
    expect(error).toMatchObject({ statusCode: 403, details: { verb: 'get', resource: 'pods', namespace: 'payments' } });
    expect(error.message).toContain('Access denied');
  });

  it('when Kubernetes answers 401, then the agent answers 503: its own credentials were rejected', () => {
    // Act
    const error = fromApi(401, undefined);

    // Assert
    expect(error).toMatchObject({ statusCode: 503, reason: 'KubeCredentialsRejected' });
  });

  it('when a proxy answers 502 with an HTML page, then the agent answers 502 with the page text, tags stripped', () => {
    // Act
    const error = fromApi(
      502,
      '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
    );

    // Assert
    expect(error.statusCode).toBe(502);
    expect(error.message).toBe('the Kubernetes API failed (HTTP 502): "502 Bad Gateway 502 Bad Gateway nginx"');
  });

  it('when Kubernetes answers 500 with a Status, then the agent answers 502 keeping the message', () => {
    // Act
    const error = fromApi(500, status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'));

    // Assert
    expect(error).toMatchObject({ statusCode: 502, reason: 'InternalError' });
    expect(error.message).toContain('etcdserver: request timed out');
  });

  it('when Kubernetes answers 429, then the agent answers 503', () => {
    expect(fromApi(429, status(429, 'TooManyRequests', 'Too many requests')).statusCode).toBe(503);
  });

  it('when the error body is empty, then the message says so', () => {
    expect(fromApi(503, '').message).toContain('(empty body)');
  });

  it('when the connection is refused, then the agent answers 503 naming the error code', () => {
    // Arrange
    const refused = new FetchError(
      'request to https://10.0.0.1:6443/api failed, reason: connect ECONNREFUSED',
      'system',
      {
        code: 'ECONNREFUSED',
      } as unknown as { code: string; errno: string; message: string; name: string },
    );

    // Act
    const error = kubeErrorToAppError(toKubeError('get pod', refused), podRead);

    // Assert
    expect(error).toMatchObject({
      statusCode: 503,
      reason: 'KubeUnreachable',
      details: { error_code: 'ECONNREFUSED' },
    });
  });

  it('when a 2xx answer cannot be parsed, then the agent answers 502, not 500', () => {
    // Act
    const error = kubeErrorToAppError(
      toKubeError('get pod', new Error('The mediaType text/html is not supported by ObjectSerializer.parse.')),
      podRead,
    );

    // Assert
    expect(error).toMatchObject({ statusCode: 502, reason: 'KubeInvalidResponse' });
  });

  it('when a call timed out, then the agent answers 504', () => {
    expect(kubeErrorToAppError(new KubeError(KubeFailure.Timeout, 'slow'), podRead)).toMatchObject({
      statusCode: 504,
      reason: 'Timeout',
    });
  });

  it('when the agent has no Kubernetes configuration, then it answers 503 with the reason', () => {
    // Act
    const error = kubeErrorToAppError(
      new KubeError(KubeFailure.NotConfigured, 'no Kubernetes configuration found'),
      podRead,
    );

    // Assert
    expect(error).toMatchObject({
      statusCode: 503,
      reason: 'KubeNotConfigured',
      message: 'no Kubernetes configuration found',
    });
  });
});
