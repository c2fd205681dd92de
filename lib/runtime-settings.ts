// Settings the stack deploys and the local emulation enforces alike: one home for each number.
/** Every function's timeout; API Gateway's own integration timeout (29 s) is longer, so a slow function fails first. */
export const FUNCTION_TIMEOUT_SECONDS = 10;
export const FUNCTION_MEMORY_MB = 1024;
/** The largest body the web ACL lets through to the API: the functions' own limit. */
export { MAX_BODY_BYTES as MAX_REQUEST_BODY_BYTES } from '../functions/shared/request-limits.js';
