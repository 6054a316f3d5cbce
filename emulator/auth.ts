/**
 * REST authentication: `Authorization: token <API token>` for the emulator's user,
 * `Authorization: bearer <access token>` for tokens issued by the emulator's /oauth2/token.
 */
import { ApiError } from "./errors";
import { Principal } from "./rest-context";
import { State } from "./state";

/** The credential in an Authorization header, used as the rate-limit key; "" when absent. */
export function credentialOf(header: string | undefined): string {
  return header?.trim().split(/\s+/)[1] ?? "";
}

/** Who the Authorization header names; 401 when it names nobody. */
export function authenticate(header: string | undefined, state: State): Principal {
  const [scheme, credential, extra] = header?.trim().split(/\s+/) ?? [];
  if (!scheme || !credential || extra !== undefined) throw ApiError.of(401, "an Authorization header is required");
  const kind = scheme.toLowerCase();
  if (kind === "token" && credential === state.seed.token) {
    return { userId: state.seed.userId, orgIds: [state.seed.orgId], groupIds: [state.seed.groupId] };
  }
  if (kind === "bearer") {
    const token = state.tokens.get(credential);
    if (token?.kind === "access" && token.expiresAt > Date.now()) return { orgIds: token.orgIds, groupIds: token.groupIds };
  }
  throw ApiError.of(401, "the token is invalid or expired");
}
