/**
 * Fixed ids the emulator can seed instead of random ones, so a stack's config file
 * (`Pulumi.emulator.yaml`) can name the org, the group and the broker app before the emulator
 * starts. `npm run emulator` uses them unless `--random-ids` is given.
 */
export const WELL_KNOWN_IDS = {
  orgId: "5e1f0c5a-0000-4000-8000-000000000001",
  groupId: "5e1f0c5a-0000-4000-8000-000000000002",
  foreignOrgId: "5e1f0c5a-0000-4000-8000-000000000003",
  foreignGroupId: "5e1f0c5a-0000-4000-8000-000000000004",
  snykOrgId: "5e1f0c5a-0000-4000-8000-000000000005",
  userId: "5e1f0c5a-0000-4000-8000-000000000006",
  brokerAppId: "5e1f0c5a-0000-4000-8000-000000000007",
  brokerClientId: "5e1f0c5a-0000-4000-8000-000000000008",
} as const;
