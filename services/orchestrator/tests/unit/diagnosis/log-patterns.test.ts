import { describe, expect, it } from 'vitest';
import { extractEndpoint, findDecisiveLines, matchDependencyFailure } from '../../../src/diagnosis/log-patterns.js';

describe('matchDependencyFailure and extractEndpoint', () => {
  it.each([
    ['Error: connect ECONNREFUSED 10.96.18.40:5432', 'connection_refused', '10.96.18.40', 5432],
    ['dial tcp 10.96.201.7:6379: connect: connection refused', 'connection_refused', '10.96.201.7', 6379],
    ['error="dial tcp 10.96.201.7:6379: i/o timeout"', 'timeout', '10.96.201.7', 6379],
    [
      'dial tcp: lookup cart-db.shop.svc.cluster.local on 10.96.0.10:53: no such host',
      'dns_failure',
      'cart-db.shop.svc.cluster.local',
      null,
    ],
    ['Error: getaddrinfo ENOTFOUND redis-master', 'dns_failure', 'redis-master', null],
    [
      'psycopg2.OperationalError: could not translate host name "postgres" to address: Temporary failure in name resolution',
      'dns_failure',
      'postgres',
      null,
    ],
    [
      'psycopg.OperationalError: connection failed: connection to server at "orders-db" (10.96.3.3), port 5432 failed: Connection refused',
      'connection_refused',
      'orders-db',
      5432,
    ],
    [
      'org.postgresql.util.PSQLException: Connection to invoices-db:5432 refused. Check that the hostname and port are correct',
      'connection_refused',
      'invoices-db',
      5432,
    ],
    [
      'redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.',
      'connection_refused',
      'redis',
      6379,
    ],
    [
      'Connection to node -1 (kafka.streaming.svc.cluster.local/10.96.90.12:9092) could not be established. Broker may not be available.',
      'connection_refused',
      'kafka.streaming.svc.cluster.local',
      9092,
    ],
    [
      "requests.exceptions.ConnectionError: HTTPConnectionPool(host='payments', port=8080): Max retries exceeded with url: /charge (Caused by NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))",
      'connection_refused',
      'payments',
      8080,
    ],
    [
      'pymongo.errors.ServerSelectionTimeoutError: mongo-0.mongo:27017: [Errno 111] Connection refused',
      'connection_refused',
      'mongo-0.mongo',
      27017,
    ],
    ['java.net.UnknownHostException: inventory-api', 'dns_failure', 'inventory-api', null],
    [
      'connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, upstream: "http://10.244.0.7:8080/"',
      'connection_refused',
      '10.244.0.7',
      8080,
    ],
    ['MongoServerSelectionError: connect ETIMEDOUT 10.96.5.5:27017', 'timeout', '10.96.5.5', 27017],
    ['lookup orders-db on 10.96.0.10:53: no such host', 'dns_failure', 'orders-db', null],
    [
      'Error: Redis connection to redis:6379 failed - connect ECONNREFUSED 10.96.3.3:6379',
      'connection_refused',
      'redis',
      6379,
    ],
    [
      '{"level":"error","msg":"database unreachable","host":"orders-db","port":5432,"error":"connection refused"}',
      'connection_refused',
      'orders-db',
      5432,
    ],
  ])('when a log says "%s", then it is %s towards %s:%s', (line, kind, host, port) => {
    // Act
    const failure = matchDependencyFailure(line);
    const endpoint = extractEndpoint([line], 0);

    // Assert
    expect(failure).toBe(kind);
    expect(endpoint).toEqual({ host, port });
  });

  it.each([
    'INFO  server listening on 0.0.0.0:8080',
    'GET /search?q=refused 200 12ms',
    'level=info msg="all dependencies reachable"',
  ])('when a log says "%s", then it is not a dependency failure', (line) => {
    // Act
    const failure = matchDependencyFailure(line);

    // Assert
    expect(failure).toBeNull();
  });

  it('when the error line has no host, then a neighbouring line supplies it, but never a stack frame', () => {
    // Arrange
    const lines = [
      'org.postgresql.util.PSQLException: Connection to invoices-db:5432 refused.',
      '\tat org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:273)',
      'Caused by: java.net.ConnectException: Connection refused',
    ];

    // Act
    const endpoint = extractEndpoint(lines, 2);

    // Assert
    expect(endpoint).toEqual({ host: 'invoices-db', port: 5432 });
  });
});

describe('findDecisiveLines', () => {
  it.each([
    {
      name: 'when a Python traceback ends in an exception, then that last line is decisive',
      lines: [
        'INFO boot',
        'Traceback (most recent call last):',
        '  File "/app/x.py", line 1, in <module>',
        'ValueError: bad port',
      ],
      last: 'ValueError: bad port',
    },
    {
      name: 'when JSON logs hold an error among info lines, then the error line is decisive',
      lines: ['{"level":"info","msg":"start"}', '{"level":"error","msg":"bad config"}', '{"level":"info","msg":"bye"}'],
      last: '{"level":"error","msg":"bad config"}',
    },
    {
      name: 'when a harmless "errors=0" line follows the error, then it is ignored',
      lines: ['ERROR could not open /data/db.sqlite', 'INFO flushed metrics errors=0'],
      last: 'ERROR could not open /data/db.sqlite',
    },
    {
      name: 'when nothing looks like an error, then no line is decisive',
      lines: ['starting', 'ready'],
      last: undefined,
    },
  ])('$name', ({ lines, last }) => {
    // Act
    const { indices } = findDecisiveLines(lines);

    // Assert
    expect(indices.length > 0 ? lines[indices.at(-1) as number] : undefined).toBe(last);
  });
});
