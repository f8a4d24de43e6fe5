// Whether launching is allowed: only in a trusted workspace, because a launch runs code from the
// folder. Pure, so the refusal (hard to reach in a host with trust off) is tested directly.

export const MANAGE_TRUST_ACTION = 'Manage Workspace Trust';

export type TrustDecision = { allowed: true } | { allowed: false; message: string; action: string };

export function launchTrustDecision(isTrusted: boolean): TrustDecision {
  if (isTrusted) {
    return { allowed: true };
  }
  return {
    allowed: false,
    message:
      'Runboard: launching training runs needs a trusted workspace, because it runs code from this folder. Runs are still shown in restricted mode.',
    action: MANAGE_TRUST_ACTION,
  };
}
