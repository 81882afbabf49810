// Fault injection: one MSW handler, placed before all others, that answers requests matching a
// fault of the World (by operationId or by method+path) with the fault's status/headers/body (text, or
// bytes given in base64), a
// network error (`reset`: the connection closed, `rst`: reset), a body cut short (`truncate`), or just
// a delay before the normal handler answers. `times` limits a
// fault to its first N matching requests. `{origin}` and `{port}` in a fault's header values and body
// name the loopback server (e.g. a redirect's Location), once it listens.
import { http, type HttpHandler } from 'msw';
import { operationById } from './operations.ts';
import type { Fault } from './scenario/types.ts';
import type { FaultState, World } from './world.ts';

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.operation !== undefined) {
    const op = operationById(fault.operation);
    return op.method === method && op.path.test(path);
  }
  return fault.method === method && fault.path === path;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

const NULL_BODY_STATUS = new Set([204, 205, 304]);

/**
 * What the loopback server does to the connection of a fault's response (msw's Response has no words for
 * it): `rst` resets it (TCP RST) instead of answering; `truncate` sends the headers (with the whole body's
 * Content-Length) and only the body's first `bytes` bytes, then closes it; `truncateHead` sends only the
 * first `bytes` bytes of the head (`HTTP/1.1 <status> <reason>`, the headers, Content-Length), then closes
 * it; `raw` writes the fault's text (UTF-8) as the whole answer, head included, then closes it. Under msw's
 * own interceptors (no loopback server) there is no connection: an `rst` or `raw` fault is a network
 * error, a `truncate`/`truncateHead` one the whole response.
 */
export type SocketFault = { kind: 'rst' } | { kind: 'truncate'; bytes: number } | { kind: 'truncateHead'; bytes: number } | { kind: 'raw'; text: string };
const socketFaults = new WeakMap<Response, SocketFault>();

/** The socket-level part of a fault's response, if any. */
export function socketFaultOf(response: Response): SocketFault | undefined {
  return socketFaults.get(response);
}

/** The fault response (undefined: a delay-only fault, let the real handler answer). */
export function faultResponse(fault: Fault, origin?: string): Response | undefined {
  if (fault.rst || fault.raw !== undefined) {
    const r = Response.error();
    socketFaults.set(r, fault.raw !== undefined ? { kind: 'raw', text: fault.raw } : { kind: 'rst' });
    return r;
  }
  if (fault.reset) return Response.error();
  if (fault.status === undefined) return undefined;
  const fill = (s: string) => (origin === undefined ? s : s.split('{origin}').join(origin).split('{port}').join(new URL(origin).port));
  const headers = new Headers();
  if (fault.contentType !== undefined) headers.set('Content-Type', fault.contentType);
  for (const [k, v] of Object.entries(fault.headers ?? {})) headers.set(k, fill(v));
  const body = NULL_BODY_STATUS.has(fault.status) ? null : fault.bodyBase64 !== undefined ? Buffer.from(fault.bodyBase64, 'base64') : fill(fault.body ?? '');
  const r = new Response(body, { status: fault.status, headers });
  if (fault.truncateHead !== undefined) socketFaults.set(r, { kind: 'truncateHead', bytes: fault.truncateHead });
  else if (fault.truncate !== undefined) socketFaults.set(r, { kind: 'truncate', bytes: fault.truncate });
  return r;
}

/** First fault that matches and still has uses left (its use is counted). */
export function takeFault(world: World, method: string, path: string): FaultState | undefined {
  const hit = world.faults.find((f) => matches(f.fault, method, path) && (f.fault.times === undefined || f.hits < f.fault.times));
  if (hit) hit.hits++;
  return hit;
}

/**
 * The predicate takes the fault (so `times` counts each request once) and runs any delay; it
 * matches only when the fault answers, so a delay-only fault falls through to the real handler
 * without msw ever treating the request as a passthrough.
 */
export function faultHandler(world: World): HttpHandler {
  const taken = new WeakMap<Request, Response>();
  return http.all(
    async ({ request }) => {
      const hit = takeFault(world, request.method, new URL(request.url).pathname);
      if (!hit) return false;
      if (hit.fault.delayMs) await wait(hit.fault.delayMs, request.signal);
      const response = faultResponse(hit.fault, world.origin);
      if (!response) return false;
      taken.set(request, response);
      return true;
    },
    ({ request }) => taken.get(request),
  );
}
