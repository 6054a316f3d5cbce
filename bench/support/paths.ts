/** Where the bench finds the repository from its compiled location (`dist/bench/support/`). */
import * as path from "path";

/** The repository root: the provider host runs here, so `require("pulumi-snyk-apps/...")` resolves. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** The bench's source folder, where results are written. */
export const BENCH_DIR = path.join(REPO_ROOT, "bench");
