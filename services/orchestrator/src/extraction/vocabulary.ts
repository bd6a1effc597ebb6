/**
 * The words extraction recognises: resource kinds, label keys, kubectl's grammar, and the English words that
 * are valid Kubernetes names but never what a person means by "the pod".
 */

export const WorkloadKind = {
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  ReplicaSet: 'ReplicaSet',
  Job: 'Job',
  CronJob: 'CronJob',
} as const;
export type WorkloadKind = (typeof WorkloadKind)[keyof typeof WorkloadKind];

/** What a word names when it is used as a kind: `pod/web-1`, `pod web-1`, `the web-1 pod`. */
export const EntityRole = {
  Pod: 'pod',
  Namespace: 'namespace',
  Container: 'container',
  Workload: 'workload',
  /** Some other object (node, service, image, ...): its name is not a pod's. */
  Other: 'other',
} as const;
export type EntityRole = (typeof EntityRole)[keyof typeof EntityRole];

export interface KindWord {
  role: EntityRole;
  workloadKind?: WorkloadKind;
}

const pod: KindWord = { role: EntityRole.Pod };
const namespace: KindWord = { role: EntityRole.Namespace };
const container: KindWord = { role: EntityRole.Container };
const other: KindWord = { role: EntityRole.Other };
const workload = (workloadKind: WorkloadKind): KindWord => ({ role: EntityRole.Workload, workloadKind });

/** Resource names and short names as kubectl accepts them before a `/`: `pod/web-1`, `deploy/api`, `ns/shop`. */
export const SLASH_KINDS: ReadonlyMap<string, KindWord> = new Map<string, KindWord>([
  ['pod', pod],
  ['pods', pod],
  ['po', pod],
  ['namespace', namespace],
  ['namespaces', namespace],
  ['ns', namespace],
  ['deployment', workload(WorkloadKind.Deployment)],
  ['deployments', workload(WorkloadKind.Deployment)],
  ['deploy', workload(WorkloadKind.Deployment)],
  ['statefulset', workload(WorkloadKind.StatefulSet)],
  ['statefulsets', workload(WorkloadKind.StatefulSet)],
  ['sts', workload(WorkloadKind.StatefulSet)],
  ['daemonset', workload(WorkloadKind.DaemonSet)],
  ['daemonsets', workload(WorkloadKind.DaemonSet)],
  ['ds', workload(WorkloadKind.DaemonSet)],
  ['replicaset', workload(WorkloadKind.ReplicaSet)],
  ['replicasets', workload(WorkloadKind.ReplicaSet)],
  ['rs', workload(WorkloadKind.ReplicaSet)],
  ['job', workload(WorkloadKind.Job)],
  ['jobs', workload(WorkloadKind.Job)],
  ['cronjob', workload(WorkloadKind.CronJob)],
  ['cronjobs', workload(WorkloadKind.CronJob)],
  ['cj', workload(WorkloadKind.CronJob)],
  ...[
    'node',
    'nodes',
    'no',
    'service',
    'services',
    'svc',
    'configmap',
    'configmaps',
    'cm',
    'secret',
    'secrets',
    'persistentvolumeclaim',
    'persistentvolumeclaims',
    'pvc',
    'persistentvolume',
    'pv',
    'ingress',
    'ingresses',
    'ing',
    'endpoints',
    'ep',
    'serviceaccount',
    'sa',
    'horizontalpodautoscaler',
    'hpa',
    'poddisruptionbudget',
    'pdb',
    'networkpolicy',
    'netpol',
    'role',
    'rolebinding',
    'clusterrole',
    'clusterrolebinding',
    'event',
    'events',
    'ev',
  ].map((word): [string, KindWord] => [word, other]),
]);

/** API groups kubectl accepts after a resource name: `deployment.apps/api`, `job.batch/migrate`. */
export const API_GROUP_SUFFIXES: ReadonlySet<string> = new Set(['apps', 'batch', 'extensions', 'core', 'v1']);

/**
 * Words that mark the name next to them in prose: `pod web-1`, `the web-1 pod`, `namespace shop`,
 * `the app container`, `deployment checkout-api`. Plural `pods` marks only the name after it.
 */
export const MARKER_WORDS: ReadonlyMap<string, KindWord> = new Map<string, KindWord>([
  ['pod', pod],
  ['namespace', namespace],
  ['ns', namespace],
  ['container', container],
  ['deployment', workload(WorkloadKind.Deployment)],
  ['statefulset', workload(WorkloadKind.StatefulSet)],
  ['daemonset', workload(WorkloadKind.DaemonSet)],
  ['replicaset', workload(WorkloadKind.ReplicaSet)],
  ['cronjob', workload(WorkloadKind.CronJob)],
]);

/** Plural markers: only a name after them counts (`pods web-1 and web-2`; `3 pods` names nothing). */
export const LEADING_ONLY_MARKER_WORDS: ReadonlyMap<string, KindWord> = new Map<string, KindWord>([
  ['pods', pod],
  ['containers', container],
]);

