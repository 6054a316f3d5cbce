/** The `__provider` text the SDK classes serialize, for tests that start their own provider host. */
import { SnykApp } from "../../../sdk";
import { runProgram } from "../../../harness/mock-program";

/** Serializes a SnykApp under setMocks and returns its provider text. */
export async function serializedProviders(): Promise<{ app: string }> {
  const run = await runProgram(
    () => {
      new SnykApp("a", { orgId: "00000000-0000-4000-8000-000000000000", name: "n", redirectUris: ["https://x.example/cb"], scopes: ["org.read"] });
    },
    { project: "p", stack: "dev" },
  );
  return { app: String(run.byName("a").inputs.__provider) };
}
