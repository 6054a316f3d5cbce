/**
 * The emulator's bounds, so that it stays a safe server in a CI job: no request can make it
 * buffer without end, grow its log without end, or block its event loop.
 */

/** Largest request body accepted, in bytes (1 MiB); a larger one gets 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Longest app name accepted, in characters (Unicode code points); a longer one gets 400. */
export const MAX_APP_NAME_LENGTH = 256;

/** Default bound of the request log, in bytes of its JSON (32 MiB); the oldest entries go first. */
export const REQUEST_LOG_MAX_BYTES = 32 * 1024 * 1024;

/** Longest fault `pathGlob` accepted over HTTP, in characters. */
export const MAX_FAULT_GLOB_LENGTH = 256;
