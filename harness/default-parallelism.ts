/** The step bound of `pulumi up --parallel` when not given. */
import * as os from "os";

/** 4 x `cores` (the CLI uses 4 x GOMAXPROCS, which is the core count by default). */
export function defaultParallelism(cores: number = os.availableParallelism?.() ?? os.cpus().length): number {
  return 4 * cores;
}
