import { createHash } from 'node:crypto';
import type { IDaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerState } from 'kubernetes-models/v1/ContainerState';
import type { IContainerStatus } from 'kubernetes-models/v1/ContainerStatus';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodCondition } from 'kubernetes-models/v1/PodCondition';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { CoreEvent, LogLine, OwnerObject } from './scenario.js';

/** The three nodes of the fake cluster; the scheduler messages in the scenarios count them ("0/3 nodes"). */
export const NodeName = {
  ControlPlane: 'prod-control-plane',
  WorkerA: 'prod-worker-a',
  WorkerB: 'prod-worker-b',
} as const;

export const NODE_IPS: Record<string, string> = {
  [NodeName.ControlPlane]: '10.0.0.10',
  [NodeName.WorkerA]: '10.0.1.21',
  [NodeName.WorkerB]: '10.0.1.22',
};

/** Times relative to the moment the fake server started. */
export class Clock {
  constructor(readonly now: Date) {}

  /** `secondsAgo` before now, as a Date. */
  at(secondsAgo: number): Date {
    return new Date(this.now.getTime() - secondsAgo * 1000);
  }

  /** metav1.Time: RFC 3339 with whole seconds, as the apiserver writes it. */
  ago(secondsAgo: number): string {
    return `${this.at(secondsAgo).toISOString().slice(0, 19)}Z`;
  }

  /** metav1.MicroTime, as written into `eventTime` and `series.lastObservedTime`. */
  microAgo(secondsAgo: number): string {
    const date = this.at(secondsAgo);
    const micros = String(date.getUTCMilliseconds() * 1000 + 417).padStart(6, '0');
    return `${date.toISOString().slice(0, 19)}.${micros}Z`;
  }
}

/** Deterministic hex from a seed, so ids stay the same across restarts and tests can name them. */
export function stableHex(seed: string, length: number): string {
  let hex = '';
  for (let round = 0; hex.length < length; round++) {
    hex += createHash('sha256').update(`${round}:${seed}`).digest('hex');
  }
  return hex.slice(0, length);
}

