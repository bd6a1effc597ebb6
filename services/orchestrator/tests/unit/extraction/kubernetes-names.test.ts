import { describe, expect, it } from 'vitest';
import { isDnsLabel, isDnsSubdomain, PodNameShape, podNameShape } from '../../../src/extraction/kubernetes-names.js';

describe('isDnsSubdomain', () => {
  it.each([
    ['web-1', true],
    ['a', true],
    ['0', true],
    ['metrics.v2-0', true],
    ['a'.repeat(253), true],
    ['a'.repeat(254), false],
    ['', false],
    ['Web-1', false],
    ['web_1', false],
    ['-web', false],
    ['web-', false],
    ['web.', false],
    ['.web', false],
    ['web..1', false],
    ['web-.1', false],
    ['web.-1', false],
    ['wéb', false],
  ])('when the name is %j, then it is valid: %s', (name, valid) => {
    // Act
    const result = isDnsSubdomain(name);

    // Assert
    expect(result).toBe(valid);
  });
});

describe('isDnsLabel', () => {
  it.each([
    ['kube-system', true],
    ['n'.repeat(63), true],
    ['n'.repeat(64), false],
    ['shop.eu', false],
    ['Shop', false],
    ['-shop', false],
    ['', false],
  ])('when the name is %j, then it is valid: %s', (name, valid) => {
    // Act
    const result = isDnsLabel(name);

    // Assert
    expect(result).toBe(valid);
  });
});

describe('podNameShape', () => {
  it.each([
    ['checkout-api-7d9f8b6c5-x2k4p', PodNameShape.ReplicaSetPod],
    ['orders-api-5d8f7c9b6-abcde', PodNameShape.ReplicaSetPod],
    ['web-3522347637-x2k4p', PodNameShape.ReplicaSetPod],
    ['web-1', PodNameShape.OrdinalPod],
    ['redis-cluster-12', PodNameShape.OrdinalPod],
    ['node-exporter-x2k4p', PodNameShape.GeneratedSuffixPod],
    ['web-proxy', PodNameShape.Plain],
    ['auth-service-backend-proxy', PodNameShape.Plain],
    ['2026-12-03', PodNameShape.Plain],
    ['web', PodNameShape.Plain],
  ])('when the name is %s, then its shape is %s', (name, shape) => {
    // Act
    const result = podNameShape(name);

    // Assert
    expect(result).toBe(shape);
  });
});
