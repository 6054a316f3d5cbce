/**
 * The scopes a Snyk App can request, as Snyk documents them ("Snyk Apps APIs > Scopes to
 * request"), and how to tell a scope from a typo. Snyk adds scopes now and then, so a name outside
 * this list is only warned about; a name that cannot be a scope at all is an error.
 */

/** Every scope Snyk documents for apps, with what it allows. */
export const DOCUMENTED_SCOPES: Readonly<Record<string, string>> = Object.freeze({
  "org.read": "view org information and settings (mandatory: every app must request it)",
  "org.edit": "edit org information and settings",
  "org.report.read": "view the org's reports",
  "org.project.create": "add projects",
  "org.project.read": "view projects, their settings and the org's targets",
  "org.project.edit": "edit projects",
  "org.project.delete": "remove projects and targets for good",
  "org.project.status": "activate and deactivate projects",
  "org.project.test": "test projects",
  "org.project.ignore.create": "create project ignores",
  "org.project.ignore.read": "view project ignores",
  "org.project.ignore.edit": "configure project ignores",
  "org.project.ignore.delete": "remove project ignores for good",
  "org.project.attributes.edit": "apply and remove project attributes",
  "org.project.tag.edit": "create, apply and remove project tags",
  "org.project.pr.create": "open fix pull requests",
  "org.project.pr.skip": "mark failed pull-request checks as successful",
  "org.project.jira.issue.read": "view Jira issues",
  "org.project.jira.issue.create": "create Jira issues",
  "org.project.snapshot.read": "view project dependencies and vulnerabilities",
  "org.package.test": "test packages of the ecosystems Snyk supports",
});

/** The scope Snyk requires of every app. */
export const MANDATORY_SCOPE = "org.read";

/** What a scope looks like: dotted lowercase words, at least two (`org.read`). */
export const SCOPE_SHAPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * How many single-character edits a name may be from a documented scope and still count as a typo
 * of it. Every two documented scopes differ by more than this, so a typo has one clear match.
 */
export const TYPO_DISTANCE = 2;

/** A documented scope near a name, and how many edits apart they are. */
export interface NearScope {
  /** The documented scope. */
  scope: string;
  /** Single-character edits from the (normalized) name to it. */
  distance: number;
}

/**
 * The documented scope closest to `name` (by edit distance, ignoring case and treating spaces,
 * colons, slashes and dashes as dots), or undefined when none is close enough to be a typo.
 */
export function closestScope(name: string): NearScope | undefined {
  const normalized = name.trim().toLowerCase().replace(/[\s:/-]+/g, ".");
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const scope of Object.keys(DOCUMENTED_SCOPES)) {
    const distance = editDistance(normalized, scope);
    if (distance < bestDistance) {
      best = scope;
      bestDistance = distance;
    }
  }
  // A typo changes a few characters; beyond a third of the name it is another word.
  return best !== undefined && bestDistance <= Math.max(TYPO_DISTANCE, Math.floor(best.length / 3)) ? { scope: best, distance: bestDistance } : undefined;
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
