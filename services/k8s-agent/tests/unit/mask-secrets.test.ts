import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets } from '../../src/masking/mask-secrets.js';

const AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(3)}abcdef`;
const SLACK_TOKEN = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('maskSecrets', () => {
  const cases: { name: string; line: string; secret: string; expected?: string }[] = [
    {
      name: 'a password in a URL',
      line: 'connecting to postgres://app:S3cr3t!@db.payments.svc:5432/orders',
      secret: 'S3cr3t!',
      expected: `connecting to postgres://app:${MASK}@db.payments.svc:5432/orders`,
    },
    {
      name: 'a Bearer Authorization header',
      line: 'Authorization: Bearer abc.def-123',
      secret: 'abc.def-123',
      expected: `Authorization: Bearer ${MASK}`,
    },
    {
      name: 'a Basic Proxy-Authorization header',
      line: 'proxy-authorization: Basic dXNlcjpwYXNz',
      secret: 'dXNlcjpwYXNz',
    },
    { name: 'an Authorization header without scheme', line: '"authorization": "s3cr3tvalue"', secret: 's3cr3tvalue' },
    {
      name: 'password=value',
      line: 'login failed user=bob password=hunter2 retry=3',
      secret: 'hunter2',
      expected: `login failed user=bob password=${MASK} retry=3`,
    },
    { name: 'DB_PASSWORD: value', line: 'DB_PASSWORD: hunter2', secret: 'hunter2' },
    {
      name: 'JSON "password": "value"',
      line: '{"user":"bob","password":"hunter 2","ok":true}',
      secret: 'hunter 2',
      expected: `{"user":"bob","password":"${MASK}","ok":true}`,
    },
    { name: 'passwd', line: 'passwd=letmein', secret: 'letmein' },
    { name: 'pwd', line: "pwd='letmein'", secret: 'letmein', expected: `pwd='${MASK}'` },
    {
      name: 'token= in a query string',
      line: 'GET /callback?token=tok_9f8e7d&state=1',
      secret: 'tok_9f8e7d',
      expected: `GET /callback?token=${MASK}&state=1`,
    },
    { name: 'secret=', line: 'secret=shhh', secret: 'shhh' },
    { name: 'api_key=', line: 'api_key=AIzaSyD-123', secret: 'AIzaSyD-123' },
    { name: 'apikey:', line: 'apikey: k-123', secret: 'k-123' },
    { name: 'x-api-key header', line: 'x-api-key: k-456', secret: 'k-456' },
    { name: 'access_key', line: 'access_key=ak-789', secret: 'ak-789' },
    { name: 'client_secret', line: 'client_secret="cs-000"', secret: 'cs-000' },
    { name: 'aws_secret_access_key', line: `aws_secret_access_key = ${AWS_SECRET_KEY}`, secret: AWS_SECRET_KEY },
    { name: 'an AWS access key id', line: `using key ${AWS_ACCESS_KEY_ID} for s3`, secret: AWS_ACCESS_KEY_ID },
    { name: 'an AWS session key id', line: 'id=ASIAY34FZKBOKMUTVV7A', secret: 'ASIAY34FZKBOKMUTVV7A' },
    { name: 'a GitHub token', line: `cloning with ${GITHUB_TOKEN}`, secret: GITHUB_TOKEN },
    { name: 'a Slack token', line: `posting with ${SLACK_TOKEN}`, secret: SLACK_TOKEN },
    { name: 'a JWT', line: `session ${JWT} expired`, secret: JWT, expected: `session ${MASK} expired` },
    {
      name: 'a one-line private key',
      line: '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n"',
      secret: 'MIIEvQIBADANBg',
    },
  ];

  it.each(cases)('when a line holds $name, then it is masked and counted', ({ line, secret, expected }) => {
    // Act
    const result = maskSecrets([line]);

    // Assert
    expect(result.lines[0]).not.toContain(secret);
    expect(result.lines[0]).toContain(MASK);
    expect(result.maskedCount).toBeGreaterThanOrEqual(1);
    if (expected) expect(result.lines[0]).toBe(expected);
  });

  it('when a private key spans several lines, then its body is masked up to the END line', () => {
    // Arrange
    const lines = [
      'loaded key:',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEpAIBAAKCAQEA',
      'q1w2e3r4t5',
      '-----END RSA PRIVATE KEY-----',
      'next',
    ];

    // Act
    const result = maskSecrets(lines);

    // Assert
    expect(result.lines).toEqual([
      'loaded key:',
      '-----BEGIN RSA PRIVATE KEY-----',
      MASK,
      MASK,
      '-----END RSA PRIVATE KEY-----',
      'next',
    ]);
    expect(result.maskedCount).toBe(1);
  });

  it('when lines carry no credentials, then they are returned unchanged and nothing is counted', () => {
    // Arrange
    const lines = [
      'Starting server on :8080',
      'GET /healthz 200 1ms',
      'Error: secret "db-credentials" not found',
      'Liveness probe failed: HTTP probe failed with statuscode: 500',
      'java.lang.OutOfMemoryError: Java heap space',
      'connecting to postgres://db.payments.svc:5432/orders',
    ];

    // Act
    const result = maskSecrets(lines);

    // Assert
    expect(result.lines).toEqual(lines);
    expect(result.maskedCount).toBe(0);
  });

  it('when a bearer token is a JWT in parentheses, then it is masked once and the parenthesis kept', () => {
    // Act
    const result = maskSecrets([`took 4812ms (Authorization: Bearer ${JWT})`]);

    // Assert
    expect(result).toEqual({ lines: [`took 4812ms (Authorization: Bearer ${MASK})`], maskedCount: 1 });
  });

  it('when a value is already masked, then it is not counted again', () => {
    // Act
    const result = maskSecrets([`password=${MASK} Authorization: Bearer ${MASK}`]);

    // Assert
    expect(result.maskedCount).toBe(0);
  });

  it('when a line holds several credentials, then each is counted', () => {
    // Act
    const result = maskSecrets([`password=a token=b ${AWS_ACCESS_KEY_ID}`]);

    // Assert
    expect(result.lines[0]).toBe(`password=${MASK} token=${MASK} ${MASK}`);
    expect(result.maskedCount).toBe(3);
  });

  const MIB = 1024 * 1024;
  const hostile: { name: string; line: string }[] = [
    { name: 'one long token', line: 'a'.repeat(MIB) },
    { name: 'repeated JWT prefixes', line: 'eyJ'.repeat(MIB / 3) },
    { name: 'JWT-like segments without an end', line: `eyJ${'a'.repeat(MIB / 2)}.eyJ${'b'.repeat(MIB / 2)}` },
    { name: 'repeated password keys', line: 'password'.repeat(MIB / 8) },
    { name: 'repeated password keys with separators', line: 'password= '.repeat(MIB / 10) },
    { name: 'repeated scheme prefixes', line: 'a://b:'.repeat(MIB / 6) },
    { name: 'a URL with a huge userinfo', line: `http://${'u'.repeat(MIB / 2)}:${'p'.repeat(MIB / 2)}` },
    { name: 'repeated authorization keys', line: 'authorization:'.repeat(MIB / 14) },
    { name: 'dashes like a PEM header', line: '-----BEGIN '.repeat(MIB / 11) },
    { name: 'repeated AKIA prefixes', line: 'AKIA'.repeat(MIB / 4) },
    { name: 'repeated quotes', line: '"password": "'.repeat(MIB / 13) },
    { name: 'many short tokens', line: 'ab '.repeat(MIB / 3) },
  ];

  it.each(hostile)('when a 1 MiB line is $name, then masking finishes in linear time', ({ line }) => {
    // Act
    const started = performance.now();
    maskSecrets([line]);
    const elapsed = performance.now() - started;

    // Assert: a quadratic pattern would take minutes on 1 MiB; linear ones take milliseconds.
    expect(elapsed).toBeLessThan(3000);
  });
});
