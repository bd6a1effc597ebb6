import { describe, expect, it } from 'vitest';
import { classifyPullError, imagePullRule } from '../../../../src/diagnosis/rules/image-pull-rule.js';
import { contextFor, podWith } from '../context-for.js';

const waiting = (reason: string, message?: string) => ({
  name: 'app',
  image: 'registry.example.com/shop/web:1.2.3',
  ready: false,
  state: { kind: 'waiting', reason, message },
});

describe('classifyPullError', () => {
  it.each([
    [
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
      'image_not_found',
    ],
    [
      'Error response from daemon: manifest for registry.example.com/web:2.0 not found: manifest unknown: manifest unknown',
      'image_not_found',
    ],
    ['failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized', 'unauthorized'],
    [
      'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      'unauthorized',
    ],
    [
      'Head "https://gcr.io/v2/p/i/manifests/1": denied: Permission "artifactregistry.repositories.downloadArtifacts" denied',
      'unauthorized',
    ],
    ['dial tcp: lookup registry.internal on 10.0.0.2:53: no such host', 'registry_unreachable'],
    ['Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout', 'registry_unreachable'],
    ['x509: certificate signed by unknown authority', 'registry_unreachable'],
    [
      'couldn\'t parse image name "Web:1": invalid reference format: repository name must be lowercase',
      'invalid_image_name',
    ],
  ])('when the runtime says "%s", then the sub-cause is %s', (message, expected) => {
    // Act
    const cause = classifyPullError(message);

    // Assert
    expect(cause).toBe(expected);
  });
});

describe('imagePullRule', () => {
  it.each([
    {
      name: 'when the container waits in ImagePullBackOff with a not-found Failed event, then image_not_found names the image',
      evidence: {
        pod_details: podWith(
          [waiting('ImagePullBackOff', 'Back-off pulling image "registry.example.com/shop/web:1.2.3"')],
          { phase: 'Pending' },
        ),
        pod_events: [
          {
            reason: 'BackOff',
            container: 'app',
            count: 9,
            message: 'Back-off pulling image "registry.example.com/shop/web:1.2.3"',
          },
          {
            reason: 'Failed',
            container: 'app',
            message:
              'Failed to pull image "registry.example.com/shop/web:1.2.3": rpc error: code = NotFound desc = failed to pull and unpack image: not found',
          },
        ],
      },
      expected: [
        { category: 'image_pull', sub_cause: 'image_not_found', container: 'app', confidence: 'high', primary: true },
      ],
      summary: /image registry\.example\.com\/shop\/web:1\.2\.3 cannot be pulled: the image or tag does not exist/,
    },
    {
      name: 'when only the waiting reason is known, then the category holds with medium confidence and no sub-cause',
      evidence: { pod_details: podWith([waiting('ErrImagePull')], { phase: 'Pending' }) },
      expected: [{ category: 'image_pull', sub_cause: null, confidence: 'medium' }],
      summary: /ErrImagePull/,
    },
    {
      name: 'when the container is running, then no pull failure is reported',
      evidence: { pod_details: podWith([{ name: 'app' }]) },
      expected: [],
      summary: null,
    },
  ])('$name', ({ evidence, expected, summary }) => {
    // Arrange
    const context = contextFor(evidence);

    // Act
    const candidates = imagePullRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});
