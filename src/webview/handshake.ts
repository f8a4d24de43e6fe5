// The webview side of the ready handshake: say `ready`, and say it again every READY_RETRY_MS until
// the host answers (at most READY_RETRIES times). A message posted while the workbench is still wiring
// a new webview up can be lost on a loaded machine, and the panel would then stay empty.
const READY_RETRY_MS = 2000;
const READY_RETRIES = 15;

export interface Handshake {
  /** The host answered: stop repeating. */
  answered(): void;
}

export function sayReady(post: () => void): Handshake {
  let tries = 0;
  const retry = setInterval(() => {
    tries++;
    if (tries > READY_RETRIES) {
      clearInterval(retry);
      return;
    }
    post();
  }, READY_RETRY_MS);
  post();
  return { answered: () => clearInterval(retry) };
}
