import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { crashLogsFor, isAbout, lastTermination, quote, terminationPointer } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

export const StartCause = {
  CommandNotFound: 'command_not_found',
  PermissionDenied: 'permission_denied',
  ExecFormatError: 'exec_format_error',
  SandboxFailed: 'sandbox_failed',
} as const;

/**
 * What runc's init prints to the container's stderr when it cannot exec the entrypoint
 * (`exec /docker-entrypoint.sh: no such file or directory`, older `standard_init_linux.go:228: exec user
 * process caused: exec format error`): a start failure whatever exit code follows.
 */
const RUNC_EXEC_LINE =
  /^(?:standard_init_linux\.go:\d+: )?exec(?: user process caused:)? ?(?:[^\s:]+: )?(?:no such file or directory|exec format error|permission denied)/i;

const START_REASONS = ['CreateContainerError', 'RunContainerError', 'StartError', 'ContainerCannotRun'];

/** The runtime's (runc, crun, containerd, shells) wording for a process that could not be exec'd. */
export function classifyStartMessage(message: string): string | null {
  if (/exec format error/i.test(message)) return StartCause.ExecFormatError;
  if (
    /executable file not found|no such file or directory|command not found|: not found\b|not found in \$PATH/i.test(
      message,
    )
  )
    return StartCause.CommandNotFound;
  if (/permission denied|operation not permitted|not executable/i.test(message)) return StartCause.PermissionDenied;
  return null;
}

/**
 * A container whose process could not be started: the runtime refused (CreateContainerError,
 * RunContainerError, StartError with runc's message), or the shell could not exec it (exit 126/127,
 * "exec format error" for an image built for another CPU architecture).
 */
