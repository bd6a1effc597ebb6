import { Confidence, DiagnosisCategory } from '@sre-orchestrator/contracts';
import {
  formatDuration,
  isAbout,
  isRecent,
  isTroubled,
  lastTermination,
  limitOf,
  parseTime,
  restartPhrase,
  terminationPointer,
  workloadRef,
} from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

/**
 * A container the kernel killed for exceeding its memory (reason OOMKilled, exit code 137).
 * Also crash-looping, but the memory is the cause: this rule outranks crash_loop.
 */
export const oomKilledRule: DiagnosisRule = {
  name: 'oom-killed',
  category: DiagnosisCategory.OomKilled,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      const termination = lastTermination(view);
      const oomEvent = context.events.find(
        (e) => e.recent && isAbout(context, e, view) && /OOMKill/i.test(`${e.event.reason} ${e.event.message}`),
      );
      if (termination?.state.reason !== 'OOMKilled' && !oomEvent) continue;

      const name = view.info.name;
      const limit = limitOf(view, 'memory');
      const request = view.info.resources.requests.memory ?? null;
      const exitCode = termination?.state.exit_code ?? 137;
      const finished = termination?.state.finished_at;
      const current = termination?.field === 'state' || isTroubled(context, view);
      const primary =
        current &&
        (termination
          ? isRecent(context, finished) || termination.field === 'state' || view.info.state?.kind === 'waiting'
          : true);
      const limitText = limit
        ? `its memory limit is ${limit}`
        : `it has no memory limit${request ? ` (request ${request})` : ''}, so the node ran out of memory`;
      const restarts = view.info.restart_count > 0 ? ` and has restarted ${restartPhrase(context, view)}` : '';
      const finishedMs = parseTime(finished);
      const summary = primary
        ? `Container ${name} was OOMKilled (exit code ${exitCode})${restarts}; ${limitText}.`
        : `Container ${name} was OOMKilled (exit code ${exitCode}) ${finishedMs !== null ? `${formatDuration(context.now.getTime() - finishedMs)} ago` : 'earlier'} but has run normally since; ${limitText}.`;
      out.push({
        category: DiagnosisCategory.OomKilled,
        sub_cause: null,
        container: name,
        confidence: termination?.state.reason === 'OOMKilled' ? Confidence.High : Confidence.Medium,
        summary,
        primary,
        evidence: [
          ...(termination
            ? [
                terminationPointer(
                  view,
                  termination,
                  `terminated: reason ${termination.state.reason}, exit code ${exitCode}${finished ? `, finished ${finished}` : ''}`,
                ),
              ]
            : []),
          ...(oomEvent
            ? [{ source: 'event', ref: oomEvent.ref, detail: `${oomEvent.event.reason}: ${oomEvent.event.message}` }]
            : []),
          {
            source: 'spec',
            ref: `${view.ref}.resources`,
            detail: `memory limit ${limit ?? 'none'}, request ${request ?? 'none'}`,
          },
        ],
        remediation: [
          limit
            ? `Raise the memory limit of ${name} above its peak use (now ${limit}), e.g. kubectl set resources ${workloadRef(context)} -n ${context.pod.namespace} -c ${name} --limits=memory=<new>; keep the request close to real use.`
            : `Set a memory request and limit for ${name} so the scheduler places it on a node with room.`,
          `Check whether memory grows until the kill (a leak) or spikes with load: kubectl top pod ${context.pod.name} -n ${context.pod.namespace} --containers, or your metrics.`,
          'For runtimes with their own heap (JVM, Node.js, .NET), cap the heap below the container limit (e.g. -XX:MaxRAMPercentage=75, --max-old-space-size).',
        ],
      });
    }
    return out;
  },
};
