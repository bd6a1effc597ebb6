import {
  buildEvent,
  buildPod,
  Clock,
  containerStartEvents,
  logLines,
  NodeName,
  ownerCreatedEvent,
  scheduledEvent,
  springLine,
  terminated,
} from './builders.js';
import type { Scenario } from './scenario.js';

const POD = 'db-migrate-28473920-abcde';
const JOB = 'db-migrate-28473920';
const IMAGE = 'docker.io/flyway/flyway:10.22';

/** A CronJob's migration Job whose every pod exits 1 until the Job gives up (BackoffLimitExceeded). */
export const jobFailedScenario: Scenario = {
  id: 'job-failed',
  namespace: 'default',
  pod: POD,
  expectedCategory: 'crash_loop',
  summary:
    'Job db-migrate-28473920 (CronJob db-migrate) failed: flyway exits 1 on a checksum mismatch, BackoffLimitExceeded',
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'default',
      name: POD,
      app: 'db-migrate',
      owner: { kind: 'Job', name: JOB, cronJob: 'db-migrate', backoffLimit: 3, failed: 4 },
      node: NodeName.WorkerA,
      createdAgo: 180,
      phase: 'Failed',
      restartPolicy: 'Never',
      conditions: {
        PodReadyToStartContainers: { status: 'False', ago: 150 },
        Ready: { status: 'False', reason: 'PodFailed', ago: 150 },
        ContainersReady: { status: 'False', reason: 'PodFailed', ago: 150 },
      },
      containers: [
        {
          name: 'flyway',
          image: IMAGE,
          spec: {
            args: ['migrate'],
            env: [
              { name: 'FLYWAY_URL', value: 'jdbc:postgresql://orders-db.default.svc:5432/orders' },
              { name: 'FLYWAY_USER', value: 'migrator' },
              { name: 'FLYWAY_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-migrator', key: 'password' } } },
            ],
            resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
          },
          state: terminated({ reason: 'Error', exitCode: 1, startedAgo: 176, finishedAgo: 151 }),
        },
      ],
    });
    const job = owners.find((o) => o.kind === 'Job');
    const cron = owners.find((o) => o.kind === 'CronJob');
    const jobRef = { kind: 'Job', apiVersion: 'batch/v1', name: JOB, uid: job?.metadata?.uid ?? '' };
    const cronRef = { kind: 'CronJob', apiVersion: 'batch/v1', name: 'db-migrate', uid: cron?.metadata?.uid ?? '' };
    const events = [
      ...ownerCreatedEvent(clock, pod, owners),
      scheduledEvent(clock, pod, 180),
      ...containerStartEvents(clock, pod, 'flyway', IMAGE, { count: 1, firstAgo: 178, lastAgo: 178 }),
      buildEvent(clock, pod, {
        type: 'Warning',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
        firstAgo: 60,
        component: 'job-controller',
        involved: jobRef,
      }),
      buildEvent(clock, pod, {
        reason: 'SuccessfulCreate',
        message: `Created job ${JOB}`,
        firstAgo: 900,
        component: 'cronjob-controller',
        involved: cronRef,
      }),
      buildEvent(clock, pod, {
        reason: 'SawCompletedJob',
        message: `Saw completed job: ${JOB}, status: Failed`,
        firstAgo: 59,
        component: 'cronjob-controller',
        involved: cronRef,
      }),
    ];
    const current = logLines(clock, 175, 152, [
      'Flyway OSS Edition 10.22.0 by Redgate',
      '',
      'See release notes here: https://rd.gt/416ObMi',
      'Database: jdbc:postgresql://orders-db.default.svc:5432/orders (PostgreSQL 16.6)',
      springLine(
        'INFO',
        'org.flywaydb.core.FlywayExecutor',
        'Successfully validated 41 migrations (execution time 00:00.087s)',
      ),
      'ERROR: Validate failed: Migrations have failed validation',
      'Migration checksum mismatch for migration version 2.7',
      '-> Applied to database : 1834718523',
      '-> Resolved locally    : -1270398210',
      'Either revert the changes to the migration, or run repair to update the schema history.',
      'Need more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE',
    ]);
    return { pod, owners, events, logs: { flyway: { current } } };
  },
};