export function stableUid(seed: string): string {
  const h = stableHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function resourceVersion(seed: string): string {
  return String(100_000 + (Number.parseInt(stableHex(seed, 6), 16) % 900_000));
}

export function imageDigest(image: string): string {
  const repo = image.includes('@') ? image.slice(0, image.indexOf('@')) : image.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${stableHex(`image:${image}`, 64)}`;
}

/** A log line's text, or a function of the line's time for formats that print their own timestamp. */
export type LineText = string | ((time: Date) => string);

/**
 * Spreads lines evenly from `fromAgo` to `toAgo` seconds before now (with a little jitter, as real output has), so
 * an instance's output falls between its start and its end.
 */
export function logLines(clock: Clock, fromAgo: number, toAgo: number, lines: readonly LineText[]): LogLine[] {
  const start = clock.at(fromAgo).getTime();
  const step = lines.length > 1 ? ((fromAgo - toAgo) * 1000) / (lines.length - 1) : 0;
  return lines.map((text, i) => {
    const time = new Date(Math.round(start + i * step) + (i > 0 && i < lines.length - 1 ? (i * 37) % 11 : 0));
    return { time, text: typeof text === 'function' ? text(time) : text };
  });
}

/** `{"ts":...,"level":...,"msg":...}` as structured loggers (pino, zap, logback JSON) write it. */
export function jsonLine(level: string, msg: string, fields: Record<string, unknown> = {}): LineText {
  return (time) => JSON.stringify({ level, time: time.toISOString(), msg, ...fields });
}

/** Spring Boot's default console layout. */
export function springLine(level: string, logger: string, msg: string, thread = 'main'): LineText {
  return (time) =>
    `${time.toISOString()} ${level.padStart(5)} 1 --- [${thread.padStart(15)}] ${logger.padEnd(40)} : ${msg}`;
}

export type StateInput =
  | { running: { startedAgo: number } }
  | { waiting: { reason: string; message?: string } }
  | { terminated: { reason: string; exitCode: number; startedAgo: number; finishedAgo: number; message?: string } };

export const running = (startedAgo: number): StateInput => ({ running: { startedAgo } });
export const waiting = (reason: string, message?: string): StateInput => ({
  waiting: message ? { reason, message } : { reason },
});
export const terminated = (t: {
  reason: string;
  exitCode: number;
  startedAgo: number;
  finishedAgo: number;
  message?: string;
}): StateInput => ({ terminated: t });

/** The kubelet's waiting state between restarts; `{uid}` is filled in with the pod's uid by buildPod. */
export function crashLoopBackOff(container: string, pod: string, namespace: string, backOff = '5m0s'): StateInput {
  return waiting(
    'CrashLoopBackOff',
    `back-off ${backOff} restarting failed container=${container} pod=${pod}_${namespace}({uid})`,
  );
}

export interface ContainerInput {
  name: string;
  image: string;
  /** Everything of the container spec beyond name and image. */
  spec?: Omit<IContainer, 'name' | 'image'>;
  state: StateInput;
  lastState?: StateInput;
  restartCount?: number;
  ready?: boolean;
  /** False while the image has never been pulled: no imageID, no containerID. */
  imagePresent?: boolean;
}

export type OwnerInput =
  | { kind: 'Deployment'; name: string; hash: string; replicas?: number; available?: number }
  | { kind: 'StatefulSet'; name: string; replicas?: number; serviceName?: string; ready?: number }
  | { kind: 'DaemonSet'; name: string; desired?: number }
  | { kind: 'Job'; name: string; cronJob?: string; backoffLimit?: number; failed?: number };

type ConditionType = 'PodReadyToStartContainers' | 'Initialized' | 'Ready' | 'ContainersReady' | 'PodScheduled';
interface ConditionOverride {
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  ago?: number;
}

export interface PodInput {
  namespace: string;
  name: string;
  /** Value of the `app` and `app.kubernetes.io/name` labels. */
  app: string;
  owner?: OwnerInput;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Null while unscheduled. */
  node: string | null;
  createdAgo: number;
  containers: ContainerInput[];
  initContainers?: ContainerInput[];
  volumes?: IVolume[];
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  reason?: string;
  message?: string;
  conditions?: Partial<Record<ConditionType, ConditionOverride>>;
  /** Conditions beyond the standard five, e.g. DisruptionTarget on an evicted pod. */
  extraConditions?: Array<{ type: string } & ConditionOverride>;
  serviceAccountName?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  podIP?: string;
  spec?: Partial<IPodSpec>;
}

/** An address inside the node's pod CIDR (10.244.<node index>.0/24, as the node objects declare it). */
export function podIpOn(node: string, podName: string): string {
  const nodeIndex = Object.keys(NODE_IPS).indexOf(node);
  return `10.244.${Math.max(nodeIndex, 0)}.${10 + (Number.parseInt(stableHex(podName, 4), 16) % 240)}`;
}

function containerId(seed: string): string {
  return `containerd://${stableHex(`container:${seed}`, 64)}`;
}

function toState(input: StateInput | undefined, clock: Clock, id: string): IContainerState {
  if (!input) return {};
  if ('running' in input) return { running: { startedAt: clock.ago(input.running.startedAgo) } };
  if ('waiting' in input) return { waiting: { ...input.waiting } };
  const t = input.terminated;
  return {
    terminated: {
      containerID: id,
      exitCode: t.exitCode,
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      startedAt: clock.ago(t.startedAgo),
      finishedAt: clock.ago(t.finishedAgo),
    },
  };
}

/** Status the kubelet reports for one container. */
function containerStatus(pod: PodInput, c: ContainerInput, clock: Clock): IContainerStatus {
  const restarts = c.restartCount ?? 0;
  const currentId = containerId(`${pod.namespace}/${pod.name}/${c.name}/${restarts}`);
  const previousId = containerId(`${pod.namespace}/${pod.name}/${c.name}/${restarts - 1}`);
  const state = toState(c.state, clock, currentId);
  if (state.waiting?.message) {
    state.waiting.message = state.waiting.message.replace('{uid}', stableUid(`${pod.namespace}/${pod.name}`));
  }
  const lastState = toState(c.lastState, clock, previousId);
  // The runtime reports an image id only for containers it created; one that never ran has none.
  const everCreated = 'running' in c.state || 'terminated' in c.state || lastState.terminated !== undefined;
  const present = (c.imagePresent ?? true) && everCreated;
  const image = c.image.includes('/') ? c.image : `docker.io/library/${c.image}`;
  const status: IContainerStatus = {
    name: c.name,
    state,
    lastState,
    ready: c.ready ?? false,
    restartCount: restarts,
    image,
    imageID: present ? imageDigest(image) : '',
    started: 'running' in c.state,
  };
  // The kubelet keeps the last created container's id while the next one waits (CrashLoopBackOff).
  if ('running' in c.state || 'terminated' in c.state) status.containerID = currentId;
  else if (lastState.terminated) status.containerID = previousId;
  const mounts = c.spec?.volumeMounts;
  if (mounts?.length) {
    status.volumeMounts = mounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return status;
}

function qosClass(containers: ContainerInput[]): 'BestEffort' | 'Guaranteed' | 'Burstable' {
  const resources = containers.map((c) => c.spec?.resources ?? {});
  const none = resources.every((r) => !r.limits && !r.requests);
  if (none) return 'BestEffort';
  const guaranteed = resources.every(
    (r) =>
      r.limits?.cpu !== undefined &&
      r.limits?.memory !== undefined &&
      (r.requests?.cpu ?? r.limits.cpu) === r.limits.cpu &&
      (r.requests?.memory ?? r.limits.memory) === r.limits.memory,
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function conditions(input: PodInput, clock: Clock): IPodCondition[] {
  const scheduledAgo = input.createdAgo - 1;
  const inits = input.initContainers ?? [];
  const unready = input.containers.filter((c) => !(c.ready ?? false)).map((c) => c.name);
  const incompleteInits = inits.filter((c) => !('terminated' in c.state && c.state.terminated.exitCode === 0));
  const readiness: ConditionOverride =
    unready.length === 0
      ? { status: 'True', ago: scheduledAgo - 10 }
      : {
          status: 'False',
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${unready.join(' ')}]`,
        };
  const defaults: Record<ConditionType, ConditionOverride> = {
    PodReadyToStartContainers: { status: input.node ? 'True' : 'False', ago: scheduledAgo - 2 },
    Initialized:
      incompleteInits.length === 0
        ? { status: 'True', ago: scheduledAgo - 2 }
        : {
            status: 'False',
            reason: 'ContainersNotInitialized',
            message: `containers with incomplete status: [${incompleteInits.map((c) => c.name).join(' ')}]`,
            ago: scheduledAgo,
          },
    Ready: readiness,
    ContainersReady: readiness,
    PodScheduled: { status: 'True', ago: scheduledAgo },
  };
  const order: ConditionType[] = input.node
    ? ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']
    : ['PodScheduled'];
  const extra = (input.extraConditions ?? []).map(({ type, ...c }) => ({ type, c }));
  return [...extra, ...order.map((type) => ({ type, c: { ...defaults[type], ...input.conditions?.[type] } }))].map(
    ({ type, c }) => {
      return {
        type,
        status: c.status,
        lastProbeTime: null as unknown as string,
        lastTransitionTime: clock.ago(c.ago ?? scheduledAgo - 5),
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.message ? { message: c.message } : {}),
      };
    },
  );
}

function ownerReference(kind: string, apiVersion: string, name: string, uid: string) {
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}

function objectMeta(clock: Clock, namespace: string, name: string, createdAgo: number, labels: Record<string, string>) {
  return {
    name,
    namespace,
    uid: stableUid(`${namespace}/${name}`),
    resourceVersion: resourceVersion(`${namespace}/${name}`),
    generation: 1,
    creationTimestamp: clock.ago(createdAgo),
    labels,
  };
}

function workloadOwners(
  input: PodInput,
  owner: OwnerInput,
  clock: Clock,
  podSpec: IPodSpec,
  labels: Record<string, string>,
  ready: boolean,
): { podOwner: ReturnType<typeof ownerReference>; objects: OwnerObject[] } {
  const { namespace } = input;
  const template = { metadata: { labels }, spec: podSpec };
  const selector = { matchLabels: { app: input.app } };
  const age = input.createdAgo + 86_400 * 3;
  switch (owner.kind) {
    case 'Deployment': {
      const replicas = owner.replicas ?? 1;
      const available = owner.available ?? (ready ? replicas : replicas - 1);
      const rsName = `${owner.name}-${owner.hash}`;
      const deployment: IDeployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          ...objectMeta(clock, namespace, owner.name, age, { app: input.app }),
          annotations: { 'deployment.kubernetes.io/revision': '4' },
        },
        spec: {
          replicas,
          selector,
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
          revisionHistoryLimit: 10,
          progressDeadlineSeconds: 600,
          template,
        },
        status: {
          observedGeneration: 1,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: available,
          availableReplicas: available,
          ...(available < replicas ? { unavailableReplicas: replicas - available } : {}),
          conditions: [
            {
              type: 'Available',
              status: available > 0 ? 'True' : 'False',
              reason: available > 0 ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
              message:
                available > 0
                  ? 'Deployment has minimum availability.'
                  : 'Deployment does not have minimum availability.',
              lastUpdateTime: clock.ago(input.createdAgo - 30),
              lastTransitionTime: clock.ago(input.createdAgo - 30),
            },
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${rsName}" has successfully progressed.`,
              lastUpdateTime: clock.ago(input.createdAgo - 30),
              lastTransitionTime: clock.ago(age),
            },
          ],
        },
      };
      const deploymentRef = ownerReference('Deployment', 'apps/v1', owner.name, deployment.metadata?.uid ?? '');
      const replicaSet: IReplicaSet = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          ...objectMeta(clock, namespace, rsName, input.createdAgo + 5, { ...labels }),
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
            'deployment.kubernetes.io/revision': '4',
          },
          ownerReferences: [deploymentRef],
        },
        spec: {
          replicas,
          selector: { matchLabels: { app: input.app, 'pod-template-hash': owner.hash } },
          template,
        },
        status: {
          replicas,
          fullyLabeledReplicas: replicas,
          readyReplicas: available,
          availableReplicas: available,
          observedGeneration: 1,
        },
      };
      return {
        podOwner: ownerReference('ReplicaSet', 'apps/v1', rsName, replicaSet.metadata?.uid ?? ''),
        objects: [replicaSet, deployment],
      };
    }
    case 'StatefulSet': {
      const replicas = owner.replicas ?? 1;
      const set: IStatefulSet = {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: objectMeta(clock, namespace, owner.name, age, { app: input.app }),
        spec: {
          replicas,
          selector,
          serviceName: owner.serviceName ?? owner.name,
          podManagementPolicy: 'OrderedReady',
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
          template,
        },
        status: {
          observedGeneration: 1,
          replicas,
          readyReplicas: owner.ready ?? (ready ? replicas : 0),
          availableReplicas: owner.ready ?? (ready ? replicas : 0),
          currentReplicas: replicas,
          updatedReplicas: replicas,
          currentRevision: `${owner.name}-${stableHex(owner.name, 10)}`,
          updateRevision: `${owner.name}-${stableHex(owner.name, 10)}`,
          collisionCount: 0,
        },
      };
      return {
        podOwner: ownerReference('StatefulSet', 'apps/v1', owner.name, set.metadata?.uid ?? ''),
        objects: [set],
      };
    }
    case 'DaemonSet': {
      const desired = owner.desired ?? 3;
      const set: IDaemonSet = {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: objectMeta(clock, namespace, owner.name, age, { app: input.app }),
        spec: { selector, template, updateStrategy: { type: 'RollingUpdate' } },
        status: {
          currentNumberScheduled: desired,
          desiredNumberScheduled: desired,
          numberAvailable: desired,
          numberMisscheduled: 0,
          numberReady: desired,
          updatedNumberScheduled: desired,
          observedGeneration: 1,
        },
      };
      return {
        podOwner: ownerReference('DaemonSet', 'apps/v1', owner.name, set.metadata?.uid ?? ''),
        objects: [set],
      };
    }
    case 'Job': {
      const objects: OwnerObject[] = [];
      const jobMeta = objectMeta(clock, namespace, owner.name, input.createdAgo + 2, {
        'batch.kubernetes.io/job-name': owner.name,
        'job-name': owner.name,
      });
      if (owner.cronJob) {
        const cron: ICronJob = {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: objectMeta(clock, namespace, owner.cronJob, age * 10, { app: input.app }),
          spec: {
            schedule: '0 */6 * * *',
            concurrencyPolicy: 'Forbid',
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 1,
            suspend: false,
            jobTemplate: { spec: { backoffLimit: owner.backoffLimit ?? 6, template } },
          },
          status: {
            lastScheduleTime: clock.ago(input.createdAgo + 2),
            lastSuccessfulTime: clock.ago(input.createdAgo + 2 + 6 * 3600),
          },
        };
        objects.push(cron);
        Object.assign(jobMeta, {
          ownerReferences: [ownerReference('CronJob', 'batch/v1', owner.cronJob, cron.metadata?.uid ?? '')],
        });
      }
      const failed = owner.failed ?? 0;
      const backoffLimit = owner.backoffLimit ?? 6;
      const exceeded = failed > backoffLimit;
      const job: IJob = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: jobMeta,
        spec: {
          backoffLimit,
          completions: 1,
          parallelism: 1,
          completionMode: 'NonIndexed',
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': jobMeta.uid } },
          template,
        },
        status: {
          startTime: clock.ago(input.createdAgo),
          failed,
          active: exceeded ? 0 : 1,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          ...(exceeded
            ? {
                conditions: [
                  {
                    type: 'FailureTarget',
                    status: 'True',
                    reason: 'BackoffLimitExceeded',
                    message: 'Job has reached the specified backoff limit',
                    lastProbeTime: clock.ago(60),
                    lastTransitionTime: clock.ago(60),
                  },
                  {
                    type: 'Failed',
                    status: 'True',
                    reason: 'BackoffLimitExceeded',
                    message: 'Job has reached the specified backoff limit',
                    lastProbeTime: clock.ago(60),
                    lastTransitionTime: clock.ago(60),
                  },
                ],
              }
            : {}),
        },
      };
      objects.unshift(job);
      return { podOwner: ownerReference('Job', 'batch/v1', owner.name, jobMeta.uid), objects };
    }
  }
}

