/**
 * Runs a Pulumi program in this process under `pulumi.runtime.setMocks` and records every
 * resource it registers: resolved inputs (including the serialized `__provider` text), the
 * resource options the engine would see (read from the RegisterResourceRequest itself, since the
 * mocks' `newResource` never sees options such as `additionalSecretOutputs`), and the outputs
 * returned to the program. Runs may be repeated in one process, one at a time.
 */
import * as pulumi from "@pulumi/pulumi";
import { decodeProperties } from "./property-values";
import { PropertyMap } from "./struct";

/** The resource options the engine received with a registration. */
export interface RegistrationOptions {
  /** Output names to mark secret (`additionalSecretOutputs`). */
  additionalSecretOutputs: string[];
  /**
   * URNs this resource depends on: explicit `dependsOn` plus the resources whose outputs feed its
   * inputs (the SDK sends the union).
   */
  dependencies: string[];
  /** Per input, the URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  retainOnDelete: boolean;
  /** `undefined` when the option was not set. */
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  /** The parent's URN (the stack for top-level resources). */
  parent: string;
  /** The provider reference, empty for the default provider. */
  provider: string;
  /** The `import` option. */
  importId: string;
  /** The URNs of the `aliases` option (alias specs resolved as the engine resolves them). */
  aliases: string[];
  /** The `replacementTrigger` option, decoded like inputs; `undefined` when not set. */
  replacementTrigger?: unknown;
}

/** A registration as the mocks see it, before outputs exist. */
export interface ResourceRegistration {
  type: string;
  name: string;
  urn: string;
  /** False for component resources. */
  custom: boolean;
  /**
   * Inputs as a provider would get them: secrets unwrapped, unknowns (preview) as the `UNKNOWN`
   * sentinel string, resource references as ids; `__provider` included for dynamic resources.
   */
  inputs: PropertyMap;
  /** Top-level input names that were secret. */
  secretInputs: string[];
  options: RegistrationOptions;
}

/** A registered resource with what the mocks returned for it. */
export interface RegisteredResource extends ResourceRegistration {
  id?: string;
  /** The state returned to the program. */
  outputs: PropertyMap;
}

/** Mocks for {@link runProgram}; both are optional. */
export interface ProgramMocks {
  /**
   * Returns the id and outputs of a new resource. The default echoes the inputs with id
   * `<name>-id` (no id in preview).
   */
  newResource?(resource: ResourceRegistration): { id?: string; state?: PropertyMap } | Promise<{ id?: string; state?: PropertyMap }>;
  /** Answers invokes (functions); the default returns `{}`. */
  call?(args: pulumi.runtime.MockCallArgs): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Options for {@link runProgram}. */
export interface RunProgramOptions {
  project: string;
  stack: string;
  /** Stack config with namespaced keys, e.g. `{"snyk:token": "..."}`. */
  config?: Record<string, string>;
  /** Config keys to treat as secret (`pulumi.Config.getSecret` and friends). */
  secretConfigKeys?: string[];
  /** Run as a preview: outputs the mocks leave out are unknown. */
  preview?: boolean;
  mocks?: ProgramMocks;
}

/** A program that returns its stack exports (or nothing). */
export type Program = () => void | Record<string, unknown> | Promise<void | Record<string, unknown>>;

/** What a run registered and exported. */
export interface ProgramRun {
  /** Every registered resource except the root stack, in registration order. */
  resources: RegisteredResource[];
  /** Stack exports, decoded like inputs (secrets unwrapped, unknowns as `UNKNOWN`). */
  exports: PropertyMap;
  /** Names of exports that were secret. */
  secretExports: string[];
  /** The resource named `name` (and of `type`, when given); throws when absent. */
  byName(name: string, type?: string): RegisteredResource;
}

/**
 * Raised when a program run fails: the program threw, a registration failed (e.g. the closure
 * serializer could not serialize a provider, which Pulumi reports only as an unhandled
 * rejection), or a mock threw. `errors` holds each distinct error; `run` what was registered.
 */
export class ProgramRunError extends Error {
  constructor(
    readonly errors: Error[],
    readonly run: ProgramRun,
  ) {
    super(`the program failed:\n${errors.map((e) => `- ${e.message}`).join("\n")}`);
    this.name = "ProgramRunError";
  }
}

// Internal runtime entry points: the RPC queue and the monitor the mocks installed.
const settings = require("@pulumi/pulumi/runtime/settings") as {
  waitForRPCs(): Promise<void>;
  getMonitor(): MonitorLike;
};

type RpcCallback = (err: unknown, res?: unknown) => void;
interface MonitorLike {
  registerResource(req: RegisterResourceRequestLike, cb: RpcCallback): Promise<void>;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): StructLike | undefined }, cb: RpcCallback): void;
  newUrn(parent: string, type: string, name: string): string;
}
interface StructLike {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterResourceRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getAdditionalsecretoutputsList(): string[];
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getDeletebeforereplacedefined(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
  getProvider(): string;
  getImportid(): string;
  getAliasurnsList(): string[];
  getAliasesList(): AliasLike[];
  hasReplacementTrigger(): boolean;
  getReplacementTrigger(): { toJavaScript(): unknown } | undefined;
}
interface AliasLike {
  getUrn(): string;
  getSpec(): { getName(): string; getType(): string; getStack(): string; getProject(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
}

const stackType = "pulumi:pulumi:Stack";
let busy = false;

/**
 * Runs `program` under mocks and returns what it registered. Rejects with
 * {@link ProgramRunError} when anything in the run failed.
 */
export async function runProgram(program: Program, options: RunProgramOptions): Promise<ProgramRun> {
  if (busy) throw new Error("runProgram: another program is running in this process");
  busy = true;
  const errors = new ErrorCollector();
  const previousConfig = pulumi.runtime.allConfig();
  process.on("unhandledRejection", errors.add);
  try {
    return await runUnderMocks(program, options, errors);
  } finally {
    process.off("unhandledRejection", errors.add);
    pulumi.runtime.setAllConfig(previousConfig);
    busy = false;
  }
}

async function runUnderMocks(program: Program, options: RunProgramOptions, errors: ErrorCollector): Promise<ProgramRun> {
  const mocks = options.mocks ?? {};
  const resources: RegisteredResource[] = [];
  const run = newRun(resources);
  let current: ResourceRegistration | undefined;

  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretConfigKeys ?? []);
  await pulumi.runtime.setMocks(
    {
      async newResource(args) {
        const registration = current;
        current = undefined;
        if (!registration || registration.type !== args.type || registration.name !== args.name) {
          throw new Error(`runProgram: no registration recorded for ${args.type} ${args.name}`);
        }
        if (registration.type === stackType) return { id: undefined, state: {} };
        const result = mocks.newResource
          ? await mocks.newResource(registration)
          : { id: options.preview ? undefined : `${args.name}-id`, state: registration.inputs };
        const outputs = result.state ?? {};
        resources.push({ ...registration, id: result.id, outputs });
        return { id: result.id, state: outputs };
      },
      async call(args) {
        return mocks.call ? mocks.call(args) : {};
      },
    },
    options.project,
    options.stack,
    options.preview ?? false,
  );

  const monitor = settings.getMonitor();
  // The MockMonitor puts the root stack's type into every URN; the engine leaves it out.
  monitor.newUrn = engineUrn;
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    // The MockMonitor calls newResource synchronously from here, so `current` pairs them up.
    current = toRegistration(req, monitor.newUrn(req.getParent(), req.getType(), req.getName()));
    return registerResource(req, cb);
  };
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    if (req.getUrn().split("::")[2] === stackType) {
      const decoded = decodeProperties(req.getOutputs()?.toJavaScript() ?? {});
      run.exports = decoded.values;
      run.secretExports = decoded.secretKeys;
    }
    return registerResourceOutputs(req, cb);
  };

