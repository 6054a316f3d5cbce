/** Reads a request body up to a bound, so that no client can make the emulator buffer without end. */
import { IncomingMessage } from "http";

/** What {@link readBody} found: the body as text, a body over the bound, or a client that went away. */
export type BodyRead = { kind: "body"; text: string } | { kind: "too-large" } | { kind: "aborted" };

/**
 * The body of `req` if it has at most `maxBytes` bytes. Past the bound (declared in
 * Content-Length, or reached while a chunked body streams in) it stops buffering at once and
 * discards the rest, so the caller can answer 413 straight away.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      return resolve({ kind: "too-large" });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off("data", onData);
      chunks.length = 0;
      req.resume();
      resolve({ kind: "too-large" });
    };
    req.on("data", onData);
    req.on("end", () => resolve({ kind: "body", text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", () => resolve({ kind: "aborted" }));
    req.on("close", () => {
      if (!req.complete) resolve({ kind: "aborted" });
    });
  });
}
