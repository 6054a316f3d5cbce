/** The example stack's entry point for the Pulumi CLI: see program.ts. */
import { snykAppsProgram } from "./program";

const outputs = snykAppsProgram();

export const ciBotAppId = outputs.ciBotAppId;
export const ciBotClientId = outputs.ciBotClientId;
export const ciBotSecret = outputs.ciBotSecret;
export const ciBotPreviousSecret = outputs.ciBotPreviousSecret;
export const ciBotSecretMintedAt = outputs.ciBotSecretMintedAt;
export const portalAppId = outputs.portalAppId;
export const portalClientId = outputs.portalClientId;
export const portalClientSecret = outputs.portalClientSecret;
export const brokerOrgInstallId = outputs.brokerOrgInstallId;
export const brokerOrgClientId = outputs.brokerOrgClientId;
export const brokerOrgClientSecret = outputs.brokerOrgClientSecret;
export const brokerGroupInstallId = outputs.brokerGroupInstallId;
export const brokerGroupClientSecret = outputs.brokerGroupClientSecret;
