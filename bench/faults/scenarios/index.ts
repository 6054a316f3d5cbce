/** Every fault scenario, in table order; the short run takes those marked `short`. */
import { Scenario } from "../scenario";
import { rateLimitScenarios } from "./rate-limits";
import { routeFaultScenarios } from "./route-faults";
import { timeoutScenarios } from "./timeouts";
import { hostKillScenarios } from "./host-kill";
import { outOfBandScenarios } from "./out-of-band";
import { revokedScenarios } from "./revoked";
import { hostileServerScenarios } from "./hostile-server";
import { hostileInputScenarios } from "./hostile-inputs";

/** The scenarios of the full run (`npm run faults`) or, with `short`, of `npm test`. */
export function faultScenarios(options: { short?: boolean } = {}): Scenario[] {
  const all = [
    ...rateLimitScenarios(),
    ...routeFaultScenarios(),
    ...timeoutScenarios(),
    ...hostKillScenarios(),
    ...outOfBandScenarios(),
    ...revokedScenarios(),
    ...hostileServerScenarios(),
  ];
  // The fuzzing family has a full form and a short form of its own.
  const fuzz = hostileInputScenarios().filter((s) => s.short === Boolean(options.short));
  return options.short ? [...all.filter((s) => s.short), ...fuzz] : [...all, ...fuzz];
}
