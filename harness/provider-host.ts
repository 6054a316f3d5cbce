/**
 * Drives Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) the way the
 * engine does, without the Pulumi CLI: spawn it, read its port from the first stdout line, send
 * Configure with the stack config, then call the ResourceProvider gRPC methods with plain objects.
 *
 * Every resource property map passed in must carry `__provider` (the serialized provider text):
 * that is how the host finds the code to run. See `serializeProvider` in `mock-program.ts`.
 */
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ProviderHostError } from "./provider-host-error";
import { fromStruct, PropertyMap, toStruct } from "./struct";

export { ProviderHostError, ResourceInitFailure } from "./provider-host-error";
export { PropertyMap, UNKNOWN } from "./struct";

/** Options for {@link startProviderHost}. */
export interface ProviderHostOptions {
  /** The host's working directory: `require()` in provider methods resolves from here. */
  cwd: string;
  /** The project name (`PULUMI_NODEJS_PROJECT`); config keys without `:` are prefixed with it. */
  project: string;
  /** The stack name (`PULUMI_NODEJS_STACK`), "dev" by default. */
  stack?: string;
  /**
   * Stack config with namespaced keys (`{"snyk:token": "..."}`), values as strings. Secret values
   * are sent unwrapped, as the engine does.
   */
  config?: Record<string, string>;
  /** Extra environment variables for the host (added to this process's environment). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the port line, 30 s by default. */
  startTimeoutMs?: number;
  /** The host script to run, this repository's `@pulumi/pulumi/cmd/dynamic-provider` by default (a consumer project's own, in package tests). */
  hostScript?: string;
  /** The `node` binary to run it with, this process's by default. */
  node?: string;
}

/** The result of Check: the checked inputs (with `__provider`) and the validation failures. */
export interface CheckResult {
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}

/** The result of Diff, decoded from the DiffResponse enum. */
export interface DiffResult {
  /** "unknown" means the provider has no `diff`: the engine then compares inputs itself. */
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** The result of Create. */
export interface CreateResult {
  id: string;
  properties: PropertyMap;
}

/** The result of Read; an empty `id` means the object is gone. */
export interface ReadResult {
  id: string;
  properties: PropertyMap;
  /** Present when the provider's `read` returned inputs. */
  inputs?: PropertyMap;
}

/** The result of Update: the complete new outputs. */
export interface UpdateResult {
  properties: PropertyMap;
}

/** A running provider host with a connected client. Call {@link ProviderHost.stop} when done. */
export interface ProviderHost {
  /** The port the host listens on (127.0.0.1). */
  readonly port: number;
  /** The host process's id (e.g. to read its memory from /proc). */
  readonly pid: number | undefined;
  /** Calls Check; `olds` are the old inputs (or `{}`), `news` the new inputs. */
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  /** Calls Diff; `olds` are the OLD OUTPUTS (that is what the engine sends), `news` checked inputs. */
  diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap): Promise<DiffResult>;
  /** Calls Create with the checked inputs. */
  create(urn: string, props: PropertyMap): Promise<CreateResult>;
  /** Calls Read; `props` are the old outputs, `inputs` the old inputs. */
  read(id: string, urn: string, props: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  /** Calls Update; `olds` are the old outputs, `news` the checked inputs. */
  update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap): Promise<UpdateResult>;
  /** Calls Delete; `props` are the outputs. */
  delete(id: string, urn: string, props: PropertyMap, oldInputs?: PropertyMap): Promise<void>;
  /** Calls GetPluginInfo: the host's @pulumi/pulumi version. */
  getPluginInfo(): Promise<{ version: string }>;
  /** Every line the host wrote to stdout (after the port) and stderr, e.g. provider errors. */
  hostLog(): string[];
  /** Closes the client and ends the host process. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Ends the host process at once with SIGKILL, as a crash or a killed `pulumi` would: calls in
   * flight and later calls reject. Resolves when the process has exited. Safe to call twice.
   */
  kill(): Promise<void>;
  /** True once `stop` or `kill` was called or the process ended (crashed). */
  hasExited(): boolean;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Spawns the dynamic-provider host, connects to it and sends Configure with `config`. Rejects if
 * the host exits or prints nothing within `startTimeoutMs`.
 */
export async function startProviderHost(options: ProviderHostOptions): Promise<ProviderHost> {
  const child = spawn(options.node ?? process.execPath, [options.hostScript ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), "unused"], {
    cwd: options.cwd,
    env: {
      ...process.env,
      PULUMI_NODEJS_PROJECT: options.project,
      PULUMI_NODEJS_STACK: options.stack ?? "dev",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const log: string[] = [];
  // A spawn that fails (e.g. a missing cwd) emits "error" and never "exit".
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  exited.then(() => running.delete(child));
  let port: number;
  try {
    port = await readPort(child, log, options.startTimeoutMs ?? 30_000);
  } catch (err) {
    child.kill("SIGKILL");
    await exited;
    throw err;
  }
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const host = new GrpcProviderHost(port, client, child, exited, log);
  try {
    await host.configure(options.config ?? {});
  } catch (err) {
    await host.stop();
    throw err;
  }
  return host;
}

function readPort(child: ChildProcess, log: string[], timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let port: number | undefined;
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`provider host did not start: ${why}\n${log.join("\n")}`));
    };
    const timer = setTimeout(() => fail(`no port after ${timeoutMs} ms`), timeoutMs);
    onLines(child.stderr!, (line) => log.push(line));
    onLines(child.stdout!, (line) => {
      if (port !== undefined) {
        log.push(line);
        return;
      }
      port = Number(line.trim());
      clearTimeout(timer);
      if (Number.isInteger(port) && port > 0) resolve(port);
      else fail(`unexpected first line ${JSON.stringify(line)}`);
    });
    child.once("exit", (code) => port === undefined && fail(`exited with code ${code}`));
    child.once("error", (err) => fail(err.message));
  });
}

function onLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    parts.forEach(onLine);
  });
  stream.on("end", () => rest && onLine(rest));
}

/** Name and type for the request fields the engine fills from the URN (`...::type::name`). */
function urnParts(urn: string): { name: string; type: string } {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  return { name: parts[3] ?? "", type: qualifiedType.split("$").pop() ?? "" };
}

const diffChanges: Record<number, DiffResult["changes"]> = {
  [proto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
  [proto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
  [proto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
};

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;

class GrpcProviderHost implements ProviderHost {
  private stopped = false;
  private ended = false;

  constructor(
    readonly port: number,
    private readonly client: ResourceProviderClient,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly log: string[],
  ) {
    void exited.then(() => (this.ended = true));
  }

  hasExited(): boolean {
    return this.stopped || this.ended;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private call<Res>(method: string, invoke: (callback: Callback<Res>) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      invoke((err, res) => (err ? reject(ProviderHostError.fromServiceError(method, err)) : resolve(res)));
    });
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new proto.ConfigureRequest();
    for (const [key, value] of Object.entries(config)) req.getVariablesMap().set(key, value);
    // This host version reads only `args` (and hangs if it is missing).
    req.setArgs(toStruct(config));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await this.call<proto.ConfigureResponse>("Configure", (cb) => this.client.configure(req, cb));
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new proto.CheckRequest();
    const { name, type } = urnParts(urn);
    req.setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
    const res = await this.call<proto.CheckResponse>("Check", (cb) => this.client.check(req, cb));
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap): Promise<DiffResult> {
    const req = new proto.DiffRequest();
    const { name, type } = urnParts(urn);
    req.setId(id).setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
    if (oldInputs) req.setOldInputs(toStruct(oldInputs));
    const res = await this.call<proto.DiffResponse>("Diff", (cb) => this.client.diff(req, cb));
    return {
      changes: diffChanges[res.getChanges()] ?? "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(urn: string, props: PropertyMap): Promise<CreateResult> {
    const req = new proto.CreateRequest();
    const { name, type } = urnParts(urn);
    req.setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
    const res = await this.call<proto.CreateResponse>("Create", (cb) => this.client.create(req, cb));
    return { id: res.getId(), properties: fromStruct(res.getProperties()) };
  }

  async read(id: string, urn: string, props: PropertyMap, inputs?: PropertyMap): Promise<ReadResult> {
    const req = new proto.ReadRequest();
    const { name, type } = urnParts(urn);
    req.setId(id).setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
    if (inputs) req.setInputs(toStruct(inputs));
    const res = await this.call<proto.ReadResponse>("Read", (cb) => this.client.read(req, cb));
    const result: ReadResult = { id: res.getId(), properties: fromStruct(res.getProperties()) };
    if (res.hasInputs()) result.inputs = fromStruct(res.getInputs());
    return result;
  }

  async update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap): Promise<UpdateResult> {
    const req = new proto.UpdateRequest();
    const { name, type } = urnParts(urn);
    req.setId(id).setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
    if (oldInputs) req.setOldInputs(toStruct(oldInputs));
    const res = await this.call<proto.UpdateResponse>("Update", (cb) => this.client.update(req, cb));
    return { properties: fromStruct(res.getProperties()) };
  }

  async delete(id: string, urn: string, props: PropertyMap, oldInputs?: PropertyMap): Promise<void> {
    const req = new proto.DeleteRequest();
    const { name, type } = urnParts(urn);
    req.setId(id).setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
    if (oldInputs) req.setOldInputs(toStruct(oldInputs));
    await this.call<Empty>("Delete", (cb) => this.client.delete(req, cb));
  }

  async getPluginInfo(): Promise<{ version: string }> {
    const res = await this.call<PluginInfo>("GetPluginInfo", (cb) => this.client.getPluginInfo(new Empty(), cb));
    return { version: res.getVersion() };
  }

  hostLog(): string[] {
    return [...this.log];
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.client.close();
      this.child.kill("SIGTERM");
    }
    await this.exited;
  }

  async kill(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.child.kill("SIGKILL");
      this.client.close();
    }
    await this.exited;
  }
}
