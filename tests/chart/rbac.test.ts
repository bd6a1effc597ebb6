import { beforeAll, expect, it } from 'vitest';
import { describeWithHelm } from './chart-suite.js';
import { type KubeObject, renderChart } from './helm-cli.js';
import { type Container, envOf, named, ofKind, type PolicyRule, podSpecOf } from './objects.js';

const writeVerbs = ['create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'bind', 'escalate'];

// What an investigation reads, and nothing else (the agent reads no nodes, so none are granted).
const investigationRules: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] },
  { apiGroups: ['apps'], resources: ['replicasets', 'deployments', 'statefulsets', 'daemonsets'], verbs: ['get'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['get'] },
];

function rulesOf(role: KubeObject): PolicyRule[] {
  return role.rules as PolicyRule[];
}

function expectReadOnly(rules: PolicyRule[]): void {
  for (const rule of rules) {
    for (const field of [rule.apiGroups, rule.resources, rule.verbs]) expect(field).not.toContain('*');
    expect(rule.resources).not.toContain('secrets');
    expect(rule.resources.filter((resource) => resource.startsWith('secrets'))).toEqual([]);
    expect(rule.verbs.filter((verb) => writeVerbs.includes(verb))).toEqual([]);
    expect(rule.nonResourceURLs).toBeUndefined();
  }
}

describeWithHelm('agent RBAC, cluster scope (default)', (helmBin) => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = renderChart(helmBin, { namespace: 'observability' });
  });

  it('when rendered with defaults, then one ClusterRole grants exactly the investigation reads', () => {
    // Arrange: rendered in beforeAll.
    // Act
    const clusterRoles = ofKind(objects, 'ClusterRole');
    // Assert
    expect(clusterRoles).toHaveLength(1);
    expect(ofKind(objects, 'Role')).toEqual([]);
    expect(rulesOf(clusterRoles[0] as KubeObject)).toEqual(investigationRules);
  });

  it('when rendered with defaults, then no rule has a write verb, secrets or a wildcard', () => {
    const rules = ofKind(objects, 'ClusterRole').flatMap(rulesOf);

    expectReadOnly(rules);
  });

  it('when rendered with defaults, then the binding grants the ClusterRole to the agent account only', () => {
    const role = ofKind(objects, 'ClusterRole')[0] as KubeObject;

    const binding = named(objects, 'ClusterRoleBinding', role.metadata.name);

    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sre-orchestrator-k8s-agent', namespace: 'observability' },
    ]);
  });

  it('when the same release name is installed in two namespaces, then their cluster-scoped names differ', () => {
    const other = renderChart(helmBin, { namespace: 'staging' });

    const names = [objects, other].map((rendered) => ofKind(rendered, 'ClusterRole')[0]?.metadata.name);

    expect(names[0]).not.toEqual(names[1]);
  });

  it('when rendered with defaults, then only the agent Pod mounts a service account token', () => {
    const mounts = ofKind(objects, 'Deployment').map((deployment) => [
      deployment.metadata.name,
      (deployment.spec as { template: { spec: { automountServiceAccountToken?: boolean } } }).template.spec
        .automountServiceAccountToken,
    ]);
    const accounts = ofKind(objects, 'ServiceAccount').map((account) => account.automountServiceAccountToken);

    expect(Object.fromEntries(mounts)).toEqual({
      'sre-orchestrator-k8s-agent': true,
      'sre-orchestrator-orchestrator': false,
    });
    expect(accounts).toEqual([false, false]);
  });
});

describeWithHelm('agent RBAC, namespaced scope', (helmBin) => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = renderChart(helmBin, {
      namespace: 'sre',
      values: [{ rbac: { scope: 'namespaced', namespaces: ['shop', 'payments'] } }],
    });
  });

  it('when scope is namespaced, then each listed namespace gets a Role and RoleBinding and nothing is cluster-wide', () => {
    const roles = ofKind(objects, 'Role');
    const bindings = ofKind(objects, 'RoleBinding');

    expect(ofKind(objects, 'ClusterRole')).toEqual([]);
    expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
    expect(roles.map((role) => role.metadata.namespace)).toEqual(['shop', 'payments']);
    expect(bindings.map((binding) => binding.metadata.namespace)).toEqual(['shop', 'payments']);
    for (const binding of bindings) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: 'sre-orchestrator-k8s-agent', namespace: 'sre' },
      ]);
      expect(binding.roleRef).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'sre-orchestrator-k8s-agent',
      });
    }
  });

  it('when scope is namespaced, then each Role grants exactly the investigation reads', () => {
    const roles = ofKind(objects, 'Role');

    for (const role of roles) {
      expect(rulesOf(role)).toEqual(investigationRules);
      expectReadOnly(rulesOf(role));
    }
  });

  it.each([
    { namespace: 'sre', expected: 'shop' },
    { namespace: 'payments', expected: 'payments' },
  ])(
    'when the release is in $namespace, then the agent readiness check lists pods in $expected, which it may read',
    ({ namespace, expected }) => {
      const rendered = renderChart(helmBin, {
        namespace,
        values: [{ rbac: { scope: 'namespaced', namespaces: ['shop', 'payments'] } }],
      });

      const agent = podSpecOf(named(rendered, 'Deployment', 'sre-orchestrator-k8s-agent')).containers[0];

      expect(envOf(agent as Container).AGENT_NAMESPACE).toBe(expected);
    },
  );

  it('when rbac.create is false, then no RBAC object is rendered', () => {
    const rendered = renderChart(helmBin, { values: [{ rbac: { create: false } }] });

    const rbacKinds = rendered.filter((object) => object.apiVersion.startsWith('rbac.authorization.k8s.io/'));

    expect(rbacKinds).toEqual([]);
  });
});
