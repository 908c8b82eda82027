import { HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel, type IRetryPolicy } from "@microsoft/signalr";
import { Disconnected, ServerError, hubError } from "./errors";
import { Events, type ReconnectNotice } from "./protocol";
import { sleep } from "./retry";

export type LinkState = "connecting" | "connected" | "reconnecting" | "offline";

/** What a conversation needs from the hub; LiveConnection is one, the unit tests bring their own. */
export interface Hub {
  /** Calls a hub method, waiting for the connection first; failures are ServerError. */
  invoke<T>(method: string, ...args: unknown[]): Promise<T>;
  /** Like invoke, but fails with `disconnected` when the connection is not up within `waitMs`. */
  invokeWithin<T>(waitMs: number, method: string, ...args: unknown[]): Promise<T>;
  /** Fire and forget; dropped when not connected. */
  send(method: string, ...args: unknown[]): void;
}

/** The part of @microsoft/signalr's HubConnection that LiveConnection uses (tests pass fakes). */
export interface HubLike {
  readonly state: HubConnectionState | `${HubConnectionState}`;
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke<T = any>(method: string, ...args: any[]): Promise<T>;
  send(method: string, ...args: any[]): Promise<void>;
  on(event: string, handler: (...args: any[]) => void): void;
  onclose(callback: (error?: Error) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
}

export interface LiveOptions {
  /** The hub URL, built again for each new connection (the visitor hub takes the current page in its query). */
  url: () => string;
  /** The bearer token; may refresh it first. */
  token: () => string | Promise<string>;
  /**
   * Runs after every reconnect, automatic, fresh or a drain move, on the new connection: the resume rule
   * (docs/protocol.md#resume-rule) — re-join each open session from its highest contiguous seq,
   * re-subscribe to boards, report the page.
   */
  resume: () => Promise<void>;
  onState?: (state: LinkState) => void;
  /** Makes a connection; @microsoft/signalr by default. */
  connect?: (url: string, token: () => string | Promise<string>) => HubLike;
  /** 0 ≤ x < 1, for the drain spread; Math.random by default. */
  random?: () => number;
}

/** Waits before reconnecting: 0, 1, 2, 5 s, then every 10 s, forever (docs/protocol.md, "Failures and recovery"). */
export const reconnectDelays: readonly number[] = [0, 1000, 2000, 5000];
const reconnectEvery = 10_000;
const reconnectDelay = (attempt: number) => reconnectDelays[attempt] ?? reconnectEvery;

/** A widget or a workspace left open must come back by itself. */
const forever: IRetryPolicy = { nextRetryDelayInMilliseconds: ({ previousRetryCount }) => reconnectDelay(previousRetryCount) };

/**
 * Between attempts to open the new connection of a drain move (the old one still works meanwhile). Short: behind
 * a load balancer that has not yet noticed the drain, the attempt reached the draining node and was refused.
 */
const moveRetryMs = 250;
/** How long a drain move lets calls on the old connection finish before stopping it. */
const retireWaitMs = 2000;

function signalrConnection(url: string, token: () => string | Promise<string>): HubLike {
  return new HubConnectionBuilder()
    .withUrl(url, { accessTokenFactory: token, transport: HttpTransportType.WebSockets, skipNegotiation: true })
    .withAutomaticReconnect(forever)
    .configureLogging(LogLevel.None)
    .build();
}

/**
 * One hub connection that stays up, whatever happens to the node behind it:
 *
 * - @microsoft/signalr's automatic reconnect (0, 1, 2, 5, then every 10 s, forever), and a fresh connection
 *   with the same backoff when the server closed it for good (e.g. on token expiry) or a fresh start failed;
 * - on the server's `reconnect` event (the node drains): after a random part of `spreadMs`, a **new**
 *   connection to the same URL (behind a load balancer: another node), the resume step on it, then the old
 *   one is stopped. The old connection keeps working, and its events keep counting, until the new one has
 *   resumed, so the link never shows "reconnecting" and nothing is missed. If the old one drops first, the
 *   ordinary reconnect takes over (and a new connection that came up meanwhile is still used).
 *
 * Handlers registered with `on` are attached once to each connection; events from a connection that has been
 * replaced are dropped, so no handler ever runs twice for one connection's event or for a stale connection.
 * `invoke` waits until connected and turns failures into ServerError.
 */
export class LiveConnection implements Hub {
  /** Where calls go. */
  private current: HubLike | null = null;
  /** Connections whose events count: the current one, and during a drain move the other one too. */
  private readonly live = new Set<HubLike>();
  private readonly handlers = new Map<string, (payload: any) => void>();
  private readonly inFlight = new Map<HubLike, Set<Promise<unknown>>>();
  private markConnected: () => void = () => {};
  private connected: Promise<void> = new Promise((resolve) => (this.markConnected = resolve));
  /** Whether `connected` has resolved. */
  private up = false;
  private stopped = false;
  private state: LinkState = "connecting";
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private moving: { from: HubLike; cancelled: boolean } | null = null;

