/**
 * A provider host for one phase of the bench: Pulumi's real dynamic-provider host, configured
 * like a stack pointing at the emulator, with how long it took from spawn to its first answered
 * Check and a way to read its peak memory. Each Pulumi command starts a fresh host, so does
 * each phase here.
 */
import { ProviderHost, PropertyMap, startProviderHost } from "../../harness/provider-host";
import { peakRssBytes } from "./host-process";
import { REPO_ROOT } from "./paths";

/** A started host and its start-up figures. */
export interface BenchHost {
  host: ProviderHost;
  /** From spawning the host to the answer of its first Check (Configure included), in ms. */
  startToFirstCheckMs: number;
  /** The host's peak resident memory so far, in bytes; undefined where /proc cannot tell. */
  peakRssBytes(): number | undefined;
  stop(): Promise<void>;
}

/** A Check to send first: any resource's URN and inputs (with `__provider`). */
export interface FirstCheck {
  urn: string;
  inputs: PropertyMap;
}

/** The bench stack's project and stack names. */
export const BENCH_PROJECT = "snyk-apps-bench";
export const BENCH_STACK = "bench";

/** Spawns a host with `config` (namespaced stack config) and sends `firstCheck`. */
export async function startBenchHost(config: Record<string, string>, firstCheck: FirstCheck): Promise<BenchHost> {
  const started = performance.now();
  const host = await startProviderHost({
    cwd: REPO_ROOT,
    project: BENCH_PROJECT,
    stack: BENCH_STACK,
    config,
    // The machine's own Snyk settings must not reach the bench.
    env: { SNYK_TOKEN: "", SNYK_API_URL: "", SNYK_REGION: "" },
  });
  const pid = host.pid;
  const check = await host.check(firstCheck.urn, {}, firstCheck.inputs);
  const startToFirstCheckMs = performance.now() - started;
  if (check.failures.length > 0) {
    await host.stop();
    throw new Error(`the bench's first Check failed: ${JSON.stringify(check.failures)}`);
  }
  return {
    host,
    startToFirstCheckMs,
    peakRssBytes: () => (pid === undefined ? undefined : peakRssBytes(pid)),
    stop: () => host.stop(),
  };
}
