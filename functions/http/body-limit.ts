// The largest request body any route accepts; the stack's web ACL refuses larger bodies before they reach a function.
export const MAX_BODY_BYTES = 16 * 1024;