/** Builds a full V1Pod (and the workload objects above it) the way the apiserver would serve them. */
export function buildPod(clock: Clock, input: PodInput): { pod: IPod; owners: OwnerObject[] } {
  const uid = stableUid(`${input.namespace}/${input.name}`);
  const tokenVolume = `kube-api-access-${stableHex(`token:${input.name}`, 5).replace(/[aeiou0-3]/g, 'x')}`;
  const labels: Record<string, string> = {
    app: input.app,
    'app.kubernetes.io/name': input.app,
    ...(input.owner?.kind === 'Deployment' ? { 'pod-template-hash': input.owner.hash } : {}),
    ...(input.owner?.kind === 'StatefulSet'
      ? {
          'apps.kubernetes.io/pod-index': input.name.slice(input.name.lastIndexOf('-') + 1),
          'controller-revision-hash': `${input.owner.name}-${stableHex(input.owner.name, 10)}`,
          'statefulset.kubernetes.io/pod-name': input.name,
        }
      : {}),
    ...(input.owner?.kind === 'Job'
      ? {
          'batch.kubernetes.io/controller-uid': stableUid(`${input.namespace}/${input.owner.name}`),
          'batch.kubernetes.io/job-name': input.owner.name,
          'controller-uid': stableUid(`${input.namespace}/${input.owner.name}`),
          'job-name': input.owner.name,
        }
      : {}),
    ...input.labels,
  };
  const serviceAccountMount = {
    name: tokenVolume,
    mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    readOnly: true,
  };
  const toSpec = (c: ContainerInput): IContainer => ({
    name: c.name,
    image: c.image,
    imagePullPolicy: c.image.endsWith(':latest') ? 'Always' : 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...c.spec,
    volumeMounts: [...(c.spec?.volumeMounts ?? []), serviceAccountMount],
  });
  const spec: IPodSpec = {
    ...(input.initContainers ? { initContainers: input.initContainers.map(toSpec) } : {}),
    containers: input.containers.map(toSpec),
    volumes: [
      ...(input.volumes ?? []),
      {
        name: tokenVolume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
              },
            },
          ],
        },
      },
    ],
    restartPolicy: input.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: input.serviceAccountName ?? 'default',
    serviceAccount: input.serviceAccountName ?? 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    ...input.spec,
  };
  if (input.node) spec.nodeName = input.node;

  const allReady = input.containers.every((c) => c.ready ?? false);
  let ownerReferences: ReturnType<typeof ownerReference>[] | undefined;
  let owners: OwnerObject[] = [];
  if (input.owner) {
    // A workload's pod template carries no node: that is the scheduler's doing.
    const { nodeName: _scheduled, ...templateSpec } = spec;
    const built = workloadOwners(input, input.owner, clock, templateSpec, labels, allReady);
    ownerReferences = [built.podOwner];
    owners = built.objects;
  }

  const hostIP = input.node ? NODE_IPS[input.node] : undefined;
  const podIP = input.node ? (input.podIP ?? podIpOn(input.node, input.name)) : undefined;
  const status: NonNullable<IPod['status']> = {
    phase: input.phase,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.message ? { message: input.message } : {}),
    conditions: conditions(input, clock),
    qosClass: qosClass(input.containers),
  };
  if (input.node) {
    Object.assign(status, {
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: clock.ago(input.createdAgo - 1),
      ...(input.initContainers
        ? { initContainerStatuses: input.initContainers.map((c) => containerStatus(input, c, clock)) }
        : {}),
      containerStatuses: input.containers.map((c) => containerStatus(input, c, clock)),
    });
  }

  const pod: IPod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      ...(input.owner?.kind === 'Deployment' || input.owner?.kind === 'DaemonSet' || input.owner?.kind === 'Job'
        ? { generateName: input.name.slice(0, input.name.lastIndexOf('-') + 1) }
        : {}),
      namespace: input.namespace,
      uid,
      resourceVersion: resourceVersion(`${input.namespace}/${input.name}`),
      creationTimestamp: clock.ago(input.createdAgo),
      labels,
      ...(input.annotations ? { annotations: input.annotations } : {}),
      ...(ownerReferences ? { ownerReferences } : {}),
    },
    spec,
    status,
  };
  return { pod, owners };
}

