// The base of every error the domain and its adapters throw: a stable code the edge maps (http/error-mapping.ts), the
// data it carries, and its cause passed through, as Powertools' idempotency errors pass `options` to `super`.

/** What an error carries for whoever answers it: plain data, in the words the API uses for it. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

export abstract class DomainError extends Error {
  /** Stable across releases, `AREA.MEANING`; the edge maps each code once, and logs show it. */
  abstract readonly code: string;
  readonly details: ErrorDetails;

  constructor(message: string, details: ErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.details = details;
  }
}
