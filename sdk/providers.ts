/**
 * One serializable provider instance per resource kind: Pulumi caches the serialized text per
 * instance, so sharing one instance keeps every resource of a kind on the same `__provider`.
 */
import { SerializableProvider } from "../provider/serializable-provider";

/** The provider of every SnykApp. */
export const appProvider = new SerializableProvider("app");
/** The provider of every SnykAppSecret. */
export const appSecretProvider = new SerializableProvider("app-secret");
/** The provider of every SnykAppInstall. */
export const appInstallProvider = new SerializableProvider("app-install");
