/**
 * The provider host of one harness operation: started on first use with the config the engine
 * would configure the provider with (the current stack config for `up`, the recorded one for
 * `refresh` and `destroy`), or a shared host given by the test.
 */
import { ProviderHost, ProviderHostError, startProviderHost } from "./provider-host";

/** Where and how to start a host. */
export interface HostSettings {
  cwd: string;
  project: string;
  stack: string;
  env?: NodeJS.ProcessEnv;
  /** A running host to use instead (never stopped here). */
  shared?: ProviderHost;
}

/** A host started on first use; `stopIfStarted` ends it at the end of the operation. */
export interface HostSession {
  (): Promise<ProviderHost>;
  stopIfStarted(): Promise<void>;
  /** True when `err` means the host died under the call (a killed run), not a provider error. */
  diedDuring(err: unknown): Promise<boolean>;
}

/** A session whose host, when started here, is configured with `config`. */
export function hostSession(settings: HostSettings, config: Record<string, string> | undefined): HostSession {
  let started: Promise<ProviderHost> | undefined;
  const get = () =>
    settings.shared
      ? Promise.resolve(settings.shared)
      : (started ??= startProviderHost({ cwd: settings.cwd, project: settings.project, stack: settings.stack, config, env: settings.env }));
  return Object.assign(get, {
    stopIfStarted: async () => {
      if (started) await (await started.catch(() => undefined))?.stop();
    },
    diedDuring: async (err: unknown) => {
      if (!(err instanceof ProviderHostError)) return false;
      const host = settings.shared ?? (await started?.catch(() => undefined));
      return host?.hasExited() === true || err.code === UNAVAILABLE;
    },
  });
}

/** gRPC UNAVAILABLE: the connection to the host is gone. */
const UNAVAILABLE = 14;