export interface EventInput {
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count?: number;
  firstAgo: number;
  lastAgo?: number;
  /** kubelet (default), default-scheduler, or a controller. */
  component?: string;
  /** e.g. `spec.containers{app}`. */
  fieldPath?: string;
  /** The object the event is about, when not the pod. */
  involved?: { kind: string; apiVersion: string; name: string; uid: string };
}

/**
 * A core/v1 Event. The kubelet still records through the legacy API (firstTimestamp, lastTimestamp, count); the
 * scheduler records through events.k8s.io/v1, which the core view shows as eventTime and series with null legacy
 * timestamps.
 */
export function buildEvent(clock: Clock, pod: IPod, input: EventInput): CoreEvent {
  const namespace = pod.metadata?.namespace ?? 'default';
  const component = input.component ?? 'kubelet';
  const involved = input.involved ?? {
    kind: 'Pod',
    apiVersion: 'v1',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
  };
  const count = input.count ?? 1;
  const lastAgo = input.lastAgo ?? input.firstAgo;
  const name = `${involved.name}.${stableHex(`${involved.name}/${input.reason}/${input.message}`, 16)}`;
  const host = pod.spec?.nodeName;
  const base = {
    apiVersion: 'v1' as const,
    kind: 'Event' as const,
    metadata: {
      name,
      namespace,
      uid: stableUid(`event:${name}`),
      resourceVersion: resourceVersion(name),
      creationTimestamp: clock.ago(input.firstAgo),
    },
    involvedObject: {
      kind: involved.kind,
      namespace,
      name: involved.name,
      uid: involved.uid,
      apiVersion: involved.apiVersion,
      ...(involved.kind === 'Pod' ? { resourceVersion: pod.metadata?.resourceVersion ?? '' } : {}),
      ...(input.fieldPath ? { fieldPath: input.fieldPath } : {}),
    },
    reason: input.reason,
    message: input.message,
    type: input.type ?? 'Normal',
  };
  if (component === 'default-scheduler') {
    return {
      ...base,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: clock.microAgo(input.firstAgo),
      ...(count > 1 ? { series: { count, lastObservedTime: clock.microAgo(lastAgo) } } : {}),
      action: 'Scheduling',
      reportingComponent: 'default-scheduler',
      reportingInstance: `default-scheduler-${NodeName.ControlPlane}`,
    };
  }
  return {
    ...base,
    source: component === 'kubelet' && host ? { component, host } : { component },
    firstTimestamp: clock.ago(input.firstAgo),
    lastTimestamp: clock.ago(lastAgo),
    count,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: component === 'kubelet' && host ? host : '',
  };
}

