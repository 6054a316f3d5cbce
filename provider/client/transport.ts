import axios, { type AxiosInstance } from "axios";

/** One HTTP exchange to make. */
export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The already-serialized body. */
  body?: string;
  /** Aborts the request (the client's deadline). */
  signal?: AbortSignal;
}

/** What came back: an answer (any status), or a failure to get one. */
export type TransportResult =
  | { kind: "response"; status: number; headers: Record<string, string>; body: unknown }
  | { kind: "failure"; error: unknown }
  /** The answer's body passed the size cap; reading stopped there. */
  | { kind: "too-large"; limitBytes: number };

/** The cap on an answer's body, by default: a page of 100 apps is a few hundred kB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Sends one request; never throws. */
export type Transport = (request: TransportRequest) => Promise<TransportResult>;

/**
 * An axios-based transport. The axios instance is made here, per client, never at module level:
 * this code runs in Pulumi's provider host, and a shared instance would hold sockets across
 * clients. Every status resolves (the client maps statuses to errors itself) and nothing axios
 * throws leaves this function: its errors carry the request config, Authorization header included.
 * It sets no timeout of its own: the client aborts through `signal`, on its injected clock.
 */
export function axiosTransport(options: { maxResponseBytes?: number } = {}): Transport {
  const limitBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // No axios `timeout`: it is an idle timeout once headers arrive. The client's deadline aborts
  // `signal` instead, covering headers and body.
  const http: AxiosInstance = axios.create({
    maxContentLength: limitBytes,
    maxBodyLength: limitBytes,
    validateStatus: () => true,
    maxRedirects: 0,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
  return async (request) => {
    try {
      const response = await http.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal: request.signal,
      });
      return { kind: "response", status: response.status, headers: plainHeaders(response.headers), body: parseBody(response.data) };
    } catch (error) {
      if (isTooLarge(error)) return { kind: "too-large", limitBytes };
      return { kind: "failure", error };
    }
  };
}

function plainHeaders(headers: unknown): Record<string, string> {
  const raw = (headers && typeof (headers as { toJSON?: unknown }).toJSON === "function"
    ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
    : headers ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined && value !== null) out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

function parseBody(text: unknown): unknown {
  if (typeof text !== "string") return text;
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isTooLarge(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && /maxContentLength size of/.test(message);
}
