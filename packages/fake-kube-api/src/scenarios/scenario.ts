import type { IDaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IEvent } from 'kubernetes-models/v1/Event';
import type { IPod } from 'kubernetes-models/v1/Pod';

/** One line a container wrote, with the time the runtime recorded it. */
export interface LogLine {
  time: Date;
  text: string;
}

/**
 * Lines in time order, addressable by index: a plain array, or an object that makes each line on demand for logs
 * too large to keep (tail and sinceSeconds then cost only the lines they return).
 */
export interface LogSource {
  readonly length: number;
  at(index: number): LogLine | undefined;
}

/** What a container instance wrote: `current` is the running (or last terminated) instance, `previous` the one before. */
export interface ContainerLogs {
  current?: LogSource;
  previous?: LogSource;
}

/**
 * A core/v1 Event as the apiserver serves it: events recorded through events.k8s.io/v1 (the scheduler's) carry
 * `eventTime` and `series` and null legacy timestamps.
 */
export type CoreEvent = Omit<IEvent, 'firstTimestamp' | 'lastTimestamp' | 'eventTime'> & {
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  eventTime: string | null;
};

/** Workload objects a pod's ownerReferences lead to. */
export type OwnerObject = IReplicaSet | IDeployment | IStatefulSet | IDaemonSet | IJob | ICronJob;

/** The objects one scenario adds to the fake cluster. */
export interface ScenarioFixture {
  pod: IPod;
  events: CoreEvent[];
  owners: OwnerObject[];
  /** Keyed by container name (init containers included). */
  logs: Record<string, ContainerLogs>;
}

export interface Scenario {
  /** Stable id, e.g. `oom-killed`. */
  id: string;
  namespace: string;
  pod: string;
  /** The DiagnosisCategory value (packages/contracts/src/diagnosis.ts) a correct diagnosis reaches. */
  expectedCategory: string;
  /** One line for humans and the demo: what is broken. */
  summary: string;
  /** True when every read in the scenario's namespace is forbidden, as for an agent without RBAC there. */
  forbiddenNamespace?: boolean;
  /** Builds the objects with timestamps relative to `now` (the server's start), so ages and durations make sense. */
  build(now: Date): ScenarioFixture;
}
