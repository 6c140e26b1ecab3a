import type { Actor } from './actor.js';

/** Close codes a live-update socket ends with when its caller's access changed. */
export const socketCloseCodes = {
  /** The session or token ended: sign-out, password change or reset, expiry, revocation, account disabled. */
  signedOut: 4401,
  /** The caller's roles or community changed: reconnect to receive what the new roles allow. */
  rolesChanged: 4403,
} as const;

/** Close reasons (a close frame carries at most 123 bytes). */
const reasons = {
  signedOut: '登录已失效 / signed out',
  rolesChanged: '权限已变更 / roles changed',
} as const;

/** One open socket as the registry sees it. */
export interface WatchedSocket {
  /** The actor at connection time. */
  readonly actor: Actor;
  /** sha256 of the session cookie, null for a token. */
  readonly sessionHash: string | null;
  /** When the session expires (epoch ms); null for a token (its expiry is re-read by `recheck`). */
  readonly expiresAt: number | null;
  /** Reads the caller again from the database; undefined when the session or token no longer holds. */
  reauthenticate(): Promise<Actor | undefined>;
  close(code: number, reason: string): void;
}

/** What the websocket route holds while its socket is open. */
export interface SocketWatch {
  /** False (and the socket closed) once the session has expired; call before each outgoing message. */
  current(): boolean;
  /** Stops watching (the socket closed). */
  release(): void;
}

/**
 * The websocket connections of signed-in people and tokens on this node, so that a session that
 * ends also ends its sockets: sign-out and password changes close them at once (`sessionEnded`,
 * `userSignedOut`), a role change closes them for a reconnect with the new roles, expiry is
 * checked before every outgoing message, and `recheck` re-reads every socket's session from the
 * database — the safety net for revocations made on other nodes, run on a timer by the plugin.
 */
export class LiveSockets {
  private readonly sockets = new Set<WatchedSocket>();

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.sockets.size;
  }

  watch(socket: WatchedSocket): SocketWatch {
    this.sockets.add(socket);
    return {
      current: () => {
        if (!this.sockets.has(socket)) return false;
        if (socket.expiresAt !== null && socket.expiresAt <= this.now()) {
          this.end(socket, 'signedOut');
          return false;
        }
        return true;
      },
      release: () => {
        this.sockets.delete(socket);
      },
    };
  }

  /** One session ended (sign-out). */
  sessionEnded(sessionHash: string): void {
    this.endWhere((socket) => socket.sessionHash === sessionHash, 'signedOut');
  }

  /** Every session of a user ended, but perhaps the one that changed the password. */
  userSignedOut(userId: string, exceptSessionHash: string | null = null): void {
    this.endWhere((socket) => socket.actor.kind === 'user' && socket.actor.userId === userId && socket.sessionHash !== exceptSessionHash, 'signedOut');
  }

  /** A user's roles changed: their sockets reconnect to be filtered by the new ones. */
  rolesChanged(userId: string): void {
    this.endWhere((socket) => socket.actor.kind === 'user' && socket.actor.userId === userId, 'rolesChanged');
  }

  /** A session now works in another community: its sockets reconnect to be filtered for it. */
  sessionChanged(sessionHash: string): void {
    this.endWhere((socket) => socket.sessionHash === sessionHash, 'rolesChanged');
  }

  /** An API token was revoked. */
  tokenRevoked(tokenId: string): void {
    this.endWhere((socket) => socket.actor.kind === 'token' && socket.actor.userId === `token:${tokenId}`, 'signedOut');
  }

  /**
   * Re-reads every socket's caller: closes those whose session or token ended (also on another
   * node, or by expiry) and those whose roles or community changed. Returns how many it closed.
   */
  async recheck(): Promise<number> {
    let closed = 0;
    for (const socket of [...this.sockets]) {
      let actor: Actor | undefined;
      try {
        actor = await socket.reauthenticate();
      } catch {
        actor = undefined;
      }
      if (!this.sockets.has(socket)) continue; // closed meanwhile
      if (actor === undefined) {
        this.end(socket, 'signedOut');
        closed++;
      } else if (actor.community !== socket.actor.community || !sameRoles(actor.roles, socket.actor.roles)) {
        this.end(socket, 'rolesChanged');
        closed++;
      }
    }
    return closed;
  }

  private endWhere(matches: (socket: WatchedSocket) => boolean, why: keyof typeof reasons): void {
    for (const socket of [...this.sockets]) if (matches(socket)) this.end(socket, why);
  }

  private end(socket: WatchedSocket, why: keyof typeof reasons): void {
    this.sockets.delete(socket);
    socket.close(socketCloseCodes[why], reasons[why]);
  }
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const held = new Set(a);
  return b.every((role) => held.has(role));
}
