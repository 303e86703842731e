// The in-process hub of live connections (Server-Sent Events). Each instance holds its own
// clients; events reach every instance through publishLiveEvents (pg_notify on commit), and each
// hub writes them to the connections of the users and organisations they are addressed to.
import type { NotificationPayload, Recipient } from './notify.ts';

export const HEARTBEAT_MS = 25_000;

export interface SseClient {
  userId: string;
  orgId: string;
  write(chunk: string): void;
  end(): void;
}

export interface HubEvent {
  id: number;
  recipient: Recipient;
  payload: NotificationPayload;
}

export function isFor(recipient: Recipient, client: { userId: string; orgId: string }): boolean {
  if ('userId' in recipient && !('email' in recipient)) return recipient.userId === client.userId;
  if ('orgId' in recipient && !('email' in recipient)) return recipient.orgId === client.orgId;
  return false;
}

/** One SSE frame. The payload is JSON on one line, so no 'data:' splitting is needed. */
export function frame(event: HubEvent): string {
  return `id: ${event.id}\nevent: ${event.payload.topic}\ndata: ${JSON.stringify(event.payload)}\n\n`;
}

export class SseHub {
  private readonly clients = new Set<SseClient>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;

  get size(): number {
    return this.clients.size;
  }

  /** Registers a connection; returns its removal. Refused once the hub is closing. */
  add(client: SseClient): () => void {
    if (this.closed) {
      client.end();
      return () => {};
    }
    this.clients.add(client);
    // Proxies and load balancers drop idle connections; a comment line every 25 s keeps it open.
    this.heartbeat ??= setInterval(() => {
      for (const c of this.clients) c.write(': ping\n\n');
    }, HEARTBEAT_MS).unref();
    return () => this.remove(client);
  }

  deliver(events: readonly HubEvent[]): number {
    let written = 0;
    for (const e of events) {
      const text = frame(e);
      for (const c of this.clients) {
        if (isFor(e.recipient, c)) {
          c.write(text);
          written++;
        }
      }
    }
    return written;
  }

  /**
   * Ends every stream and keeps taking new ones: the clients reconnect with Last-Event-ID and are
   * replayed what they missed (after this instance could not hear the others' events).
   */
  endAll(): number {
    const n = this.clients.size;
    for (const c of [...this.clients]) {
      this.clients.delete(c);
      c.end();
    }
    this.stopHeartbeat();
    return n;
  }

  /** On shutdown: end every stream so the server can close; EventSource clients reconnect elsewhere. */
  close(): void {
    this.closed = true;
    for (const c of this.clients) c.end();
    this.clients.clear();
    this.stopHeartbeat();
  }

  private remove(client: SseClient): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stopHeartbeat();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
