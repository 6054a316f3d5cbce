/**
 * The program side of a deployment: how long registering N SnykApps takes under `setMocks`
 * (constructing each resource, serializing its provider, sending the registration), beside N bare
 * `pulumi.dynamic.Resource`s of the same shape (inputs, declared outputs, secret output), which is
 * Pulumi's own cost.
 */
import { runProgram } from "../../harness/mock-program";
import { registrations } from "./bench-program";
import { BENCH_PROJECT, BENCH_STACK } from "./bench-host";

/** Milliseconds per registered resource, for SnykApp and for a bare dynamic resource. */
export interface RegistrationCost {
  count: number;
  snykAppMsPerResource: number;
  bareMsPerResource: number;
  /** snykApp / bare. */
  ratio: number;
}

/** Runs each program `rounds` times (alternating, after one warm-up each) and keeps each kind's best time. */
export async function measureRegistration(count: number, orgId: string, rounds = 3): Promise<RegistrationCost> {
  const timeOf = async (kind: "SnykApp" | "bare") => {
    const started = performance.now();
    await runProgram(registrations(count, orgId, kind), { project: BENCH_PROJECT, stack: BENCH_STACK });
    return performance.now() - started;
  };
  await timeOf("SnykApp");
  await timeOf("bare");
  let app = Infinity;
  let bare = Infinity;
  for (let i = 0; i < rounds; i++) {
    app = Math.min(app, await timeOf("SnykApp"));
    bare = Math.min(bare, await timeOf("bare"));
  }
  return { count, snykAppMsPerResource: app / count, bareMsPerResource: bare / count, ratio: app / bare };
}
