// The dashboard's ETA: time left at the current pace (no DOM here).
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
    done = (h.currentEpoch + 1) / h.totalEpochs;
  }
  if (!done || done <= 0 || done >= 1 || elapsed <= 0) {
    return undefined;
  }
  return (elapsed / done) * (1 - done);
}
