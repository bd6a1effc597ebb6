import type { CoreV1Event, V1ObjectMeta, V1Pod } from '@kubernetes/client-node';
import type { KubeGateway, OwnerKind, PodLogRequest } from '../../src/kube/kube-gateway.js';

export interface FakeGatewayCall {
  method: keyof Omit<KubeGateway, 'server'>;
  args: unknown[];
}

/**
 * A hand-written KubeGateway for unit tests: answers from the objects it is given, records every call,
 * and fails a call with whatever error `failWith` returns for it.
 */
export class FakeGateway implements KubeGateway {
  readonly server = 'https://fake.example:6443';
  readonly calls: FakeGatewayCall[] = [];
  pods = new Map<string, V1Pod>();
  owners = new Map<string, V1ObjectMeta>();
  logs = new Map<string, string>();
  events: CoreV1Event[] = [];
  failWith: (call: FakeGatewayCall) => unknown = () => undefined;

  addPod(pod: V1Pod): this {
    this.pods.set(`${pod.metadata?.namespace}/${pod.metadata?.name}`, pod);
    return this;
  }

  private record(call: FakeGatewayCall): void {
    this.calls.push(call);
    const error = this.failWith(call);
    if (error) throw error;
  }

  async readPod(namespace: string, name: string): Promise<V1Pod> {
    this.record({ method: 'readPod', args: [namespace, name] });
    const pod = this.pods.get(`${namespace}/${name}`);
    if (!pod) throw new Error(`fake: no pod ${namespace}/${name}`);
    return pod;
  }

  async readOwnerMetadata(namespace: string, kind: OwnerKind, name: string): Promise<V1ObjectMeta> {
    this.record({ method: 'readOwnerMetadata', args: [namespace, kind, name] });
    const owner = this.owners.get(`${kind}/${name}`);
    if (!owner) throw new Error(`fake: no ${kind} ${name}`);
    return owner;
  }

  async readPodLog(namespace: string, name: string, request: PodLogRequest): Promise<string> {
    this.record({ method: 'readPodLog', args: [namespace, name, request] });
    const key = `${name}/${request.container}${request.previous ? '/previous' : ''}`;
    return (this.logs.get(key) ?? '').slice(0, request.limitBytes);
  }

  async listPodEvents(namespace: string, podName: string, limit: number): Promise<CoreV1Event[]> {
    this.record({ method: 'listPodEvents', args: [namespace, podName, limit] });
    return this.events;
  }

  async listOnePod(namespace: string): Promise<void> {
    this.record({ method: 'listOnePod', args: [namespace] });
  }
}
