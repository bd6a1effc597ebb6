import type { INode } from 'kubernetes-models/v1/Node';
import { type Clock, NODE_IPS, NodeName, stableHex, stableUid } from './scenarios/builders.js';

interface NodeInput {
  name: string;
  controlPlane?: boolean;
  memoryPressure?: { sinceAgo: number };
  capacity: { cpu: string; memory: string; pods: string; 'ephemeral-storage': string };
  allocatable: { cpu: string; memory: string; pods: string; 'ephemeral-storage': string };
  zone: string;
}

function condition(
  clock: Clock,
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  transitionAgo: number,
) {
  return {
    type,
    status,
    lastHeartbeatTime: clock.ago(12),
    lastTransitionTime: clock.ago(transitionAgo),
    reason,
    message,
  };
}

function buildNode(clock: Clock, input: NodeInput): INode {
  const created = 86_400 * 41;
  const pressure = input.memoryPressure;
  const taints = [
    ...(input.controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }] : []),
    ...(pressure
      ? [
          {
            key: 'node.kubernetes.io/memory-pressure',
            effect: 'NoSchedule' as const,
            timeAdded: clock.ago(pressure.sinceAgo),
          },
        ]
      : []),
  ];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: input.name,
      uid: stableUid(`node/${input.name}`),
      resourceVersion: String(200_000 + (Number.parseInt(stableHex(input.name, 4), 16) % 100_000)),
      creationTimestamp: clock.ago(created),
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': input.name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': input.zone,
        ...(input.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${Object.keys(NODE_IPS).indexOf(input.name)}.0/24`,
      podCIDRs: [`10.244.${Object.keys(NODE_IPS).indexOf(input.name)}.0/24`],
      providerID: `aws:///${input.zone}/i-0${stableHex(input.name, 16)}`,
      ...(taints.length ? { taints } : {}),
    },
    status: {
      capacity: input.capacity,
      allocatable: input.allocatable,
      conditions: [
        pressure
          ? condition(
              clock,
              'MemoryPressure',
              'True',
              'KubeletHasInsufficientMemory',
              'kubelet has insufficient memory available',
              pressure.sinceAgo,
            )
          : condition(
              clock,
              'MemoryPressure',
              'False',
              'KubeletHasSufficientMemory',
              'kubelet has sufficient memory available',
              created,
            ),
        condition(clock, 'DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', created),
        condition(
          clock,
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
          created,
        ),
        condition(clock, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', created - 30),
      ],
      addresses: [
        { type: 'InternalIP', address: NODE_IPS[input.name] ?? '10.0.9.9' },
        { type: 'Hostname', address: input.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: stableHex(`machine:${input.name}`, 32),
        systemUUID: stableUid(`system:${input.name}`),
        bootID: stableUid(`boot:${input.name}`),
        kernelVersion: '6.1.115-126.197.amzn2023.x86_64',
        osImage: 'Amazon Linux 2023.6.20241121',
        containerRuntimeVersion: 'containerd://1.7.23',
        kubeletVersion: 'v1.31.4',
        kubeProxyVersion: 'v1.31.4',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/**
 * The fake cluster's three nodes: a tainted control plane and two workers, one of which is under memory pressure
 * (it is where the `evicted` scenario's pod ran).
 */
export function buildNodes(clock: Clock): INode[] {
  const worker = {
    capacity: { cpu: '4', memory: '16213716Ki', pods: '58', 'ephemeral-storage': '83873772Ki' },
    allocatable: { cpu: '3920m', memory: '15197908Ki', pods: '58', 'ephemeral-storage': '76224326649' },
  };
  return [
    buildNode(clock, {
      name: NodeName.ControlPlane,
      controlPlane: true,
      zone: 'eu-west-1a',
      capacity: { cpu: '2', memory: '8039928Ki', pods: '110', 'ephemeral-storage': '52416492Ki' },
      allocatable: { cpu: '1930m', memory: '7327224Ki', pods: '110', 'ephemeral-storage': '48307982444' },
    }),
    buildNode(clock, { name: NodeName.WorkerA, zone: 'eu-west-1b', ...worker }),
    buildNode(clock, { name: NodeName.WorkerB, zone: 'eu-west-1c', memoryPressure: { sinceAgo: 540 }, ...worker }),
  ];
}
