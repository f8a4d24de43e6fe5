// The dashboard header's times: how long a run took or has taken, and its ETA (no DOM here).
import type { RunHeaderDto } from '../../shared/runProtocol';

/** Time left at the current pace, when the run says how long it will be and is live. */
export function etaSeconds(h: RunHeaderDto, now: number): number | undefined {
  if (h.status !== 'running' || !h.startTime) {
    return undefined;
  }
  const elapsed = now - h.startTime;
  let done: number | undefined;
  if (h.totalSteps && h.currentStep) {
    done = h.currentStep / h.totalSteps;
  } else if (h.totalEpochs && h.currentEpoch !== undefined) {
    // Epoch e (from 0) is under way: e done, or e+1 once it ends; the latter is what a logged epoch says.
    done = (h.currentEpoch + (h.epochsFromOne ? 0 : 1)) / h.totalEpochs;
  }
  if (!done || done <= 0 || done >= 1 || elapsed <= 0) {
    return undefined;
  }
  return (elapsed / done) * (1 - done);
}

/**
 * How long the run has run (live) or ran: to its stated end, else to its last logged time, else to its
 * files' last change. The logged time comes before the file time: a copied run's files are as new as
 * the copy (a year-old TensorBoard run showed a duration of 8,790 hours).
 */
export function durationSeconds(h: RunHeaderDto, now: number): number | undefined {
  if (!h.startTime) {
    return undefined;
  }
  const end = h.status === 'running' ? now : (h.endTime ?? h.lastLogTime ?? h.lastUpdate / 1000);
  return end > h.startTime ? end - h.startTime : undefined;
}
