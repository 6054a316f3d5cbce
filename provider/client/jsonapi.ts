/**
 * JSON:API shapes used by Snyk's REST API, and the attributes of the Apps resources, from
 * spec/snyk-rest-apps-2025-11-05.json.
 */

/** A link: a URL string or an object with `href` (JSON:API 1.1). */
export type JsonApiLink = string | { href: string; meta?: Record<string, unknown> };

/** The `links` member of a document or resource. */
export interface JsonApiLinks {
  self?: JsonApiLink;
  related?: JsonApiLink;
  first?: JsonApiLink;
  last?: JsonApiLink;
  prev?: JsonApiLink;
  next?: JsonApiLink;
}

/** A resource identifier: `{type, id}`. */
export interface JsonApiResourceIdentifier<TType extends string = string> {
  type: TType;
  id: string;
}

/** A relationship to one resource. */
export interface JsonApiRelationship<TData = JsonApiResourceIdentifier> {
  data?: TData;
  links?: JsonApiLinks;
  meta?: Record<string, unknown>;
}

/** A resource object with typed attributes and relationships. */
export interface JsonApiResource<
  TAttributes = Record<string, unknown>,
  TType extends string = string,
  TRelationships = Record<string, JsonApiRelationship>,
> extends JsonApiResourceIdentifier<TType> {
  attributes: TAttributes;
  relationships?: TRelationships;
  links?: JsonApiLinks;
  meta?: Record<string, unknown>;
}

/** A top-level document whose `data` is one resource or a page of them. */
export interface JsonApiDocument<TData> {
  data: TData;
  jsonapi?: { version: string };
  links?: JsonApiLinks;
  meta?: Record<string, unknown>;
}

/**
 * One JSON:API error object. Some Snyk endpoints answer `details` instead of `detail`; the
 * client copies it into `detail` when it builds an error.
 */
export interface JsonApiErrorObject {
  status?: string;
  detail?: string;
  details?: string;
  title?: string;
  code?: string;
  id?: string;
  source?: { pointer?: string; parameter?: string };
  links?: { about?: JsonApiLink };
  meta?: Record<string, unknown>;
}

/** An error document: `{jsonapi, errors: [...]}`. */
export interface JsonApiErrorDocument {
  jsonapi?: { version: string };
  errors: JsonApiErrorObject[];
}

/** How an app gets its access tokens. */
export type GrantType = "authorization_code" | "client_credentials";

/** Who an app is installed for: an org or group (`tenant`), or a user. */
export type AppContext = "tenant" | "user";

/**
 * The attributes of an app from `/orgs/{org_id}/apps/creations`. `client_secret` is returned
 * only by the create call and by secret rotation, never by a read. The spec marks `client_id`,
 * `redirect_uris` and `org_public_id` optional on reads; Snyk returns the first two on every app.
 */
export interface AppAttributes {
  client_id: string;
  client_secret?: string;
  name: string;
  redirect_uris: string[];
  scopes: string[];
  context: AppContext;
  access_token_ttl_seconds: number;
  is_public: boolean;
  is_confidential: boolean;
  grant_type: GrantType;
  org_public_id?: string;
}

/** An app resource (`type: "app"`). */
export type AppResource = JsonApiResource<AppAttributes, "app">;

/** The attributes of an app as seen from an install (`relationships.app.data` when expanded). */
export interface PublicAppAttributes {
  client_id: string;
  name: string;
  context?: AppContext;
  scopes?: string[];
}

/** The app an install belongs to: an identifier, with attributes when listed with `expand=app`. */
export interface InstallAppData extends JsonApiResourceIdentifier {
  attributes?: PublicAppAttributes;
  links?: JsonApiLinks;
}

/**
 * The attributes of an app install. `client_secret` is returned only by the create call and by
 * secret rotation (and only for non-interactive apps); `installed_at` only by lists.
 */
export interface InstallAttributes {
  client_id: string;
  client_secret?: string;
  installed_at?: string;
}

/** The relationships of an install: the app it installs. */
export interface InstallRelationships {
  app?: { data?: InstallAppData };
}

/** An install resource (`type: "app_install"`). */
export type InstallResource = JsonApiResource<InstallAttributes, string, InstallRelationships>;
