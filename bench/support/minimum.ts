/**
 * The physical minimum of requests for each phase of the bench's stack (N SnykApps, each with a
 * SnykAppSecret, N installs in an org and N in a group): what no client could do with fewer.
 */
import { PAGE_LIMIT } from "../../provider/client";
import type { PhaseName } from "./deployment-phases";

/** The stack's shape and what the org held before the deploy. */
export interface StackShape {
  /** Apps (and their secrets) in the stack; also installs per owner. */
  n: number;
  /** Apps the org already held when the deploy started (its duplicate guard lists them). */
  appsInOrgBefore: number;
}

/** The text printed with the figures. */
export const MINIMUM_DEFINITION =
  "minimum = one request per app create/read/delete, per secret mint (SnykAppSecret create, and its delete, which replaces every secret), " +
  `per install create/delete, and one walk of each list a phase needs, ceil(items / ${PAGE_LIMIT}) pages per owner per run: ` +
  "deploy N + N + 2N + the org's app list (duplicate guard); refresh the org's app list (every SnykApp's read and every " +
  "SnykAppSecret's target check: the list answers the same app resource as a GET of one) + the org's and the group's install lists; " +
  "destroy N + N + 2N";

/** The text printed with the figures. */
export const CHAIN_DEFINITION =
  "chain = the longest run of requests that must go one after another (each waits for the answer before it): a list's pages " +
  "(each page's link names the next), then what depends on the list: deploy the app list, an app create, its secret mint; " +
  "refresh the longest list; destroy a secret's delete, then its app's";

/** Pages of {@link PAGE_LIMIT} to list `items` (one page even when empty). */
export function listPages(items: number): number {
  return Math.max(1, Math.ceil(items / PAGE_LIMIT));
}

/** The minimum number of requests for `phase`; see {@link MINIMUM_DEFINITION}. */
export function minimumRequests(phase: PhaseName, shape: StackShape): number {
  const { n } = shape;
  switch (phase) {
    case "deploy":
      return n + n + 2 * n + listPages(shape.appsInOrgBefore);
    case "refresh":
      return listPages(appsInOrg(shape)) + 2 * listPages(n);
    case "destroy":
      return n + n + 2 * n;
  }
}

/** The longest chain of requests that must go one after another in `phase`; see {@link CHAIN_DEFINITION}. */
export function longestChain(phase: PhaseName, shape: StackShape): number {
  switch (phase) {
    case "deploy":
      return listPages(shape.appsInOrgBefore) + 2;
    case "refresh":
      return Math.max(listPages(appsInOrg(shape)), listPages(shape.n));
    case "destroy":
      return 2;
  }
}

/** The apps the org holds once the stack is deployed: what a refresh lists. */
function appsInOrg(shape: StackShape): number {
  return shape.appsInOrgBefore + shape.n;
}