  constructor(private readonly options: LiveOptions) {}

  get linkState(): LinkState {
    return this.state;
  }

  on<T>(event: string, handler: (payload: T) => void): void {
    const known = this.handlers.has(event);
    this.handlers.set(event, handler);
    if (!known) for (const connection of this.live) this.listen(connection, event);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.open(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.moving) this.moving.cancelled = true;
    const all = [...this.live];
    this.live.clear();
    this.current = null;
    this.resetConnected();
    await Promise.all(all.map((c) => c.stop().catch(() => {})));
  }

  /** Drops the connection and opens a new one (a new token, e.g. after identify). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.call<T>(this.connected, method, args);
  }

  invokeWithin<T>(waitMs: number, method: string, ...args: unknown[]): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ServerError(Disconnected, "Not connected.")), waitMs);
    });
    const ready = Promise.race([this.connected, timeout]).finally(() => clearTimeout(timer));
    return this.call<T>(ready, method, args);
  }

  /** Fire and forget (typing, page views): dropped when not connected. */
  send(method: string, ...args: unknown[]): void {
    const connection = this.current;
    if (connection?.state === HubConnectionState.Connected) connection.send(method, ...args).catch(() => {});
  }

  private async call<T>(ready: Promise<void>, method: string, args: unknown[]): Promise<T> {
    await ready;
    const connection = this.current;
    if (!connection) throw new ServerError(Disconnected, "Not connected.");
    const call = connection.invoke<T>(method, ...args);
    const calls = this.inFlight.get(connection) ?? new Set();
    this.inFlight.set(connection, calls);
    calls.add(call);
    try {
      return await call;
    } catch (error) {
      throw hubError(error);
    } finally {
      calls.delete(call);
    }
  }

  private setState(state: LinkState) {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  /** Callers wait again; those already waiting keep waiting on the same promise. */
  private resetConnected() {
    if (!this.up) return;
    this.up = false;
    this.connected = new Promise((resolve) => (this.markConnected = resolve));
  }

  private setConnected() {
    this.up = true;
    this.markConnected();
  }

  private listen(connection: HubLike, event: string) {
    connection.on(event, (payload: unknown) => {
      if (this.live.has(connection)) this.handlers.get(event)?.(payload);
    });
  }

  private build(): HubLike {
    const connection = (this.options.connect ?? signalrConnection)(this.options.url(), this.options.token);
    this.live.add(connection);
    for (const event of this.handlers.keys()) this.listen(connection, event);
    connection.on(Events.reconnect, (notice: ReconnectNotice) => {
      if (connection === this.current && !this.moving && !this.stopped) void this.moveOff(connection, notice);
    });
    connection.onreconnecting(() => {
      if (connection !== this.current) return this.drop(connection);
      if (this.moving?.from === connection) this.moving.cancelled = true;
      this.resetConnected();
      this.setState("reconnecting");
    });
    connection.onreconnected(() => {
      if (connection !== this.current) return this.drop(connection);
      this.failures = 0;
      void this.afterConnect(connection);
    });
    connection.onclose(() => {
      this.live.delete(connection);
      this.inFlight.delete(connection);
      if (this.stopped || connection !== this.current) return;
      if (this.moving?.from === connection) this.moving.cancelled = true;
      this.resetConnected();
      this.setState("offline");
      this.scheduleOpen();
    });
    return connection;
  }

  /** A connection that was replaced: its events stop counting and it goes. */
  private drop(connection: HubLike) {
    this.live.delete(connection);
    void connection.stop().catch(() => {});
  }

  private scheduleOpen() {
    if (this.retryTimer || this.stopped) return;
    const delay = reconnectDelay(this.failures++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open(false).catch(() => {});
    }, delay);
  }

