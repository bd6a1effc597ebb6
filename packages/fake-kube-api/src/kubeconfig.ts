import { stringify } from 'yaml';

export interface KubeconfigInput {
  server: string;
  caPem: string;
  token: string;
}

/** A kubeconfig with one cluster, one token user and the context `fake` (namespace `default`), made current. */
export function buildKubeconfig({ server, caPem, token }: KubeconfigInput): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: 'fake',
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem, 'utf8').toString('base64') },
      },
    ],
    users: [{ name: 'fake', user: { token } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake', namespace: 'default' } }],
    'current-context': 'fake',
  });
}
