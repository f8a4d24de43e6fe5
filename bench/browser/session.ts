// One bench browser: Debian's chromium (headless, fresh profile, no network chatter) driving the bench
// page, with the host side answering `requestRange` from the current run through the real host code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { RunState } from '../../src/core/runs/runState';
import type { RunFromWebview } from '../../src/shared/runProtocol';
import { fromWire as untagNonFinite } from '../../src/shared/wireNumbers';
import { rangeMessage, toWire } from './host';
import { installBenchHooks, type BenchPage, type PaintCheck } from './pageScript';
import { startPageServer, type PageServer } from './server';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HeapUsage {
  /** V8 heap in use, MiB. */
  jsHeap: number;
  /** ArrayBuffer backing stores (the typed arrays) and external strings, MiB. */
  backing: number;
}

export class BenchSession {
  /** The run `requestRange` is answered from. */
  run?: RunState;
  /** Host-side ms to build each range answer. */
  readonly rangeBuildMs: number[] = [];
  /** When set, answers what the page posts instead (another app, e.g. Compare Runs): a message or nothing. */
  host?: (request: { type: string }) => unknown;
  private cdp?: CDPSession;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly server: PageServer,
    private readonly profile: string,
  ) {}

  static async start(repoRoot: string): Promise<BenchSession> {
    const server = await startPageServer(repoRoot);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-chromium-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport: { width: 1400, height: 900 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const session = new BenchSession(page, context, server, profile);
      await page.addInitScript(installBenchHooks);
      await page.exposeFunction('__rbHost', (json: string) => session.answer(json));
      page.on('pageerror', (err) => console.error(`  [page] ${err.message}`));
      return session;
    } catch (err) {
      await context?.close().catch(() => undefined);
      await server.close();
      fs.rmSync(profile, { recursive: true, force: true });
      throw err;
    }
  }

  /** A fresh dashboard page (as when a panel opens) that said `ready`; `query` picks another app. */
  async open(query = ''): Promise<void> {
    await this.cdp?.detach().catch(() => undefined);
    await this.page.goto(this.server.url + query);
    await this.page.evaluate(() => (window as unknown as { __rb: BenchPage }).__rb.ready());
    this.cdp = await this.context.newCDPSession(this.page);
  }

  /** Posts host messages in the page; ms from posting to a painted frame where `check` holds. */
  postAndPaint(wires: string[], check: PaintCheck): Promise<number> {
    return this.page.evaluate(([w, c]) => (window as unknown as { __rb: BenchPage }).__rb.postAndPaint(w, c), [
      wires,
      check,
    ] as const);
  }

  /** Calls `fn` in the page with its bench hooks (`fn` travels as source: it may not use closures). */
  inPage<T>(fn: (rb: BenchPage) => T | Promise<T>): Promise<T> {
    return this.page.evaluate(`(${fn.toString()})(window.__rb)`) as Promise<T>;
  }

  /** The page's heap after a full garbage collection. */
  async heap(): Promise<HeapUsage> {
    if (!this.cdp) {
      throw new Error('no page open');
    }
    await this.cdp.send('HeapProfiler.collectGarbage');
    const usage = await this.cdp.send('Runtime.getHeapUsage');
    return { jsHeap: usage.usedSize / 2 ** 20, backing: (usage.backingStorageSize ?? 0) / 2 ** 20 };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.server.close();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }

  private answer(json: string): string {
    const request = untagNonFinite(JSON.parse(json) as RunFromWebview);
    if (this.host) {
      const t = process.hrtime.bigint();
      const message = this.host(request);
      this.rangeBuildMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      return message ? toWire(message) : '';
    }
    if (request.type !== 'requestRange' || !this.run) {
      return '';
    }
    const t = process.hrtime.bigint();
    const message = rangeMessage(this.run, request);
    this.rangeBuildMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    return message ? toWire(message) : '';
  }
}