export const containerStartErrorRule: DiagnosisRule = {
  name: 'container-start-error',
  category: DiagnosisCategory.ContainerStartError,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      const name = view.info.name;
      const state = view.info.state;
      const termination = lastTermination(view);
      const evidence: EvidencePointer[] = [];
      let message: string | null = null;
      let confidence: Candidate['confidence'] = Confidence.High;

      if (state?.kind === 'waiting' && START_REASONS.includes(state.reason ?? '')) {
        message = state.message ?? state.reason;
        evidence.push({
          source: 'container_state',
          ref: `${view.ref}.state`,
          detail: `waiting: ${state.reason}${state.message ? ` — ${quote(state.message)}` : ''}`,
        });
      }
      if (
        termination &&
        (START_REASONS.includes(termination.state.reason ?? '') ||
          (termination.state.exit_code === 128 && termination.state.message))
      ) {
        message ??= termination.state.message ?? termination.state.reason;
        evidence.push(
          terminationPointer(
            view,
            termination,
            `terminated: ${termination.state.reason}, exit code ${termination.state.exit_code}${termination.state.message ? ` — ${quote(termination.state.message)}` : ''}`,
          ),
        );
      }
      const failedEvent = context.events.find(
        (e) =>
          e.recent &&
          isAbout(context, e, view) &&
          e.event.reason === 'Failed' &&
          /(?:failed to (?:create|start) (?:containerd )?(?:task|container)|OCI runtime|runc|exec:|StartError|RunContainerError|CreateContainerError)/i.test(
            e.event.message,
          ),
      );
      if (failedEvent) {
        message = message && classifyStartMessage(message) ? message : failedEvent.event.message;
        evidence.push({ source: 'event', ref: failedEvent.ref, detail: `Failed: ${quote(failedEvent.event.message)}` });
      }
      const code = termination?.state.exit_code ?? null;
      if (
        message === null &&
        termination &&
        (code === 126 || code === 127 || code === 255 || code === 1 || code === 2)
      ) {
        // Exit codes say "the shell could not run it"; the log line says what it could not run.
        const line = crashLogsFor(context, name)
          .flatMap((log) => log.logs.lines.map((l, i) => ({ log, l, i })))
          .find(
            ({ l }) =>
              classifyStartMessage(l) !== null &&
              /exec|not found|permission denied|\/bin\/|entrypoint|\.sh/i.test(l) &&
              l.length < 300,
          );
        const byCode = code === 127 ? StartCause.CommandNotFound : code === 126 ? StartCause.PermissionDenied : null;
        if (
          line &&
          (byCode !== null ||
            classifyStartMessage(line.l) === StartCause.ExecFormatError ||
            RUNC_EXEC_LINE.test(line.l.trim()))
        ) {
          message = line.l;
          confidence = Confidence.Medium;
          evidence.push(
            terminationPointer(view, termination, `terminated: ${termination.state.reason}, exit code ${code}`),
          );
          evidence.push({ source: 'log', ref: `${line.log.ref}.lines[${line.i}]`, detail: quote(line.l) });
        } else if (byCode !== null) {
          message = code === 127 ? 'exit code 127: command not found' : 'exit code 126: permission denied';
          confidence = Confidence.Medium;
          evidence.push(
            terminationPointer(view, termination, `terminated: ${termination.state.reason}, exit code ${code}`),
          );
        }
      }
      if (message === null) continue;
      const sub = classifyStartMessage(message);
      const what =
        sub === StartCause.CommandNotFound
          ? 'its command was not found in the image'
          : sub === StartCause.PermissionDenied
            ? 'its command is not executable (permission denied)'
            : sub === StartCause.ExecFormatError
              ? `its binary is built for another CPU architecture than node ${context.pod.node_name ?? ''} (exec format error)`.replace(
                  ' )',
                  ')',
                )
              : 'the container runtime could not start it';
      out.push({
        category: DiagnosisCategory.ContainerStartError,
        sub_cause: sub,
        container: name,
        confidence,
        summary: `Container ${name} cannot start: ${what}; the runtime reports "${quote(message, 220)}".`,
        primary: true,
        evidence,
        remediation:
          sub === StartCause.CommandNotFound
            ? [
                `Check command/args of ${name} against the image (docker run --entrypoint sh ${view.info.image} -c 'which <cmd>'); a slimmer base image may have dropped the binary or shell.`,
              ]
            : sub === StartCause.PermissionDenied
              ? [
                  'Make the entrypoint executable in the image (chmod +x, COPY --chmod=755), and check the volume it lives on is not mounted noexec.',
                ]
              : sub === StartCause.ExecFormatError
                ? [
                    "Build and push a multi-arch image (docker buildx --platform linux/amd64,linux/arm64), or pin the pod to nodes of the image's architecture (kubernetes.io/arch).",
                  ]
                : [
                    'Read the runtime error in kubectl describe pod; check the container spec (command, mounts, securityContext).',
                  ],
      });
    }
    const sandbox = sandboxCandidate(context);
    if (sandbox) out.push(sandbox);
    return out;
  },
};

/**
 * The kubelet could not create the pod sandbox (FailedCreatePodSandBox): usually the CNI plugin
 * failing to set up networking, so no container of the pod can start.
 */
function sandboxCandidate(context: DiagnosisContext): Candidate | null {
  const event = context.events.find((e) => e.recent && e.event.reason === 'FailedCreatePodSandBox');
  if (!event) return null;
  const stuck = context.containers.some(
    (c) => c.info.state?.kind === 'waiting' && c.info.state.reason === 'ContainerCreating',
  );
  const cni = /plugin type="([^"]+)"/.exec(event.event.message)?.[1];
  return {
    category: DiagnosisCategory.ContainerStartError,
    sub_cause: StartCause.SandboxFailed,
    container: null,
    confidence: Confidence.High,
    summary: `Pod ${context.pod.name} cannot start: the kubelet failed to create its sandbox${cni ? ` (CNI plugin ${cni})` : ''}${event.event.count > 1 ? `, ${event.event.count} times` : ''}: ${quote(event.event.message, 220)}`,
    primary: stuck || context.pod.phase === 'Pending',
    evidence: [
      { source: 'event', ref: event.ref, detail: `FailedCreatePodSandBox: ${quote(event.event.message, 400)}` },
    ],
    remediation: [
      `Check the CNI pods on node ${context.pod.node_name ?? '<node>'} (kubectl -n kube-system get pods -o wide | grep ${cni ?? 'cni'}) and their logs.`,
      'If the node has run out of pod IPs, check the IPAM pool / subnet size; cordon and drain a broken node.',
    ],
  };
}
