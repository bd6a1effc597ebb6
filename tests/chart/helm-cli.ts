import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const chartDir = resolve(import.meta.dirname, '../../charts/sre-orchestrator');

/** A rendered Kubernetes object, as loosely typed as YAML gives it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export type HelmLookup = { found: true; bin: string } | { found: false; reason: string };

function runs(bin: string): boolean {
  const result = spawnSync(bin, ['version', '--short'], { encoding: 'utf8' });
  return result.status === 0;
}

/**
 * Finds helm as CI installs it: HELM_BIN, then PATH, then `go install`'s output directory.
 * A HELM_BIN that does not run is an error rather than a fallback, so a typo does not silently test another helm.
 */
export function findHelm(env: NodeJS.ProcessEnv = process.env): HelmLookup {
  if (env.HELM_BIN) {
    return runs(env.HELM_BIN)
      ? { found: true, bin: env.HELM_BIN }
      : { found: false, reason: `HELM_BIN=${env.HELM_BIN} does not run` };
  }
  if (runs('helm')) return { found: true, bin: 'helm' };
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' });
  if (gopath.status === 0) {
    const bin = join(gopath.stdout.trim(), 'bin', 'helm');
    if (existsSync(bin) && runs(bin)) return { found: true, bin };
  }
  return {
    found: false,
    reason:
      'helm not found (HELM_BIN, PATH, $(go env GOPATH)/bin); install: go install helm.sh/helm/v4/cmd/helm@v4.3.2',
  };
}

export interface RenderOptions {
  releaseName?: string;
  namespace?: string;
  /** Values files' contents, applied in order, as `-f` would. */
  values?: Record<string, unknown>[];
  /** `--set` expressions. */
  set?: string[];
}

/** Runs `fn` with the options turned into helm arguments; values go through temporary files, as users pass them. */
function withValuesArgs<T>(options: RenderOptions, fn: (args: string[]) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'chart-values-'));
  try {
    const args: string[] = [];
    (options.values ?? []).forEach((values, index) => {
      const file = join(dir, `values-${index}.json`);
      // JSON is YAML, and keeps the test's object exactly as written.
      writeFileSync(file, JSON.stringify(values));
      args.push('--values', file);
    });
    for (const expression of options.set ?? []) args.push('--set', expression);
    return fn(args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class HelmError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(`helm ${args.join(' ')} failed: ${stderr}`);
    this.name = 'HelmError';
  }
}

function helm(bin: string, args: string[]): string {
  try {
    return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new HelmError(args, stderr);
  }
}

/** `helm template`, with hooks (the test Pod) included, parsed into objects. */
export function renderChart(bin: string, options: RenderOptions = {}): KubeObject[] {
  const output = withValuesArgs(options, (valuesArgs) =>
    helm(bin, [
      'template',
      options.releaseName ?? 'sre-orchestrator',
      chartDir,
      '--namespace',
      options.namespace ?? 'default',
      ...valuesArgs,
    ]),
  );
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(output)) {
    if (document.errors.length > 0) throw new Error(`rendered YAML does not parse: ${document.errors[0]?.message}`);
    const object = document.toJS() as KubeObject | null;
    if (object) objects.push(object);
  }
  return objects;
}

/** `helm lint --strict`; returns its output, throws HelmError when the lint fails. */
export function lintChart(bin: string, options: RenderOptions = {}): string {
  return withValuesArgs(options, (valuesArgs) =>
    helm(bin, ['lint', '--strict', chartDir, '--namespace', options.namespace ?? 'default', ...valuesArgs]),
  );
}