  private async open(first: boolean): Promise<void> {
    if (this.stopped) return;
    this.setState(first ? "connecting" : "reconnecting");
    const connection = this.build();
    const previous = this.current;
    this.current = connection;
    if (previous) this.drop(previous);
    try {
      await connection.start();
    } catch (error) {
      this.live.delete(connection);
      if (this.current !== connection || this.stopped) return;
      this.setState("offline");
      this.scheduleOpen();
      if (first) throw hubError(error);
      return;
    }
    if (this.current !== connection || this.stopped) return this.drop(connection);
    this.failures = 0;
    await this.afterConnect(connection);
  }

  private async afterConnect(connection: HubLike) {
    if (connection !== this.current) return;
    this.setConnected();
    this.setState("connected");
    try {
      await this.options.resume();
    } catch {
      // A resume step that failed (e.g. a session that has since closed) must not take the link down.
    }
  }

  /**
   * The node behind `from` drains (docs/protocol.md, "Failures and recovery"): after a random part of the
   * spread (so a node's clients do not all arrive at once), open a new connection to the same URL, move
   * calls to it, resume on it, and only then stop the old one. Attempts are repeated until the node closes
   * `from`; if `from` drops first, its automatic reconnect is the way back (and a new connection that comes
   * up meanwhile is used instead, which ends that reconnect).
   */
  private async moveOff(from: HubLike, notice: ReconnectNotice) {
    const move = { from, cancelled: false };
    this.moving = move;
    try {
      const closeAt = Date.parse(notice.closeAt) || Date.now() + 10_000;
      const spread = Math.max(0, Number(notice.spreadMs) || 0);
      await sleep(Math.min((this.options.random ?? Math.random)() * spread, Math.max(0, closeAt - Date.now() - 500)));
      while (!this.stopped && !move.cancelled && this.current === from && Date.now() < closeAt) {
        const next = this.build();
        try {
          await next.start();
        } catch {
          // Refused (e.g. 503: no load balancer in front, so the same draining node answered): try again while the old one lasts.
          this.live.delete(next);
          await sleep(moveRetryMs);
          continue;
        }
        const recovered = move.cancelled && from.state === HubConnectionState.Connected;
        if (this.stopped || this.current !== from || recovered) return this.drop(next);
        // Adopt it. A fresh connection that the old one's close had scheduled is not needed any more.
        this.current = next;
        this.moving = null;
        this.failures = 0;
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        await this.afterConnect(next);
        await this.retire(from, closeAt);
        return;
      }
    } finally {
      if (this.moving === move) this.moving = null;
    }
  }

  /** The old connection of a drain move: its events stop counting; calls still on it may finish first. */
  private async retire(connection: HubLike, closeAt: number) {
    this.live.delete(connection);
    const calls = [...(this.inFlight.get(connection) ?? [])];
    const wait = Math.min(retireWaitMs, Math.max(0, closeAt - Date.now()));
    if (calls.length) await Promise.race([Promise.allSettled(calls), sleep(wait)]);
    this.inFlight.delete(connection);
    await connection.stop().catch(() => {});
  }
}
