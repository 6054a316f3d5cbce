/** The resource kinds this package manages; each serialized provider holds one. */
export type ResourceKind = "app" | "app-secret" | "app-install";
