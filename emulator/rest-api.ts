/**
 * The REST pipeline, in Snyk's order: route (404), `version` (400), authentication (401), path
 * ids (400), content type and body schema (400, pointers into the body), then the handler, whose
 * own checks give 403/404/409. Every answer carries Snyk's headers.
 */
import { IncomingHttpHeaders } from "http";
import { authenticate } from "./auth";
import { ApiError, errorDocument, errorObject } from "./errors";
import { LinkBuilder } from "./links";
import { RestContext, RestHandler, RestResult } from "./rest-context";
import { Router } from "./router";
import { appCreationRoutes } from "./routes/app-creations";
import { installRoutes } from "./routes/installs";
import { legacyAppRoutes } from "./routes/legacy-apps";
import { selfRoutes } from "./routes/self";
import { SpecOperation, SpecValidator } from "./spec-validator";
import { State } from "./state";
import { resolveVersion, ResolvedVersion } from "./version";

/** A REST request, read off the wire. */
export interface RestRequest {
  method: string;
  /** Path without `/rest` and query. */
  restPath: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  requestId: string;
}

/** What to write back. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body?: string;
  operationId?: string;
}

const JSON_API = "application/vnd.api+json";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEPRECATED_SINCE = "2024-07-01T00:00:00Z";
const SUNSET = "2025-01-01";
const HANDLERS: Record<string, RestHandler> = { ...appCreationRoutes, ...installRoutes, ...selfRoutes, ...legacyAppRoutes };

/** Serves the REST Apps API from a {@link State}. */
export class RestApi {
  private readonly router: Router;

  constructor(
    private readonly state: State,
    private readonly validator: SpecValidator,
    private readonly settings: { link: () => LinkBuilder; validateResponses: () => boolean },
  ) {
    const missing = validator.operations.filter((op) => !HANDLERS[op.operationId]).map((op) => op.operationId);
    if (missing.length > 0) throw new Error(`no handler for ${missing.join(", ")}`);
    this.router = new Router(validator.operations);
  }

  /** The operation a request would reach, if any. */
  operationOf(method: string, restPath: string): SpecOperation | undefined {
    const match = this.router.match(method, restPath);
    return typeof match === "object" ? match.operation : undefined;
  }

  /** Answers one request; never throws. */
  handle(request: RestRequest): HttpAnswer {
    let version: ResolvedVersion | undefined;
    let operation: SpecOperation | undefined;
    let result: RestResult;
    try {
      const match = this.router.match(request.method, request.restPath);
      if (match === undefined) throw ApiError.of(404, `no endpoint at ${request.restPath}`);
      if (match === "method") throw ApiError.of(405, `${request.method} is not allowed on ${request.restPath}`);
      operation = match.operation;
      version = resolveVersion(request.query.version);
      const principal = authenticate(request.headers.authorization, this.state);
      for (const [name, value] of Object.entries(match.params)) {
        if (!UUID.test(value)) throw ApiError.of(400, `${name} must be a UUID`, { parameter: name });
      }
      const ctx: RestContext = {
        state: this.state,
        principal,
        params: match.params,
        query: request.query,
        body: operation.hasBody ? this.parseBody(operation, request) : undefined,
        restPath: request.restPath,
        link: this.settings.link(),
      };
      result = HANDLERS[operation.operationId](ctx);
    } catch (error) {
      result = errorResult(error);
    }
    if (operation && this.settings.validateResponses()) result = this.selfCheck(operation, result);
    return this.answer(result, request.requestId, version, operation);
  }

  private parseBody(operation: SpecOperation, request: RestRequest): unknown {
    const contentType = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (contentType !== JSON_API) throw ApiError.of(400, `Content-Type must be ${JSON_API}`);
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      throw ApiError.of(400, "the body is not valid JSON", { pointer: "" });
    }
    const violations = this.validator.validateRequestBody(operation.operationId, body);
    if (violations.length > 0) {
      throw new ApiError(
        400,
        violations.map((v) => errorObject(400, `${v.pointer || "the body"} ${v.message}`, { pointer: v.pointer })),
      );
    }
    return body;
  }

  private selfCheck(operation: SpecOperation, result: RestResult): RestResult {
    const violations = this.validator.validateResponse(operation.operationId, result.status, result.body);
    if (violations.length === 0) return result;
    const detail = `emulator answer ${result.status} breaks the spec: ${violations.map((v) => `${v.pointer} ${v.message}`).join("; ")}`;
    return errorResult(ApiError.of(500, detail));
  }

  private answer(result: RestResult, requestId: string, version?: ResolvedVersion, operation?: SpecOperation): HttpAnswer {
    const headers: Record<string, string> = { "snyk-request-id": requestId, ...result.headers };
    if (version) {
      headers["snyk-version-requested"] = version.requested;
      headers["snyk-version-served"] = version.served;
      headers["snyk-version-lifecycle-stage"] = operation?.deprecated ? "deprecated" : "ga";
    }
    if (operation?.deprecated) {
      headers.deprecation = DEPRECATED_SINCE;
      headers.sunset = SUNSET;
    }
    if (result.body === undefined) return { status: result.status, headers, operationId: operation?.operationId };
    headers["content-type"] = JSON_API;
    return { status: result.status, headers, body: JSON.stringify(result.body), operationId: operation?.operationId };
  }
}

/** A REST answer for a thrown error (500 for anything that is not an {@link ApiError}). */
export function errorResult(error: unknown): RestResult {
  if (error instanceof ApiError) return { status: error.status, body: errorDocument(error.errors), headers: error.headers };
  return { status: 500, body: errorDocument([errorObject(500, "internal emulator error")]) };
}
