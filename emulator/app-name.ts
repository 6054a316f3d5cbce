/** The bound on app names (the spec sets none; an unbounded name is a memory and log hazard). */
import { ApiError } from "./errors";
import { MAX_APP_NAME_LENGTH } from "./limits";

/** Why `name` cannot be an app name, or undefined when it can. */
export function appNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "name must be a non-empty string";
  // Counted in characters (code points), as a user would count them; cheap first test on UTF-16 units.
  if (name.length > MAX_APP_NAME_LENGTH && [...name].length > MAX_APP_NAME_LENGTH) {
    return `name must be at most ${MAX_APP_NAME_LENGTH} characters (it has ${[...name].length})`;
  }
  return undefined;
}

/** 400 pointing at `pointer` (the name attribute in the body) when `name` is too long. */
export function requireAppName(name: unknown, pointer: string): void {
  const problem = appNameProblem(name);
  if (problem) throw ApiError.of(400, problem, { pointer });
}
