import assert from 'node:assert/strict';
import { EventThrottle, type ThrottleTimers } from '../../../src/core/watch/eventThrottle';

/** Timers that fire only when the test advances the clock. */
function manualClock(): ThrottleTimers & { advance(ms: number): void; pending(): number; now(): number } {
  let now = 0;
  let queue: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    set(fn, ms) {
      const id = next++;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clear(handle) {
      queue = queue.filter((t) => t.id !== handle);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const due = queue[0];
        if (!due || due.at > end) {
          break;
        }
        queue.shift();
        now = due.at;
        due.fn();
      }
      now = end;
    },
    pending: () => queue.length,
    now: () => now,
  };
}

describe('EventThrottle (when the watcher reads)', () => {
  const setup = (settle: boolean) => {
    const clock = manualClock();
    const throttle = new EventThrottle(() => 50, clock);
    const calls: number[] = [];
    let t = 0;
    const event = () => throttle.event('run', () => calls.push(clock.now()), settle);
    const at = (ms: number) => {
      clock.advance(ms - t);
      t = ms;
    };
    return { clock, throttle, calls, event, at };
  };

  it('acts at once on the first event, then once more a window later (settling), then stops', () => {
    const { clock, calls, event, at } = setup(true);
    event();
    at(200);
    assert.deepEqual(calls, [0, 50]);
    assert.equal(clock.pending(), 0, 'the window closed');
  });

  it('reads at the end of each window that saw events, and once a window after the last', () => {
    const { calls, event, at } = setup(true);
    event(); // t = 0
    at(10);
    event();
    at(30);
    event();
    at(300);
    assert.deepEqual(calls, [0, 50, 100]);
  });

  it('never starves a file written without pause: one read per window', () => {
    const { calls, event, at } = setup(true);
    for (let ms = 0; ms < 500; ms += 5) {
      at(ms);
      event();
    }
    at(1000);
    assert.deepEqual(calls, [0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 550]);
  });

  it('without settling (folders, polling): at once, and at the window end only if events came', () => {
    const quiet = setup(false);
    quiet.event();
    quiet.at(500);
    assert.deepEqual(quiet.calls, [0]);
    const busy = setup(false);
    busy.event();
    busy.at(20);
    busy.event();
    busy.at(500);
    assert.deepEqual(busy.calls, [0, 50]);
  });

  it('starts afresh after the window closed', () => {
    const { calls, event, at } = setup(true);
    event();
    at(1000);
    event();
    at(2000);
    assert.deepEqual(calls, [0, 50, 1000, 1050]);
  });

  it('keeps keys apart, and dispose drops every pending call', () => {
    const clock = manualClock();
    const throttle = new EventThrottle(() => 50, clock);
    const calls: string[] = [];
    throttle.event('a', () => calls.push('a'), true);
    throttle.event('b', () => calls.push('b'), true);
    assert.deepEqual(calls, ['a', 'b']);
    throttle.dispose();
    clock.advance(1000);
    assert.deepEqual(calls, ['a', 'b']);
    assert.equal(clock.pending(), 0);
  });
});
