/** Ids and a client stand-in shared by the unit tests of check and diff. */

export const ORG = "3f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const GROUP = "5f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const APP = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const INSTALL = "7f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/** A client factory that fails the test if check or diff ever reaches for the API. */
export const noApi = (): never => {
  throw new Error("check and diff must not call the Snyk API");
};
