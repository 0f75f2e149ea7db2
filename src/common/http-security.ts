import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ErrorCode, quoteInput } from './errors';

/** Names of this machine's loopback interface: a server bound there answers only requests that name it. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Whether a bind address (HOST) is loopback-only. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The host name of a Host header (`a.example:3000` -> `a.example`, `[::1]:3000` -> `[::1]`), lower case. */
export function hostNameOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(0, end + 1);
  }
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/**
 * DNS rebinding guard: a page on `attacker.example` that points its name at 127.0.0.1 can make a browser send
 * requests here, with its own name in `Host`. When the server is bound to loopback, only requests naming loopback
 * (or a name listed in VAULTGRAPH_ALLOWED_HOSTS) are served; the rest get 403 FORBIDDEN.
 */
export function loopbackHostGuard(allowed: readonly string[]): RequestHandler {
  const names = new Set([...LOOPBACK_NAMES, ...allowed.map((a) => a.toLowerCase())]);
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.host ?? '';
    const name = hostNameOf(header);
    if (names.has(name) || /^127(\.\d{1,3}){3}$/.test(name)) {
      next();
      return;
    }
    res.status(403).json({
      error: {
        code: ErrorCode.Forbidden,
        message: `this server is bound to loopback and does not answer for host ${quoteInput(header)}; list the name in VAULTGRAPH_ALLOWED_HOSTS to allow it`,
      },
    });
  };
}

/**
 * Security headers (helmet): nosniff, frame and referrer policies, resources same-origin (another site's `<img>` or
 * `<script>` cannot embed our answers), and a content security policy that allows our own files only. No HSTS: the
 * server speaks plain HTTP on loopback. Inline scripts are allowed by hash (`scriptHashes`, the IDE page's).
 *
 * The headers do not depend on the request, so helmet runs once, on a stand-in response, and each request gets the
 * same list: building the policy per request was a few per cent of a small query's time.
 */
export function securityHeaders(scriptHashes: readonly string[]): RequestHandler {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...scriptHashes.map((h) => `'${h}'`)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  })({} as Request, recorder as unknown as Response, () => undefined);
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of headers) {
      res.setHeader(name, value);
    }
    next();
  };
}
