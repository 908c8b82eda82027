import { HubConnection, HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel, type IRetryPolicy } from "@microsoft/signalr";
import { hubError } from "./errors";

export type LinkState = "connecting" | "connected" | "reconnecting" | "offline";

export interface LiveOptions {
  /** The hub URL, built again for each new connection (the visitor hub takes the current page in its query). */
  url: () => string;
  /** The bearer token; may refresh it first. */
  token: () => string | Promise<string>;
  /**
   * Runs after every reconnect, automatic or fresh: the resume rule (docs/protocol.md#resume-rule) —
   * re-join each open session with the highest seq seen, re-subscribe to boards, report the page.
   */
  resume: () => Promise<void>;
  onState?: (state: LinkState) => void;
}

/** Retries forever, backing off to 10 s: a widget or a workspace left open must come back by itself. */
const forever: IRetryPolicy = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount }) => [0, 1000, 2000, 5000][previousRetryCount] ?? 10_000,
};

/**
 * One hub connection that stays up: @microsoft/signalr's automatic reconnect, and a fresh connection
 * when that gives up (or the server closed it, e.g. on token expiry). Handlers registered with `on`
 * survive both; `invoke` waits until connected and turns failures into ServerError.
 */
export class LiveConnection {
  private connection: HubConnection | null = null;
  private readonly handlers = new Map<string, (payload: any) => void>();
  private connected: Promise<void> = new Promise(() => {});
  private markConnected: () => void = () => {};
  private stopped = false;
  private state: LinkState = "connecting";

  constructor(private readonly options: LiveOptions) {
    this.resetConnected();
  }

  get linkState(): LinkState {
    return this.state;
  }

  on<T>(event: string, handler: (payload: T) => void): void {
    this.handlers.set(event, handler);
    this.connection?.on(event, handler);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.open(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const connection = this.connection;
    this.connection = null;
    this.resetConnected();
    await connection?.stop();
  }

  /** Drops the connection and opens a new one (a new token, e.g. after identify). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    await this.connected;
    try {
      return await this.connection!.invoke<T>(method, ...args);
    } catch (error) {
      throw hubError(error);
    }
  }

  /** Fire and forget (typing, page views): dropped when not connected. */
  send(method: string, ...args: unknown[]): void {
    if (this.connection?.state === HubConnectionState.Connected) {
      this.connection.send(method, ...args).catch(() => {});
    }
  }

  private setState(state: LinkState) {
    this.state = state;
    this.options.onState?.(state);
  }

  private resetConnected() {
    this.connected = new Promise((resolve) => (this.markConnected = resolve));
  }

  private build(): HubConnection {
    const connection = new HubConnectionBuilder()
      .withUrl(this.options.url(), {
        accessTokenFactory: this.options.token,
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
      })
      .withAutomaticReconnect(forever)
      .configureLogging(LogLevel.None)
      .build();
    for (const [event, handler] of this.handlers) connection.on(event, handler);
    connection.onreconnecting(() => {
      this.resetConnected();
      this.setState("reconnecting");
    });
    connection.onreconnected(() => void this.afterConnect());
    connection.onclose(() => {
      if (this.stopped || this.connection !== connection) return;
      this.resetConnected();
      this.setState("offline");
      setTimeout(() => void this.open(false), 3000);
    });
    return connection;
  }

  private async open(first: boolean): Promise<void> {
    if (this.stopped) return;
    this.setState(first ? "connecting" : "reconnecting");
    const connection = this.build();
    this.connection = connection;
    try {
      await connection.start();
    } catch (error) {
      if (this.connection !== connection || this.stopped) return;
      this.setState("offline");
      setTimeout(() => void this.open(false), 3000);
      if (first) throw hubError(error);
      return;
    }
    await this.afterConnect();
  }

  private async afterConnect() {
    this.markConnected();
    this.setState("connected");
    try {
      await this.options.resume();
    } catch {
      // A resume step that failed (e.g. a session that has since closed) must not take the link down.
    }
  }
}
