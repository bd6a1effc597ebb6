import { describe, expect, it } from 'vitest';
import { classifyConfigMessage, configErrorRule } from '../../../../src/diagnosis/rules/config-error-rule.js';
import { contextFor, podWith } from '../context-for.js';

const configError = (message: string) => ({
  name: 'app',
  ready: false,
  state: { kind: 'waiting', reason: 'CreateContainerConfigError', message },
});

describe('classifyConfigMessage', () => {
  it.each([
    ['secret "db-creds" not found', { cause: 'missing_secret', object: 'db-creds' }],
    ['configmap "app-config" not found', { cause: 'missing_configmap', object: 'app-config' }],
    [
      "couldn't find key password in Secret shop/db-creds",
      { cause: 'missing_key', object: 'db-creds', key: 'password', kind: 'Secret' },
    ],
    [
      "couldn't find key LOG_LEVEL in ConfigMap shop/app-config",
      { cause: 'missing_key', object: 'app-config', key: 'LOG_LEVEL', kind: 'ConfigMap' },
    ],
    [
      'container has runAsNonRoot and image will run as root (pod: "web-1_shop(uid)", container: app)',
      { cause: 'run_as_non_root' },
    ],
  ])('when the kubelet says "%s", then it reads %o', (message, expected) => {
    // Act
    const problem = classifyConfigMessage(message);

    // Assert
    expect(problem).toMatchObject(expected);
  });
});

describe('configErrorRule', () => {
  it.each([
    {
      name: 'when a referenced Secret is missing, then the summary names it, its namespace and the env var using it',
      evidence: {
        pod_details: podWith(
          [
            {
              ...configError('secret "db-creds" not found'),
              env: [{ name: 'DB_PASSWORD', source: 'secret', ref_name: 'db-creds', ref_key: 'password' }],
            },
          ],
          { phase: 'Pending' },
        ),
      },
      expected: [{ category: 'config_error', sub_cause: 'missing_secret', container: 'app', confidence: 'high' }],
      summary: /Secret "db-creds" does not exist in namespace shop \(env DB_PASSWORD\)/,
    },
    {
      name: 'when a Secret volume is missing, then the missing Secret is a secondary finding (FailedMount leads)',
      evidence: {
        pod_details: podWith([{ name: 'app', ready: false, state: { kind: 'waiting', reason: 'ContainerCreating' } }], {
          phase: 'Pending',
        }),
        pod_events: [
          { reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "tls" : secret "web-tls" not found' },
        ],
      },
      expected: [{ category: 'config_error', sub_cause: 'missing_secret', primary: false }],
      summary: /Secret "web-tls" does not exist.*\(volume tls\)/,
    },
    {
      name: 'when the message is unfamiliar, then the category holds with medium confidence',
      evidence: {
        pod_details: podWith([configError('failed to prepare subPath for volumeMount "cfg"')], { phase: 'Pending' }),
      },
      expected: [{ category: 'config_error', sub_cause: null, confidence: 'medium' }],
      summary: /CreateContainerConfigError/,
    },
  ])('$name', ({ evidence, expected, summary }) => {
    // Arrange
    const context = contextFor(evidence);

    // Act
    const candidates = configErrorRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});
