import { onBeforeUnmount, ref } from 'vue';
import { reportUnauthenticated, requestContext } from '../api/http-client.js';
import type { LiveEvent } from '../api/types.js';

type Handler = (event: LiveEvent) => void;

const handlers = new Set<Handler>();
const connected = ref(false);
let socket: WebSocket | null = null;
let retryTimer: number | undefined;
let retryDelay = 1000;
let wanted = false;
/** The server's close code for a socket whose session has ended (4403, roles changed, reconnects). */
const SESSION_ENDED = 4401;

function socketUrl(): string {
  const url = new URL('/api/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  // Browsers cannot set headers on a WebSocket: the session cookie says who we are, the query
  // which of our communities we are working in.
  if (requestContext.community !== null) url.searchParams.set('community', requestContext.community);
  return url.toString();
}

function open(): void {
  if (!wanted || socket !== null) return;
  const current = new WebSocket(socketUrl());
  socket = current;
  current.addEventListener('open', () => {
    connected.value = true;
    retryDelay = 1000;
  });
  current.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (typeof message.data !== 'string') return;
    let event: LiveEvent;
    try {
      // The server sends only WsServerMessage JSON (runtime/schemas/ws-messages.ts).
      event = JSON.parse(message.data) as LiveEvent;
    } catch {
      return;
    }
    handlers.forEach((handler) => handler(event));
  });
  current.addEventListener('close', (event: CloseEvent) => {
    connected.value = false;
    socket = null;
    if (event.code === SESSION_ENDED) {
      // signed out elsewhere, password reset or token revoked: retrying would only be refused
      wanted = false;
      reportUnauthenticated();
      return;
    }
    if (!wanted) return;
    retryTimer = window.setTimeout(open, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30_000);
  });
}

/** Connects the app-wide live-update socket (once per signed-in session). */
export function connectLiveEvents(): void {
  wanted = true;
  open();
}

/** Closes it on sign-out or community switch. */
export function disconnectLiveEvents(): void {
  wanted = false;
  window.clearTimeout(retryTimer);
  socket?.close();
  socket = null;
  connected.value = false;
}

/** Subscribes the calling component to live events until it unmounts. */
export function useLiveEvents(handler?: Handler) {
  if (handler !== undefined) {
    handlers.add(handler);
    onBeforeUnmount(() => handlers.delete(handler));
  }
  return { connected };
}