  try {
    await pulumi.runtime.runInPulumiStack(async () => (await program()) ?? {});
  } catch (err) {
    errors.add(err);
  }
  await settings.waitForRPCs();
  // Failed registrations surface as unhandled rejections a few turns after the RPC queue drains.
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  if (errors.list.length > 0) throw new ProgramRunError(errors.list, run);
  return run;
}

/** The URN the engine gives a resource: parent types chained with `$`, the root stack left out. */
function engineUrn(parent: string, type: string, name: string, stack = pulumi.getStack(), project = pulumi.getProject()): string {
  const parentType = parent ? parent.split("::")[2] : undefined;
  const qualifiedType = parentType && parentType !== stackType ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/** The URNs of a registration's aliases: plain URNs, or specs whose blanks default to the resource's own name, type, stack, project and parent. */
function aliasUrns(req: RegisterResourceRequestLike): string[] {
  const urns = [...req.getAliasurnsList()];
  for (const alias of req.getAliasesList()) {
    const spec = alias.getSpec();
    if (alias.getUrn()) urns.push(alias.getUrn());
    else if (spec) {
      const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
      urns.push(engineUrn(parent, spec.getType() || req.getType(), spec.getName() || req.getName(), spec.getStack() || undefined, spec.getProject() || undefined));
    }
  }
  return urns;
}

function newRun(resources: RegisteredResource[]): ProgramRun {
  return {
    resources,
    exports: {},
    secretExports: [],
    byName(name: string, type?: string): RegisteredResource {
      const found = resources.find((r) => r.name === name && (type === undefined || r.type === type));
      if (!found) throw new Error(`no resource named ${name}${type ? ` of type ${type}` : ""} was registered`);
      return found;
    },
  };
}

function toRegistration(req: RegisterResourceRequestLike, urn: string): ResourceRegistration {
  const decoded = decodeProperties(req.getObject()?.toJavaScript() ?? {});
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    urn,
    custom: req.getCustom(),
    inputs: decoded.values,
    secretInputs: decoded.secretKeys,
    options: {
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      parent: req.getParent(),
      provider: req.getProvider(),
      importId: req.getImportid(),
      aliases: aliasUrns(req),
      replacementTrigger: req.hasReplacementTrigger() ? decodeProperties({ trigger: req.getReplacementTrigger()?.toJavaScript() }).values.trigger : undefined,
    },
  };
}

/** Collects distinct errors (mocha may deliver one unhandled rejection twice). */
class ErrorCollector {
  readonly list: Error[] = [];
  private readonly messages = new Set<string>();

  readonly add = (reason: unknown): void => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (this.messages.has(error.message)) return;
    this.messages.add(error.message);
    this.list.push(error);
  };
}

/**
 * Serializes a dynamic provider object exactly as `pulumi.dynamic.Resource` does for `__provider`
 * (the serializer names variables after the captured one, so it must be called `provider`).
 */
export async function serializeProvider(provider: object): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}