/** The events of a controller about the pod it created, e.g. the ReplicaSet's SuccessfulCreate. */
export function ownerCreatedEvent(clock: Clock, pod: IPod, owners: OwnerObject[]): CoreEvent[] {
  const direct = owners.find((o) => pod.metadata?.ownerReferences?.some((r) => r.uid === o.metadata?.uid));
  if (!direct?.metadata?.name) return [];
  const createdAgo = (clock.now.getTime() - Date.parse(pod.metadata?.creationTimestamp ?? '')) / 1000;
  const component =
    direct.kind === 'ReplicaSet'
      ? 'replicaset-controller'
      : direct.kind === 'Job'
        ? 'job-controller'
        : direct.kind === 'StatefulSet'
          ? 'statefulset-controller'
          : 'daemonset-controller';
  return [
    buildEvent(clock, pod, {
      reason: 'SuccessfulCreate',
      message:
        direct.kind === 'StatefulSet'
          ? `create Pod ${pod.metadata?.name} in StatefulSet ${direct.metadata.name} successful`
          : `Created pod: ${pod.metadata?.name}`,
      firstAgo: Math.round(createdAgo),
      component,
      involved: {
        kind: direct.kind,
        apiVersion: direct.apiVersion,
        name: direct.metadata.name,
        uid: direct.metadata.uid ?? '',
      },
    }),
  ];
}