/** Filler between a marker and its name: `pod named web-1`, `pod called web-1`, `pod name web-1`. */
export const MARKER_FILLERS: ReadonlySet<string> = new Set(['named', 'called', 'name']);

/**
 * Label and field keys, normalised (lowercased, `_`, `-` and `.` removed): Prometheus/Alertmanager labels
 * (`pod`, `namespace`, `container`, `exported_pod`, cAdvisor's older `pod_name`/`container_name`,
 * kube-state-metrics' `deployment`, `statefulset`, `job_name`), Fluentd's `kubernetes.pod_name`, and
 * OpenTelemetry's `k8s.pod.name`. `job` alone is left out: in Prometheus it is the scrape job.
 */
export const LABEL_KEYS: ReadonlyMap<string, KindWord> = new Map<string, KindWord>([
  ...['pod', 'podname', 'exportedpod', 'kubernetespod', 'kubernetespodname', 'k8spodname'].map(
    (key): [string, KindWord] => [key, pod],
  ),
  ...[
    'namespace',
    'ns',
    'namespacename',
    'podnamespace',
    'exportednamespace',
    'kubernetesnamespace',
    'kubernetesnamespacename',
    'k8snamespacename',
  ].map((key): [string, KindWord] => [key, namespace]),
  ...[
    'container',
    'containername',
    'exportedcontainer',
    'kubernetescontainer',
    'kubernetescontainername',
    'k8scontainername',
  ].map((key): [string, KindWord] => [key, container]),
  ['deployment', workload(WorkloadKind.Deployment)],
  ['deploymentname', workload(WorkloadKind.Deployment)],
  ['k8sdeploymentname', workload(WorkloadKind.Deployment)],
  ['statefulset', workload(WorkloadKind.StatefulSet)],
  ['k8sstatefulsetname', workload(WorkloadKind.StatefulSet)],
  ['daemonset', workload(WorkloadKind.DaemonSet)],
  ['k8sdaemonsetname', workload(WorkloadKind.DaemonSet)],
  ['replicaset', workload(WorkloadKind.ReplicaSet)],
  ['k8sreplicasetname', workload(WorkloadKind.ReplicaSet)],
  ['jobname', workload(WorkloadKind.Job)],
  ['k8sjobname', workload(WorkloadKind.Job)],
  ['cronjob', workload(WorkloadKind.CronJob)],
  ['k8scronjobname', workload(WorkloadKind.CronJob)],
  ...[
    'node',
    'nodename',
    'k8snodename',
    'host',
    'hostname',
    'instance',
    'job',
    'service',
    'svc',
    'image',
    'cluster',
    'app',
    'component',
    'release',
    'uid',
    'ip',
    'podip',
    'hostip',
    'alertname',
    'severity',
    'endpoint',
    'prometheus',
    'reason',
    'phase',
    'status',
    'version',
  ].map((key): [string, KindWord] => [key, other]),
]);

/** Words naming other objects: the name right after them (`node worker-2`, `image nginx-1`) is not a pod. */
export const OTHER_OBJECT_WORDS_BEFORE_NAME: ReadonlySet<string> = new Set([
  'node',
  'nodes',
  'host',
  'hostname',
  'service',
  'svc',
  'image',
  'cluster',
  'configmap',
  'secret',
  'pvc',
  'volume',
  'ingress',
  'release',
  'chart',
  'version',
  'branch',
  'commit',
  'repo',
  'repository',
  'registry',
  'endpoint',
  'serviceaccount',
  'job',
  'ticket',
  'channel',
  'team',
  'user',
  'database',
  'db',
  'queue',
  'topic',
  'bucket',
  'region',
  'zone',
]);

/** Words naming other objects: the name right before them (`the checkout-api service`) is not a pod. */
export const OTHER_OBJECT_WORDS_AFTER_NAME: ReadonlySet<string> = new Set([
  'node',
  'host',
  'service',
  'svc',
  'cluster',
  'configmap',
  'secret',
  'pvc',
  'volume',
  'ingress',
  'release',
  'chart',
  'branch',
  'repo',
  'repository',
  'registry',
  'server',
  'database',
  'db',
  'queue',
  'topic',
  'bucket',
  'vm',
  'region',
  'zone',
  'team',
  'channel',
  'job',
  'image',
]);

/** First segments of node names (`node-1`, `worker-2`, `ip-10-0-1-23`, `gke-...`): pods run on these. */
export const NODE_NAME_PREFIXES: ReadonlySet<string> = new Set([
  'node',
  'worker',
  'master',
  'control',
  'ip',
  'gke',
  'aks',
  'eks',
  'minikube',
]);

/** kubectl (and OpenShift's oc). */
export const KUBECTL_WORDS: ReadonlySet<string> = new Set(['kubectl', 'oc']);

/** Subcommands whose first positional argument is a pod. */
export const KUBECTL_POD_FIRST_VERBS: ReadonlySet<string> = new Set([
  'logs',
  'log',
  'exec',
  'attach',
  'port-forward',
  'debug',
]);

