/**
 * Keeps a copy of everything this process writes to stdout and stderr (while still writing it),
 * so the hygiene sweep can search the run's own output for secrets.
 */

/** A capture in progress; `stop()` restores the streams. */
export interface OutputCapture {
  /** Everything written since the capture started. */
  text(): string;
  stop(): void;
}

/** Starts copying stdout and stderr writes. */
export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const originals = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    return { stream, write };
  });
  return {
    text: () => chunks.join(""),
    stop: () => originals.forEach(({ stream, write }) => (stream.write = write)),
  };
}