function fieldPath(container: string, init?: boolean): string {
  return `spec.${init ? 'initContainers' : 'containers'}{${container}}`;
}

/** The scheduler's `Scheduled` event. */
export function scheduledEvent(clock: Clock, pod: IPod, ago: number): CoreEvent {
  return buildEvent(clock, pod, {
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.metadata?.namespace}/${pod.metadata?.name} to ${pod.spec?.nodeName}`,
    firstAgo: ago,
    component: 'default-scheduler',
  });
}

interface Repeat {
  count: number;
  firstAgo: number;
  lastAgo: number;
  init?: boolean;
}

/** Pulled (image present), Created and Started, as the kubelet records each container start. */
export function containerStartEvents(
  clock: Clock,
  pod: IPod,
  container: string,
  image: string,
  r: Repeat,
): CoreEvent[] {
  const path = fieldPath(container, r.init);
  const common = { count: r.count, firstAgo: r.firstAgo, lastAgo: r.lastAgo, fieldPath: path };
  return [
    buildEvent(clock, pod, {
      reason: 'Pulled',
      message: `Container image "${image}" already present on machine`,
      ...common,
    }),
    buildEvent(clock, pod, { reason: 'Created', message: `Created container ${container}`, ...common }),
    buildEvent(clock, pod, {
      reason: 'Started',
      message: `Started container ${container}`,
      ...common,
      firstAgo: r.firstAgo - 1,
      lastAgo: r.lastAgo - 1,
    }),
  ];
}

/** The kubelet's restart back-off warning. */
export function backOffEvent(clock: Clock, pod: IPod, container: string, r: Repeat): CoreEvent {
  return buildEvent(clock, pod, {
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting failed container ${container} in pod ${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`,
    count: r.count,
    firstAgo: r.firstAgo,
    lastAgo: r.lastAgo,
    fieldPath: fieldPath(container, r.init),
  });
}