/** Subcommands that take a resource type, then a name: `kubectl describe pod web-1`. */
export const KUBECTL_TYPED_VERBS: ReadonlySet<string> = new Set(['get', 'describe', 'delete', 'top', 'edit']);

/** Flags whose value is a separate argument (`-l app=web`); the others are booleans or written `--x=y`. */
export const KUBECTL_FLAGS_WITH_VALUE: ReadonlySet<string> = new Set([
  '-n',
  '--namespace',
  '-c',
  '--container',
  '-l',
  '--selector',
  '-o',
  '--output',
  '--tail',
  '--since',
  '--since-time',
  '--limit-bytes',
  '--context',
  '--cluster',
  '--kubeconfig',
  '--user',
  '-s',
  '--server',
  '--field-selector',
  '--sort-by',
  '--request-timeout',
  '--as',
  '--image',
  '--target',
]);

export const NAMESPACE_FLAGS: ReadonlySet<string> = new Set(['-n', '--namespace']);
export const CONTAINER_FLAGS: ReadonlySet<string> = new Set(['-c', '--container']);

/** Namespaces every cluster has: recognised after a bare `in` (`coredns-... in kube-system`), never pods. */
export const WELL_KNOWN_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * Valid Kubernetes names that are never the name meant: English function words and incident vocabulary,
 * kubectl verbs, resource kinds and status words (`crashloopbackoff`). Environment names (`prod`, `staging`,
 * `default`) are deliberately absent: they are real namespace names.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above across after again against ago all almost along already also although always am among an and
  another any anyone anything anyway are around as ask asked at away back bad be became because become been before
  behind being below best better between both broke broken but by can cannot cant could currently did didnt do does
  doesnt doing done dont down due during each either else even ever every everything except few first for from
  further get gets getting give given go goes going gone good got had has hasnt have having he her here hers him his
  how however i if in inside instead into is isnt it its itself just keep keeps keeping kept know last later least
  less let like likely look looking looks lot made make makes many may maybe me might mine more most much must my
  near need needs neither never new next no nobody none nor not nothing now of off often ok okay old on once one only
  onto or other others our ours out outside over own per please quite rather really right said same saw say says
  see seem seemed seems seen several shall she should show showing shown shows since so some someone something
  sometimes soon still such sure take than that the their theirs them then there these they thing things this those
  though through thus to today together tomorrow tonight too toward towards try trying twice two under until up upon
  us use used using very via was wasnt way we well went were what whatever when where whether which while who whole
  whom whose why will with within without wont would yes yesterday yet you your yours three four five six seven
  eight nine ten hundred thousand
  affected again alert alerting alerts alive available broken check checked cpu crash crashed crashes crashing
  critical current dead degraded died disk dying error errored erroring errors event events exit exited fail failed
  failing fails failure failures fine firing flapping hang hanging healthy help hung incident info investigate issue
  issues killed latest live log logs memory message minute minutes hour hours second seconds network offline online
  outage page paged problem problems probe probes reason resolved restart restarted restarting restarts running
  severity slow specific state status stopped stuck team time times timeout unavailable unhealthy unresponsive
  warning working
  entire faulty individual offending particular problematic random single target wrong
  init sidecar ephemeral
  security disruption budget template spec ip cidr count level sandbox affinity anti-affinity priority quota limit
  limits request requests resources lifecycle phase condition conditions selector labels annotations overhead
  readiness liveness startup manifest yaml json definition description owner uid identity scheduling scheduler
  termination autoscaler autoscaling metrics usage size health runtime id port ports creation command args env
  environment platform engine deletion isolation scoped wide metadata data kind apiversion
  follow read write built opt sign real non root self end side client cross multi auto pre post re co sub inter
  long short high low full half third party based level date call line time mail email front hand case
  started starting stops stopping created creating pulled pulling exiting runs ran became hit hits reached exceeded
  exceeds uses consumed consuming throws threw returned returns reports reported says appears scheduled went stays
  remains hangs exits loops throttled throttling utf-8 utf-16 sha-1 sha-256 sha-512 x86-64
  kubernetes k8s k3s kubectl oc helm docker
  get describe logs log exec apply edit top rollout scale attach debug cp explain create patch label annotate drain
  cordon uncordon expose run set wait port-forward
  pod pods po container containers namespace namespaces ns node nodes deployment deployments deploy statefulset
  statefulsets sts daemonset daemonsets ds replicaset replicasets rs job jobs cronjob cronjobs cj service services svc
  configmap configmaps secret secrets pvc ingress image images cluster clusters workload workloads replica replicas
  crashloopbackoff crashloop crash-loop crashlooping crash-looping oomkilled oom-killed oom imagepullbackoff
  errimagepull invalidimagename pending evicted eviction createcontainerconfigerror createcontainererror
  runcontainererror unschedulable failedscheduling failedmount notready not-ready ready containercreating terminating
  terminated completed backoff back-off unknown waiting`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
