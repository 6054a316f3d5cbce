/**
 * The error a {@link ProviderHost} call rejects with, and the decoding of the
 * `ErrorResourceInitFailed` details the host attaches when a resource was created (or updated) but
 * failed to initialise.
 */
import type { ServiceError } from "@grpc/grpc-js";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { fromStruct, PropertyMap } from "./struct";

/**
 * What the engine records for a resource that exists remotely but failed a later step: it keeps
 * the id and properties in state, shows the reasons, and updates the resource on the next run.
 */
export interface ResourceInitFailure {
  /** The id of the object that was created. */
  id: string;
  /** The outputs the provider attached to the error (with `__provider`, as the host adds none). */
  properties: PropertyMap;
  /** The reasons the provider gave. */
  reasons: string[];
}

/**
 * Raised when the provider host answers a gRPC call with an error: the provider method threw, the
 * host could not load `__provider`, or the host is gone. `message` is the text the host sent
 * (the provider error's message), prefixed with the method name.
 */
export class ProviderHostError extends Error {
  /** The ResourceProvider method that failed, e.g. `"Create"`. */
  readonly method: string;
  /** The gRPC status code (2 = UNKNOWN for provider errors, 14 = UNAVAILABLE for a dead host). */
  readonly code: number;
  /** The message the host sent, without the method prefix. */
  readonly details: string;
  /** Set when a Create or Update failed after the object was created ("failed to initialise"). */
  readonly initFailure?: ResourceInitFailure;

  constructor(method: string, code: number, details: string, initFailure?: ResourceInitFailure) {
    super(`${method} failed: ${details}`);
    this.name = "ProviderHostError";
    this.method = method;
    this.code = code;
    this.details = details;
    this.initFailure = initFailure;
  }

  /** Builds the typed error from a grpc-js `ServiceError`, decoding any init-failure details. */
  static fromServiceError(method: string, err: ServiceError): ProviderHostError {
    return new ProviderHostError(method, err.code, err.details ?? err.message, decodeInitFailure(err));
  }
}

const initFailedType = "pulumirpc.ErrorResourceInitFailed";

/**
 * Reads `grpc-status-details-bin` (a serialized `google.rpc.Status`) from the error's trailers and
 * unpacks the first `pulumirpc.ErrorResourceInitFailed` detail, if any.
 */
export function decodeInitFailure(err: ServiceError): ResourceInitFailure | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin") ?? [];
  for (const value of raw) {
    const bytes = typeof value === "string" ? Buffer.from(value, "base64") : value;
    const status = Status.deserializeBinary(new Uint8Array(bytes));
    for (const detail of status.getDetailsList()) {
      const failed = detail.unpack(ErrorResourceInitFailed.deserializeBinary, initFailedType);
      if (failed) {
        return {
          id: failed.getId(),
          properties: fromStruct(failed.getProperties()),
          reasons: failed.getReasonsList(),
        };
      }
    }
  }
  return undefined;
}
