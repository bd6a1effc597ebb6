import { describe, expect, it } from 'vitest';
import { assertValidNames, isDns1123Label, isDns1123Subdomain } from '../../src/kube/kube-names.js';

describe('Kubernetes name validation', () => {
  it.each(['default', 'kube-system', 'a', 'a1', '0abc', 'x'.repeat(63)])(
    'when the label is %s, then it is valid',
    (name) => {
      expect(isDns1123Label(name)).toBe(true);
    },
  );

  it.each(['', 'Default', '-a', 'a-', 'a.b', 'a_b', 'x'.repeat(64), '..', 'a/b', 'a%2Fb', 'a b', 'ns\n'])(
    'when the label is %j, then it is invalid',
    (name) => {
      expect(isDns1123Label(name)).toBe(false);
    },
  );

  it.each(['web-0', 'checkout-api-7d9f8b6c5-x2k4p', 'a.b.c', `${'a'.repeat(63)}.${'b'.repeat(63)}`])(
    'when the subdomain is %s, then it is valid',
    (name) => {
      expect(isDns1123Subdomain(name)).toBe(true);
    },
  );

  it.each(['', 'A', 'a..b', '.a', 'a.', '../etc/passwd', 'a?watch=true', 'x'.repeat(254)])(
    'when the subdomain is %j, then it is invalid',
    (name) => {
      expect(isDns1123Subdomain(name)).toBe(false);
    },
  );

  it('when the container name is not a label, then a 400 names the container field', () => {
    // Act
    const act = () => assertValidNames({ namespace: 'default', pod: 'web-0', container: 'App' });

    // Assert
    expect(act).toThrow(expect.objectContaining({ statusCode: 400, details: { field: 'container' } }));
  });

  it('when a name is very long, then the message quotes only its start', () => {
    // Act
    const act = () => assertValidNames({ namespace: 'N'.repeat(10_000), pod: 'web-0' });

    // Assert
    expect(act).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^invalid namespace name "N{64}…"/) }),
    );
  });
});
