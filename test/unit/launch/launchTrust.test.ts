import assert from 'node:assert/strict';
import { launchTrustDecision, MANAGE_TRUST_ACTION } from '../../../src/core/launch/launchTrust';

describe('launching and workspace trust', () => {
  it('allows launching in a trusted workspace', () => {
    assert.deepEqual(launchTrustDecision(true), { allowed: true });
  });

  it('refuses in an untrusted workspace, saying why and offering to manage trust', () => {
    const decision = launchTrustDecision(false);
    assert.equal(decision.allowed, false);
    assert.ok(!decision.allowed);
    assert.match(decision.message, /needs a trusted workspace/);
    assert.match(decision.message, /runs code from this folder/);
    assert.equal(decision.action, MANAGE_TRUST_ACTION);
  });
});
