import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(resolve(root, '.dockerignore'), 'utf8');

/** Instructions with line continuations joined and comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const lines = instructions(dockerfile);
const stages = lines.filter((line) => /^FROM\s/i.test(line));
const args = Object.fromEntries(
  lines.flatMap((line) => {
    const match = /^ARG\s+(\w+)=(\S+)/i.exec(line);
    return match ? [[match[1], match[2]]] : [];
  }),
);

/** The stage named `target` and its instructions up to the next FROM. */
function stage(target: string): string[] {
  const start = lines.findIndex((line) => new RegExp(`^FROM\\s.*\\sAS\\s+${target}$`, 'i').test(line));
  if (start < 0) throw new Error(`no stage ${target}`);
  const end = lines.findIndex((line, index) => index > start && /^FROM\s/i.test(line));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** Follows a stage's FROM through other stages to the instructions it inherits. */
function inherited(target: string): string[] {
  const own = stage(target);
  const base = /^FROM\s+(\S+)/i.exec(own[0] ?? '')?.[1] ?? '';
  const parent = stages.some((line) => new RegExp(`\\sAS\\s+${base}$`, 'i').test(line)) ? inherited(base) : [];
  return [...parent, ...own];
}

describe('Dockerfile', () => {
  it('when images are built, then every base image is pinned to an exact version, never latest', () => {
    const bases = stages
      .map((line) => /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(line)?.[1] ?? '')
      .map((image) => image.replace(/^\$\{(\w+)\}$/, (_all, name: string) => args[name] ?? image))
      .filter((image) => !stages.some((line) => new RegExp(`\\sAS\\s+${image}$`, 'i').test(line)));

    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) {
      expect(image).toMatch(/^[\w.\-/]+:\d+\.\d+\.\d+[\w.-]*(@sha256:[0-9a-f]{64})?$/);
      expect(image).not.toMatch(/:latest/);
    }
  });

  it('when images are built, then the build is multi-stage with one runnable target per service', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(stage('k8s-agent').join('\n')).toMatch(/CMD \["node", "services\/k8s-agent\/dist\/main\.js"\]/);
    expect(stage('orchestrator').join('\n')).toMatch(/CMD \["node", "services\/orchestrator\/dist\/main\.js"\]/);
  });

  it.each(['k8s-agent', 'orchestrator'])(
    'when the %s image runs, then it runs as a numeric non-root user in production mode',
    (target) => {
      const effective = inherited(target);
      const users = effective.filter((line) => /^USER\s/i.test(line));

      expect(users.at(-1)).toMatch(/^USER\s+[1-9]\d*(:\d+)?$/);
      expect(effective).toContain('ENV NODE_ENV=production');
    },
  );

  it.each(['k8s-agent', 'orchestrator'])(
    'when the %s image is assembled, then it gets production dependencies only',
    (target) => {
      const copies = stage(target).filter((line) => /^COPY\s/i.test(line));
      const source = /--from=(\S+)/.exec(copies[0] ?? '')?.[1] ?? '';

      expect(copies).toHaveLength(1);
      expect(stage(source).join('\n')).toMatch(
        new RegExp(`npm ci --omit=dev --workspace services/${target} --include-workspace-root=false`),
      );
    },
  );

  it('when the build context is sent, then host node_modules, build output and git history stay out', () => {
    const ignored = instructions(dockerignore);

    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
