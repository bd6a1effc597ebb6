import {
  backOffEvent,
  buildPod,
  Clock,
  containerStartEvents,
  crashLoopBackOff,
  logLines,
  NodeName,
  ownerCreatedEvent,
  scheduledEvent,
  terminated,
  waiting,
} from './builders.js';
import type { Scenario } from './scenario.js';

const POD = 'report-generator-5b6c7d8e9-a1s2d';
const APP_IMAGE = 'registry.example.com/analytics/report-generator:3.1.0';
const MIGRATE_IMAGE = 'registry.example.com/analytics/report-generator-migrations:3.1.0';

/** The schema migration init container fails on every attempt, so the app container never starts (Init:CrashLoopBackOff). */
export const initContainerFailureScenario: Scenario = {
  id: 'init-container-failure',
  namespace: 'default',
  pod: POD,
  expectedCategory: 'init_container_failure',
  summary: 'init container migrate exits 1 (DuplicateColumn in an Alembic migration): Init:CrashLoopBackOff',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: POD,
      app: 'report-generator',
      owner: { kind: 'Deployment', name: 'report-generator', hash: '5b6c7d8e9', replicas: 1, available: 0 },
      node: NodeName.WorkerB,
      createdAgo: 1200,
      phase: 'Pending',
      conditions: { PodReadyToStartContainers: { status: 'True', ago: 1197 } },
      initContainers: [
        {
          name: 'wait-for-db',
          image: 'docker.io/library/busybox:1.37',
          spec: {
            command: [
              'sh',
              '-c',
              'until nc -z reports-db.default.svc.cluster.local 5432; do echo waiting for db; sleep 2; done',
            ],
          },
          state: terminated({ reason: 'Completed', exitCode: 0, startedAgo: 1197, finishedAgo: 1190 }),
          ready: true,
        },
        {
          name: 'migrate',
          image: MIGRATE_IMAGE,
          spec: {
            command: ['alembic', 'upgrade', 'head'],
            env: [
              {
                name: 'SQLALCHEMY_URL',
                value: 'postgresql://reports:s3cr3t@reports-db.default.svc.cluster.local:5432/reports',
              },
            ],
          },
          state: crashLoopBackOff('migrate', POD, 'default'),
          lastState: terminated({ reason: 'Error', exitCode: 1, startedAgo: 160, finishedAgo: 157 }),
          restartCount: 6,
        },
      ],
      containers: [
        {
          name: 'app',
          image: APP_IMAGE,
          spec: {
            ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
            env: [{ name: 'REPORTS_BUCKET', value: 's3://reports-prod' }],
            resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
          },
          state: waiting('PodInitializing'),
        },
      ],
    });
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 1200),
      ...containerStartEvents(clock, pod, 'wait-for-db', 'docker.io/library/busybox:1.37', {
        count: 1,
        firstAgo: 1198,
        lastAgo: 1198,
        init: true,
      }),
      ...containerStartEvents(clock, pod, 'migrate', MIGRATE_IMAGE, {
        count: 7,
        firstAgo: 1189,
        lastAgo: 161,
        init: true,
      }),
      backOffEvent(clock, pod, 'migrate', { count: 26, firstAgo: 1170, lastAgo: 3, init: true }),
    ];
    const waitLogs = logLines(clock, 1197, 1190, [
      'waiting for db',
      'waiting for db',
      'waiting for db',
      'reports-db.default.svc.cluster.local (10.96.12.40:5432) open',
    ]);
    const migrateLogs = logLines(clock, 159, 157, [
      'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.',
      'INFO  [alembic.runtime.migration] Will assume transactional DDL.',
      'INFO  [alembic.runtime.migration] Running upgrade 3f2a9c1b7d4e -> 8c7d6e5f4a3b, add archived_at to reports',
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1967, in _exec_single_context',
      '    self.dialect.do_execute(',
      '  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/default.py", line 941, in do_execute',
      '    cursor.execute(statement, parameters)',
      'psycopg2.errors.DuplicateColumn: column "archived_at" of relation "reports" already exists',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "/usr/local/bin/alembic", line 8, in <module>',
      '    sys.exit(main())',
      '  File "/app/migrations/versions/8c7d6e5f4a3b_add_archived_at.py", line 19, in upgrade',
      '    op.add_column("reports", sa.Column("archived_at", sa.DateTime(timezone=True)))',
      'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateColumn) column "archived_at" of relation "reports" already exists',
      '[SQL: ALTER TABLE reports ADD COLUMN archived_at TIMESTAMP WITH TIME ZONE]',
      '(Background on this error at: https://sqlalche.me/e/20/f405)',
    ]);
    return {
      pod,
      owners,
      events,
      logs: { 'wait-for-db': { current: waitLogs }, migrate: { previous: migrateLogs } },
    };
  },
};
