// Generated from openapi.json by openapi-typescript (npm run openapi); do not edit.
export interface paths {
    "/api/v1/admin/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the referrals of one status, oldest first
         * @description The review queue: attributions of one status (review_required by default), oldest first by created_at, ties by id, a page at a time. A walk is oldest first across pages and never repeats an item, even while items enter and leave the queue. A page may hold fewer than limit items (with referrer_user_id or claimed, or for a few seconds after a referral left the status): follow next_cursor until it is null. Every attribution shows its claim (null when nobody holds it); a held referral carries held_at and age_seconds.
         *
         *     Requires the permission `referrals:read`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        get: operations["listReferrals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one referral with its rewards and its audit trail
         * @description The attribution with its claim, its rewards, its activity items newest first, and its notes oldest first. A held referral carries held_at and age_seconds.
         *
         *     Requires the permission `referrals:read`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        get: operations["getReferral"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a referral held for review
         * @description Moves a `review_required` attribution to `rejected` without granting any reward credits. The change, its activity item, its usage record and its idempotency record are one DynamoDB transaction.
         *
         *     Requires the permission `referrals:decide`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["rejectReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a referral held for review
         * @description Moves a `review_required` attribution to `qualified`, the status from which the referral pipeline grants the rewards once it hears the `referral.approved` event; the approval itself grants nothing. The fraud checks' `review_reason` and `risk_flags` are kept. The change, its activity item, its usage record and its idempotency record are one DynamoDB transaction.
         *
         *     Requires the permission `referrals:decide`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["approveReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject up to 100 referrals held for review
         * @description Rejects each referral held for review, granting no reward. Each referral is rejected in its own transaction (its status change, its activity item and its usage record), so for every referral the change, its audit item and its charge exist together or not at all. The credits are reserved first, in one step, and what is not used is given back. A request in which no id could be rejected is still a 200. Charged 1 credit per referral rejected; the request counts once toward the per-minute limit.
         *
         *     Requires the permission `referrals:decide_bulk`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["bulkRejectReferrals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve up to 100 referrals held for review
         * @description Moves each referral held for review to `qualified`, from which the referral pipeline grants the rewards. Each referral is approved in its own transaction (its status change, its activity item and its usage record), so for every referral the change, its audit item and its charge exist together or not at all. The credits are reserved first, in one step, and what is not used is given back. A request in which no id could be approved is still a 200. Charged 1 credit per referral approved; the request counts once toward the per-minute limit.
         *
         *     Requires the permission `referrals:decide_bulk`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["bulkApproveReferrals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a referral held for review for a while
         * @description Sets the claim of a `review_required` referral to the caller for `lease_seconds` (900 by default): when nobody holds it, when its claim expired, or when the caller holds it already (a renewal). Another reviewer's unexpired claim is a 409 `claimed` naming it. Expiry is judged by the server clock inside the write. While the claim runs, only its holder can decide the referral. The claim, its usage record and its idempotency record are one DynamoDB transaction.
         *
         *     Requires the permission `referrals:claim`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["claimReferral"];
        /**
         * Release one's claim on a referral
         * @description Removes the caller's claim; a referral nobody holds (or whose claim expired) answers 200 as well. Another reviewer's unexpired claim is a 409 `claimed`, unless `force=true` by a caller with `referrals:override_claim`, which releases it and records an activity item `claim_released` naming whose claim it was.
         *
         *     Requires the permission `referrals:claim`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        delete: operations["releaseClaim"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim the next held referrals nobody holds
         * @description Claims for the caller up to `count` of the oldest referrals held for review that nobody holds (or whose claim expired), in queue order, and answers them with their claims; fewer, or none, when fewer are free. Concurrent callers never receive the same referral: one taken by someone else between the read and the write is skipped. It sees past up to 200 older referrals held by others; beyond them it may answer fewer than it could. Costs 1 credit a request.
         *
         *     Requires the permission `referrals:claim`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["claimNextReferrals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a note to a referral
         * @description Appends a note on a referral of any status, for the next reviewer. `by` and `at` are set by the server; a note is never edited or deleted, and notes written at once are all kept. The referral read (GET) returns its notes oldest first. The note, its usage record and its idempotency record are one DynamoDB transaction.
         *
         *     Requires the permission `referrals:note`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["addReferralNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/referrals/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reopen a referral rejected by mistake
         * @description Moves a `rejected` referral back to `review_required`, within 30 days of its reject: into the review queue again at its place by creation time, with no claim, its reviewed_at and reviewed_by cleared (the audit trail keeps them). It records an activity item `reopen` naming the decision it undoes, and the event `referral.reopened`. Past the window: 409 `reopen_window_closed`. An approved (`qualified`) referral is never reopened (409 `conflict`): the referral pipeline may already have granted its rewards, and reversing an approval is the pipeline's clawback.
         *
         *     Requires the permission `referrals:reopen`: a credential without it is refused with 403 `insufficient_permissions` before anything is read, written or charged. Costs 1 credit per successful (2xx) response; nothing else is charged.
         */
        post: operations["reopenReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        "app.Response": {
            /** @description The HTTP status */
            code: number;
            msg: string;
            data: unknown;
            error?: {
                /** @enum {string} */
                type: "invalid_request" | "unauthorized" | "forbidden" | "access_denied" | "insufficient_permissions" | "request_blocked" | "not_found" | "route_not_found" | "conflict" | "claimed" | "reopen_window_closed" | "request_in_progress" | "unsupported_media_type" | "concurrent_update" | "idempotency_key_reused" | "rate_limited" | "daily_cap_reached" | "credits_exhausted" | "internal" | "dependency_unavailable" | "upstream_failure" | "gateway_timeout";
                /** @description Whether the same request may succeed later */
                retryable: boolean;
                /** @description Client-safe details, e.g. issues, status, limit */
                context?: {
                    [key: string]: unknown;
                };
            };
            /** @description The id API Gateway generated for the request (its extendedRequestId); also in the function's x-request-id header */
            request_id: string;
        };
        "app.ErrorResponse": {
            code: number;
            msg: string;
            data: null;
            error: {
                /** @enum {string} */
                type: "invalid_request" | "unauthorized" | "forbidden" | "access_denied" | "insufficient_permissions" | "request_blocked" | "not_found" | "route_not_found" | "conflict" | "claimed" | "reopen_window_closed" | "request_in_progress" | "unsupported_media_type" | "concurrent_update" | "idempotency_key_reused" | "rate_limited" | "daily_cap_reached" | "credits_exhausted" | "internal" | "dependency_unavailable" | "upstream_failure" | "gateway_timeout";
                /** @description Whether the same request may succeed later */
                retryable: boolean;
                /** @description Client-safe details, e.g. issues, status, limit */
                context?: {
                    [key: string]: unknown;
                };
            };
            /** @description The id API Gateway generated for the request (its extendedRequestId); also in the function's x-request-id header */
            request_id: string;
        };
        "app.ValidationContext": {
            issues: {
                /** @description Dot path of the field, e.g. body.reason or pathParameters.id */
                field: string;
                message: string;
            }[];
        };
        "app.ConflictContext": {
            id: string;
            /** @description The status the referral has now */
            status: string;
        };
        "app.LimitContext": {
            /** @enum {string} */
            limit: "requests_per_minute" | "daily_credits" | "included_credits_per_month";
            value: number;
            /** Format: date-time */
            resets_at: string;
            retry_after: number;
        };
        "app.PermissionContext": {
            /**
             * @description The permission the route requires and the credential lacks
             * @enum {string}
             */
            required: "referrals:read" | "referrals:decide" | "referrals:decide_bulk" | "referrals:claim" | "referrals:override_claim" | "referrals:note" | "referrals:reopen";
        };
        "app.ClaimedContext": {
            id: string;
            /** @description The reviewer holding the referral */
            claimed_by: string;
            /**
             * Format: date-time
             * @description When their lease ends, by the server clock
             */
            claimed_until: string;
        };
        "app.ReopenWindowContext": {
            id: string;
            /** @description When the referral was rejected */
            rejected_at: string;
            /** @description Until when it could have been reopened */
            window_closed_at: string;
        };
        "aws.GatewayMessage": {
            message: string;
        };
        "referrals.adminReferralAttributionRecordDoc": {
            /**
             * @description Referral attribution id
             * @example attr-1
             */
            id: string;
            /**
             * @example rewarded
             * @enum {string}
             */
            status: "attributed" | "qualified" | "review_required" | "rewarded" | "expired" | "capped" | "failed" | "rejected";
            /** @example refclk_abc123 */
            click_id?: string;
            /**
             * @description The referral code that attributed the sign-up
             * @example A1B2C3D4E5F6
             */
            code?: string;
            /** @description When the attribution was made (ISO 8601) */
            created_at?: string;
            /**
             * @description The last processing error, if any
             * @example temporary billing write failure
             */
            error?: string;
            /** @description When the attribution expires unless it qualifies (ISO 8601) */
            expires_at?: string;
            /** @example in_123 */
            first_paid_invoice_id?: string;
            /** @description When the referral last entered review_required, to the second; kept after it leaves review (ISO 8601) */
            held_at?: string;
            /** @example /pricing */
            landing_path?: string;
            /** @description When the referred account qualified (ISO 8601) */
            qualified_at?: string;
            /** @example user-referred */
            referred_user_id?: string;
            /** @example user-referrer */
            referrer_user_id?: string;
            /**
             * @description Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject
             * @example same_stripe_customer
             */
            review_reason?: string;
            /** @description When an admin reviewed it (ISO 8601) */
            reviewed_at?: string;
            /**
             * @description The admin user id (or console subject) who reviewed it
             * @example admin-user
             */
            reviewed_by?: string;
            /** @description When the rewards were granted (ISO 8601) */
            rewarded_at?: string;
            /**
             * @example [
             *       "same_stripe_customer"
             *     ]
             */
            risk_flags?: string[];
            /** @example capped */
            skip_reason?: string;
            /** @example evt_123 */
            stripe_event_id?: string;
            /** @example in_123 */
            stripe_invoice_id?: string;
            /** @example spring-launch */
            utm_campaign?: string;
            utm_medium?: string;
            /** @example newsletter */
            utm_source?: string;
            claim?: {
                /** @description Who holds it: the user id a decision records as reviewed_by */
                by: string;
                /**
                 * Format: date-time
                 * @description When the lease ends (ISO 8601), by the server clock
                 */
                until: string;
            } | null;
        };
        "referrals.adminReferralRewardRecordDoc": {
            /** @example reward-1 */
            id: string;
            /**
             * @description Referral attribution id
             * @example attr-1
             */
            attribution_id: string;
            /** @description When the reward was created (ISO 8601) */
            created_at?: string;
            /** @example 10000 */
            credits?: number;
            /** @example temporary billing write failure */
            credits_grant_error?: string;
            /** @example reward-1 */
            credits_grant_key?: string;
            /** @description When the credits were granted (ISO 8601) */
            credits_granted_at?: string;
            /**
             * @example referrer
             * @enum {string}
             */
            role?: "referrer" | "referred";
            /** @example in_123 */
            stripe_invoice_id?: string;
            /** @example user-referrer */
            user_id?: string;
        };
        "referrals.adminReferralActivityRecordDoc": {
            /** @enum {string} */
            action: "reject" | "approve" | "reopen" | "claim_released";
            /** @enum {string} */
            previous_status: "attributed" | "qualified" | "review_required" | "rewarded" | "expired" | "capped" | "failed" | "rejected";
            previous_review_reason?: string;
            reason?: string;
            reason_code?: string;
            actor: string;
            /** @enum {string} */
            auth_method: "api_key" | "jwt";
            subject_id: string;
            request_id: string;
            /** Format: date-time */
            at: string;
            attribution: {
                /**
                 * @description Referral attribution id
                 * @example attr-1
                 */
                id: string;
                /**
                 * @example rewarded
                 * @enum {string}
                 */
                status: "attributed" | "qualified" | "review_required" | "rewarded" | "expired" | "capped" | "failed" | "rejected";
                /** @example refclk_abc123 */
                click_id?: string;
                /**
                 * @description The referral code that attributed the sign-up
                 * @example A1B2C3D4E5F6
                 */
                code?: string;
                /** @description When the attribution was made (ISO 8601) */
                created_at?: string;
                /**
                 * @description The last processing error, if any
                 * @example temporary billing write failure
                 */
                error?: string;
                /** @description When the attribution expires unless it qualifies (ISO 8601) */
                expires_at?: string;
                /** @example in_123 */
                first_paid_invoice_id?: string;
                /** @description When the referral last entered review_required, to the second; kept after it leaves review (ISO 8601) */
                held_at?: string;
                /** @example /pricing */
                landing_path?: string;
                /** @description When the referred account qualified (ISO 8601) */
                qualified_at?: string;
                /** @example user-referred */
                referred_user_id?: string;
                /** @example user-referrer */
                referrer_user_id?: string;
                /**
                 * @description Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject
                 * @example same_stripe_customer
                 */
                review_reason?: string;
                /** @description When an admin reviewed it (ISO 8601) */
                reviewed_at?: string;
                /**
                 * @description The admin user id (or console subject) who reviewed it
                 * @example admin-user
                 */
                reviewed_by?: string;
                /** @description When the rewards were granted (ISO 8601) */
                rewarded_at?: string;
                /**
                 * @example [
                 *       "same_stripe_customer"
                 *     ]
                 */
                risk_flags?: string[];
                /** @example capped */
                skip_reason?: string;
                /** @example evt_123 */
                stripe_event_id?: string;
                /** @example in_123 */
                stripe_invoice_id?: string;
                /** @example spring-launch */
                utm_campaign?: string;
                utm_medium?: string;
                /** @example newsletter */
                utm_source?: string;
                claim?: {
                    /** @description Who holds it: the user id a decision records as reviewed_by */
                    by: string;
                    /**
                     * Format: date-time
                     * @description When the lease ends (ISO 8601), by the server clock
                     */
                    until: string;
                } | null;
            };
            undoes?: string;
            /** @description The reviewer holding the referral and until when; null when nobody does */
            released_claim?: {
                /** @description Who holds it: the user id a decision records as reviewed_by */
                by: string;
                /**
                 * Format: date-time
                 * @description When the lease ends (ISO 8601), by the server clock
                 */
                until: string;
            };
        };
        "referrals.adminReferralListResponseDoc": {
            /** @description Oldest first by created_at, then id */
            attributions: {
                /**
                 * @description Referral attribution id
                 * @example attr-1
                 */
                id: string;
                /**
                 * @example rewarded
                 * @enum {string}
                 */
                status: "attributed" | "qualified" | "review_required" | "rewarded" | "expired" | "capped" | "failed" | "rejected";
                /** @example refclk_abc123 */
                click_id?: string;
                /**
                 * @description The referral code that attributed the sign-up
                 * @example A1B2C3D4E5F6
                 */
                code?: string;
                /** @description When the attribution was made (ISO 8601) */
                created_at?: string;
                /**
                 * @description The last processing error, if any
                 * @example temporary billing write failure
                 */
                error?: string;
                /** @description When the attribution expires unless it qualifies (ISO 8601) */
                expires_at?: string;
                /** @example in_123 */
                first_paid_invoice_id?: string;
                /** @description When the referral last entered review_required, to the second; kept after it leaves review (ISO 8601) */
                held_at?: string;
                /** @example /pricing */
                landing_path?: string;
                /** @description When the referred account qualified (ISO 8601) */
                qualified_at?: string;
                /** @example user-referred */
                referred_user_id?: string;
                /** @example user-referrer */
                referrer_user_id?: string;
                /**
                 * @description Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject
                 * @example same_stripe_customer
                 */
                review_reason?: string;
                /** @description When an admin reviewed it (ISO 8601) */
                reviewed_at?: string;
                /**
                 * @description The admin user id (or console subject) who reviewed it
                 * @example admin-user
                 */
                reviewed_by?: string;
                /** @description When the rewards were granted (ISO 8601) */
                rewarded_at?: string;
                /**
                 * @example [
                 *       "same_stripe_customer"
                 *     ]
                 */
                risk_flags?: string[];
                /** @example capped */
                skip_reason?: string;
                /** @example evt_123 */
                stripe_event_id?: string;
                /** @example in_123 */
                stripe_invoice_id?: string;
                /** @example spring-launch */
                utm_campaign?: string;
                utm_medium?: string;
                /** @example newsletter */
                utm_source?: string;
                claim?: {
                    /** @description Who holds it: the user id a decision records as reviewed_by */
                    by: string;
                    /**
                     * Format: date-time
                     * @description When the lease ends (ISO 8601), by the server clock
                     */
                    until: string;
                } | null;
                /**
                 * @description Seconds since held_at at the time of the answer, while in review_required with a held_at
                 * @example 3600
                 */
                age_seconds?: number;
            }[];
            /** @description Pass as cursor for the next page; null on the last page */
            next_cursor: string | null;
        };
        "referrals.adminReferralDetailResponseDoc": {
            attribution: {
                /**
                 * @description Referral attribution id
                 * @example attr-1
                 */
                id: string;
                /**
                 * @example rewarded
                 * @enum {string}
                 */
                status: "attributed" | "qualified" | "review_required" | "rewarded" | "expired" | "capped" | "failed" | "rejected";
                /** @example refclk_abc123 */
                click_id?: string;
                /**
                 * @description The referral code that attributed the sign-up
                 * @example A1B2C3D4E5F6
                 */
                code?: string;
                /** @description When the attribution was made (ISO 8601) */
                created_at?: string;
                /**
                 * @description The last processing error, if any
                 * @example temporary billing write failure
                 */
                error?: string;
                /** @description When the attribution expires unless it qualifies (ISO 8601) */
                expires_at?: string;
                /** @example in_123 */
                first_paid_invoice_id?: string;
                /** @description When the referral last entered review_required, to the second; kept after it leaves review (ISO 8601) */
                held_at?: string;
                /** @example /pricing */
                landing_path?: string;
                /** @description When the referred account qualified (ISO 8601) */
                qualified_at?: string;
                /** @example user-referred */
                referred_user_id?: string;
                /** @example user-referrer */
                referrer_user_id?: string;
                /**
                 * @description Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject
                 * @example same_stripe_customer
                 */
                review_reason?: string;
                /** @description When an admin reviewed it (ISO 8601) */
                reviewed_at?: string;
                /**
                 * @description The admin user id (or console subject) who reviewed it
                 * @example admin-user
                 */
                reviewed_by?: string;
                /** @description When the rewards were granted (ISO 8601) */
                rewarded_at?: string;
                /**
                 * @example [
                 *       "same_stripe_customer"
                 *     ]
                 */
                risk_flags?: string[];
                /** @example capped */
                skip_reason?: string;
                /** @example evt_123 */
                stripe_event_id?: string;
                /** @example in_123 */
                stripe_invoice_id?: string;
                /** @example spring-launch */
                utm_campaign?: string;
                utm_medium?: string;
                /** @example newsletter */
                utm_source?: string;
                claim?: {
                    /** @description Who holds it: the user id a decision records as reviewed_by */
                    by: string;
                    /**
                     * Format: date-time
                     * @description When the lease ends (ISO 8601), by the server clock
                     */
                    until: string;
                } | null;
                /**
                 * @description Seconds since held_at at the time of the answer, while in review_required with a held_at
                 * @example 3600
                 */
                age_seconds?: number;
            };
            rewards: components["schemas"]["referrals.adminReferralRewardRecordDoc"][];
            /** @description The audit trail, newest first */
            activity: components["schemas"]["referrals.adminReferralActivityRecordDoc"][];
            /** @description The reviewers' notes, oldest first: every one, none edited or deleted */
            notes: components["schemas"]["referrals.adminReferralNoteResponseDoc"][];
        };
        "referrals.adminReferralRejectRequestDoc": {
            /**
             * @description Why the admin rejects the referral: 1-500 characters (Unicode code points) once white space and invisible characters (zero-width spaces and joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are refused with 400
             * @example same billing account
             */
            reason?: string;
            /**
             * @description One of self_referral, duplicate_account, payment_fraud, bot_traffic, policy_violation, other: kept in the audit trail and carried in the event
             * @example self_referral
             * @enum {string}
             */
            reason_code?: "self_referral" | "duplicate_account" | "payment_fraud" | "bot_traffic" | "policy_violation" | "other";
        };
        "referrals.adminReferralReviewResponseDoc": {
            attribution: {
                /**
                 * @description Referral attribution id
                 * @example attr-1
                 */
                id: string;
                /**
                 * @description Always rejected: the change this request made, or replayed
                 * @constant
                 */
                status: "rejected";
                /** @example refclk_abc123 */
                click_id?: string;
                /**
                 * @description The referral code that attributed the sign-up
                 * @example A1B2C3D4E5F6
                 */
                code?: string;
                /** @description When the attribution was made (ISO 8601) */
                created_at?: string;
                /**
                 * @description The last processing error, if any
                 * @example temporary billing write failure
                 */
                error?: string;
                /** @description When the attribution expires unless it qualifies (ISO 8601) */
                expires_at?: string;
                /** @example in_123 */
                first_paid_invoice_id?: string;
                /** @description When the referral last entered review_required, to the second; kept after it leaves review (ISO 8601) */
                held_at?: string;
                /** @example /pricing */
                landing_path?: string;
                /** @description When the referred account qualified (ISO 8601) */
                qualified_at?: string;
                /** @example user-referred */
                referred_user_id?: string;
                /** @example user-referrer */
                referrer_user_id?: string;
                /**
                 * @description Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject
                 * @example same_stripe_customer
                 */
                review_reason?: string;
                /** @description When an admin reviewed it (ISO 8601) */
                reviewed_at?: string;
                /**
                 * @description The admin user id (or console subject) who reviewed it
                 * @example admin-user
                 */
                reviewed_by?: string;
                /** @description When the rewards were granted (ISO 8601) */
                rewarded_at?: string;
                /**
                 * @example [
                 *       "same_stripe_customer"
                 *     ]
                 */
                risk_flags?: string[];
                /** @example capped */
                skip_reason?: string;
                /** @example evt_123 */
                stripe_event_id?: string;
                /** @example in_123 */
                stripe_invoice_id?: string;
                /** @example spring-launch */
                utm_campaign?: string;
                utm_medium?: string;
                /** @example newsletter */
                utm_source?: string;
                claim?: {
                    /** @description Who holds it: the user id a decision records as reviewed_by */
                    by: string;
                    /**
                     * Format: date-time
                     * @description When the lease ends (ISO 8601), by the server clock
                     */
                    until: string;
                } | null;
            };
            /** @description The attribution's rewards, as stored; a decision grants none */
            rewards: components["schemas"]["referrals.adminReferralRewardRecordDoc"][];
        };
        "referrals.adminReferralApproveRequestDoc": {
            /**
             * @description Why the admin rejects the referral: 1-500 characters (Unicode code points) once white space and invisible characters (zero-width spaces and joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are refused with 400
             * @example same billing account
             */
            reason?: string;
            /**
             * @description One of verified_legitimate, false_positive, other: kept in the audit trail and carried in the event
             * @example verified_legitimate
             * @enum {string}
             */
            reason_code?: "verified_legitimate" | "false_positive" | "other";
        };
        "referrals.adminReferralApproveResponseDoc": {
            attribution: {
                /**
                 * @description Referral attribution id
                 * @example attr-1
                 */
                id: string;
                /**
                 * @description Always qualified: the change this request made, or replayed
                 * @constant
                 */
                status: "qualified";
                /** @example refclk_abc123 */
                click_id?: string;
                /**
                 * @description The referral code that attributed the sign-up
                 * @example A1B2C3D4E5F6
                 */
                code?: string;
                /** @description When the attribution was made (ISO 8601) */
                created_at?: string;
                /**
                 * @description The last processing error, if any
                 * @example temporary billing write failure
                 */
                error?: string;
                /** @description When the attribution expires unless it qualifies (ISO 8601) */
                expires_at?: string;
                /** @example in_123 */
                first_paid_invoice_id?: string;
                /** @description When the referral last entered review_required, to the second; kept after it leaves review (ISO 8601) */
                held_at?: string;
                /** @example /pricing */
                landing_path?: string;
                /** @description When the referred account qualified (ISO 8601) */
                qualified_at?: string;
                /** @example user-referred */
                referred_user_id?: string;
                /** @example user-referrer */
                referrer_user_id?: string;
                /**
                 * @description Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject
                 * @example same_stripe_customer
                 */
                review_reason?: string;
                /** @description When an admin reviewed it (ISO 8601) */
                reviewed_at?: string;
                /**
                 * @description The admin user id (or console subject) who reviewed it
                 * @example admin-user
                 */
                reviewed_by?: string;
                /** @description When the rewards were granted (ISO 8601) */
                rewarded_at?: string;
                /**
                 * @example [
                 *       "same_stripe_customer"
                 *     ]
                 */
                risk_flags?: string[];
                /** @example capped */
                skip_reason?: string;
                /** @example evt_123 */
                stripe_event_id?: string;
                /** @example in_123 */
                stripe_invoice_id?: string;
                /** @example spring-launch */
                utm_campaign?: string;
                utm_medium?: string;
                /** @example newsletter */
                utm_source?: string;
                claim?: {
                    /** @description Who holds it: the user id a decision records as reviewed_by */
                    by: string;
                    /**
                     * Format: date-time
                     * @description When the lease ends (ISO 8601), by the server clock
                     */
                    until: string;
                } | null;
            };
            /** @description The attribution's rewards, as stored; a decision grants none */
            rewards: components["schemas"]["referrals.adminReferralRewardRecordDoc"][];
        };
        "referrals.adminReferralBulkRejectRequestDoc": {
            /**
             * @description 1-100 unique attribution ids; each is decided on its own
             * @example [
             *       "attr-1",
             *       "attr-2"
             *     ]
             */
            ids: string[];
            /**
             * @description Why the admin rejects the referral: 1-500 characters (Unicode code points) once white space and invisible characters (zero-width spaces and joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are refused with 400
             * @example same billing account
             */
            reason?: string;
            /**
             * @description One of self_referral, duplicate_account, payment_fraud, bot_traffic, policy_violation, other: kept in the audit trail and carried in the event
             * @example self_referral
             * @enum {string}
             */
            reason_code?: "self_referral" | "duplicate_account" | "payment_fraud" | "bot_traffic" | "policy_violation" | "other";
        };
        "referrals.adminReferralBulkRejectResponseDoc": {
            /** @description One per id, in the request's order */
            results: ({
                id: string;
                /** @constant */
                outcome: "rejected";
                attribution: components["schemas"]["referrals.adminReferralAttributionRecordDoc"];
            } | {
                id: string;
                /** @constant */
                outcome: "not_found";
                error: {
                    /** @constant */
                    type: "not_found";
                };
            } | {
                id: string;
                /** @constant */
                outcome: "conflict";
                error: {
                    /** @constant */
                    type: "conflict";
                    context: {
                        status: string;
                    };
                };
            } | {
                id: string;
                /** @constant */
                outcome: "claimed";
                error: {
                    /** @constant */
                    type: "claimed";
                    context: {
                        claimed_by: string;
                        claimed_until: string;
                    };
                };
            } | {
                id: string;
                /** @constant */
                outcome: "failed";
                error: {
                    /** @enum {string} */
                    type: "invalid_request" | "unauthorized" | "forbidden" | "access_denied" | "insufficient_permissions" | "request_blocked" | "not_found" | "route_not_found" | "conflict" | "claimed" | "reopen_window_closed" | "request_in_progress" | "unsupported_media_type" | "concurrent_update" | "idempotency_key_reused" | "rate_limited" | "daily_cap_reached" | "credits_exhausted" | "internal" | "dependency_unavailable" | "upstream_failure" | "gateway_timeout";
                    /** @constant */
                    retryable: true;
                };
            } | {
                id: string;
                /** @constant */
                outcome: "unknown";
                error: {
                    /** @constant */
                    type: "dependency_unavailable";
                    /** @constant */
                    retryable: true;
                };
            })[];
            counts: {
                /** @description Rejected (and charged, 1 credit each) */
                rejected: number;
                /** @description No such referral */
                not_found: number;
                /** @description Not held for review */
                conflict: number;
                /** @description Held by another reviewer */
                claimed: number;
                /** @description Surely not rejected: a write failed or was not started in time (retryable) */
                failed: number;
                /** @description Their write went unanswered: maybe rejected and charged (retryable, safe to resend) */
                unknown: number;
            };
            /** @description Referrals rejected (and charged, 1 credit each): counts.rejected */
            rejected: number;
            /**
             * @deprecated
             * @description Deprecated, kept for existing clients: every id not rejected, whatever its outcome. Read counts instead.
             */
            failed: number;
        };
        "referrals.adminReferralBulkApproveRequestDoc": {
            /**
             * @description 1-100 unique attribution ids; each is decided on its own
             * @example [
             *       "attr-1",
             *       "attr-2"
             *     ]
             */
            ids: string[];
            /**
             * @description Why the admin rejects the referral: 1-500 characters (Unicode code points) once white space and invisible characters (zero-width spaces and joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are refused with 400
             * @example same billing account
             */
            reason?: string;
            /**
             * @description One of verified_legitimate, false_positive, other: kept in the audit trail and carried in the event
             * @example verified_legitimate
             * @enum {string}
             */
            reason_code?: "verified_legitimate" | "false_positive" | "other";
        };
        "referrals.adminReferralBulkApproveResponseDoc": {
            /** @description One per id, in the request's order */
            results: ({
                id: string;
                /** @constant */
                outcome: "approved";
                attribution: components["schemas"]["referrals.adminReferralAttributionRecordDoc"];
            } | {
                id: string;
                /** @constant */
                outcome: "not_found";
                error: {
                    /** @constant */
                    type: "not_found";
                };
            } | {
                id: string;
                /** @constant */
                outcome: "conflict";
                error: {
                    /** @constant */
                    type: "conflict";
                    context: {
                        status: string;
                    };
                };
            } | {
                id: string;
                /** @constant */
                outcome: "claimed";
                error: {
                    /** @constant */
                    type: "claimed";
                    context: {
                        claimed_by: string;
                        claimed_until: string;
                    };
                };
            } | {
                id: string;
                /** @constant */
                outcome: "failed";
                error: {
                    /** @enum {string} */
                    type: "invalid_request" | "unauthorized" | "forbidden" | "access_denied" | "insufficient_permissions" | "request_blocked" | "not_found" | "route_not_found" | "conflict" | "claimed" | "reopen_window_closed" | "request_in_progress" | "unsupported_media_type" | "concurrent_update" | "idempotency_key_reused" | "rate_limited" | "daily_cap_reached" | "credits_exhausted" | "internal" | "dependency_unavailable" | "upstream_failure" | "gateway_timeout";
                    /** @constant */
                    retryable: true;
                };
            } | {
                id: string;
                /** @constant */
                outcome: "unknown";
                error: {
                    /** @constant */
                    type: "dependency_unavailable";
                    /** @constant */
                    retryable: true;
                };
            })[];
            counts: {
                /** @description Approved (and charged, 1 credit each) */
                approved: number;
                /** @description No such referral */
                not_found: number;
                /** @description Not held for review */
                conflict: number;
                /** @description Held by another reviewer */
                claimed: number;
                /** @description Surely not approved: a write failed or was not started in time (retryable) */
                failed: number;
                /** @description Their write went unanswered: maybe approved and charged (retryable, safe to resend) */
                unknown: number;
            };
        };
        "referrals.adminReferralClaimRequestDoc": {
            /**
             * @description 60-3600 seconds, 900 by default
             * @example 900
             */
            lease_seconds?: number;
        };
        "referrals.adminReferralClaimResponseDoc": {
            attribution: components["schemas"]["referrals.adminReferralAttributionRecordDoc"];
            /** @description The attribution's rewards, as stored; a decision grants none */
            rewards: components["schemas"]["referrals.adminReferralRewardRecordDoc"][];
            claim: {
                /** @description Who holds it: the user id a decision records as reviewed_by */
                by: string;
                /**
                 * Format: date-time
                 * @description When the lease ends (ISO 8601), by the server clock
                 */
                until: string;
            } | null;
        };
        "referrals.adminReferralReleaseResponseDoc": {
            attribution: components["schemas"]["referrals.adminReferralAttributionRecordDoc"];
            /** @description The attribution's rewards, as stored; a decision grants none */
            rewards: components["schemas"]["referrals.adminReferralRewardRecordDoc"][];
            claim: {
                /** @description Who holds it: the user id a decision records as reviewed_by */
                by: string;
                /**
                 * Format: date-time
                 * @description When the lease ends (ISO 8601), by the server clock
                 */
                until: string;
            } | null;
        };
        "referrals.adminReferralClaimNextRequestDoc": {
            /**
             * @description How many to claim: 1-25; fewer come back when fewer are free
             * @example 10
             */
            count: number;
            /**
             * @description 60-3600 seconds, 900 by default
             * @example 900
             */
            lease_seconds?: number;
            /** @description Only this referrer's referrals */
            referrer_user_id?: string;
        };
        "referrals.adminReferralClaimNextResponseDoc": {
            /** @description Oldest first, each with its claim */
            items: components["schemas"]["referrals.adminReferralAttributionRecordDoc"][];
        };
        "referrals.adminReferralNoteRequestDoc": {
            /** @description The note: 1-2000 characters (Unicode code points) once white space and invisible characters (zero-width spaces and joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are refused with 400 */
            text: string;
        };
        "referrals.adminReferralNoteResponseDoc": {
            /** @description The note, named by the server */
            note_id: string;
            /** @description Who wrote it: the user id a decision records as reviewed_by */
            by: string;
            /**
             * Format: date-time
             * @description When it was written (ISO 8601), by the server
             */
            at: string;
            text: string;
        };
        "referrals.adminReferralReopenRequestDoc": {
            /**
             * @description Why the admin rejects the referral: 1-500 characters (Unicode code points) once white space and invisible characters (zero-width spaces and joiners, BOM) are trimmed from both ends; control characters (U+0000-U+001F, U+007F-U+009F, including tab and line breaks), bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates are refused with 400
             * @example same billing account
             */
            reason: string;
            /**
             * @description One of rejected_in_error, new_evidence, other: kept in the audit trail and carried in the event
             * @example rejected_in_error
             * @enum {string}
             */
            reason_code?: "rejected_in_error" | "new_evidence" | "other";
        };
        "referrals.adminReferralReopenResponseDoc": {
            attribution: components["schemas"]["referrals.adminReferralAttributionRecordDoc"];
            /** @description The attribution's rewards, as stored; a decision grants none */
            rewards: components["schemas"]["referrals.adminReferralRewardRecordDoc"][];
        };
    };
    responses: {
        /** @description Any path or method this API does not serve (API Gateway: MISSING_AUTHENTICATION_TOKEN) */
        RouteNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["app.ErrorResponse"] & {
                    /** @constant */
                    code?: 404;
                    error?: {
                        /** @constant */
                        type?: "route_not_found";
                    };
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listReferrals: {
        parameters: {
            query?: {
                status?: "review_required" | "rejected";
                referrer_user_id?: string;
                claimed?: "mine" | "others" | "none";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the queue */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralListResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Route not found
             *
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The account or referral is being updated by another request
             *
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    getReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The referral */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralDetailResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The account or referral is being updated by another request
             *
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    rejectReferral: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralRejectRequestDoc"];
            };
        };
        responses: {
            /** @description The referral, rejected, with its rewards (none granted) */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralReviewResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution is not awaiting review
             *
             *     - `conflict`: Referral attribution is not awaiting review
             *     - `claimed`: Another reviewer holds a claim on this referral
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "conflict";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "claimed";
                            retryable: boolean;
                            context?: components["schemas"]["app.ClaimedContext"];
                        } | {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    approveReferral: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralApproveRequestDoc"];
            };
        };
        responses: {
            /** @description The referral, qualified, with its rewards (none granted by the approval itself) */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralApproveResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution is not awaiting review
             *
             *     - `conflict`: Referral attribution is not awaiting review
             *     - `claimed`: Another reviewer holds a claim on this referral
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "conflict";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "claimed";
                            retryable: boolean;
                            context?: components["schemas"]["app.ClaimedContext"];
                        } | {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    bulkRejectReferrals: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralBulkRejectRequestDoc"];
            };
        };
        responses: {
            /** @description The outcome of every id */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralBulkRejectResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Route not found
             *
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description A request with this idempotency key is in progress
             *
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    bulkApproveReferrals: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralBulkApproveRequestDoc"];
            };
        };
        responses: {
            /** @description The outcome of every id */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralBulkApproveResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Route not found
             *
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description A request with this idempotency key is in progress
             *
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    claimReferral: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralClaimRequestDoc"];
            };
        };
        responses: {
            /** @description The referral, claimed by the caller */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralClaimResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution is not awaiting review
             *
             *     - `conflict`: Referral attribution is not awaiting review
             *     - `claimed`: Another reviewer holds a claim on this referral
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "conflict";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "claimed";
                            retryable: boolean;
                            context?: components["schemas"]["app.ClaimedContext"];
                        } | {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    releaseClaim: {
        parameters: {
            query?: {
                force?: "true" | "false";
            };
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The referral, held by nobody */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralReleaseResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution is not awaiting review
             *
             *     - `conflict`: Referral attribution is not awaiting review
             *     - `claimed`: Another reviewer holds a claim on this referral
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "conflict";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "claimed";
                            retryable: boolean;
                            context?: components["schemas"]["app.ClaimedContext"];
                        } | {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    claimNextReferrals: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralClaimNextRequestDoc"];
            };
        };
        responses: {
            /** @description The referrals now held by the caller */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralClaimNextResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Route not found
             *
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The account or referral is being updated by another request
             *
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    addReferralNote: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralNoteRequestDoc"];
            };
        };
        responses: {
            /** @description The note, as stored */
            201: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 201;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralNoteResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description A request with this idempotency key is in progress
             *
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
    reopenReferral: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["referrals.adminReferralReopenRequestDoc"];
            };
        };
        responses: {
            /** @description The referral, held for review again */
            200: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    /**
                     * @description Present on a replay of the first success made with the same Idempotency-Key
                     * @example true
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.Response"] & {
                        /** @constant */
                        code?: 200;
                        /** @constant */
                        msg?: "ok";
                        data: components["schemas"]["referrals.adminReferralReopenResponseDoc"];
                    };
                };
            };
            /**
             * @description Invalid input or missing required parameter
             *
             *     - `invalid_request`: Invalid input or missing required parameter
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_PARAMETERS)
             *     - `invalid_request`: Invalid input or missing required parameter (API Gateway: BAD_REQUEST_BODY)
             */
            400: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 400;
                        error?: {
                            /** @constant */
                            type: "invalid_request";
                            retryable: boolean;
                            context?: components["schemas"]["app.ValidationContext"];
                        };
                    };
                };
            };
            /**
             * @description Authentication required
             *
             *     - `unauthorized`: Authentication required
             *     - `unauthorized`: Authentication required (API Gateway: UNAUTHORIZED)
             */
            401: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 401;
                        error?: {
                            /** @constant */
                            type: "unauthorized";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description This credential lacks the permission this route requires
             *
             *     - `insufficient_permissions`: This credential lacks the permission this route requires
             *     - `forbidden`: Not an admin credential: an admin API key or a console token with role admin is required (API Gateway: ACCESS_DENIED)
             *     - `access_denied`: Access denied (API Gateway: EXPIRED_TOKEN)
             *     - `access_denied`: Access denied (API Gateway: INVALID_SIGNATURE)
             *     - `access_denied`: Access denied (API Gateway: INVALID_API_KEY)
             *     - `request_blocked`: Request blocked by the firewall: bodies over 16 KB are refused (API Gateway: WAF_FILTERED)
             */
            403: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 403;
                        error?: {
                            /** @constant */
                            type: "insufficient_permissions";
                            retryable: boolean;
                            context?: components["schemas"]["app.PermissionContext"];
                        } | {
                            /** @constant */
                            type: "forbidden";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "access_denied";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "request_blocked";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution not found
             *
             *     - `not_found`: Referral attribution not found
             *     - `route_not_found`: Route not found (API Gateway: MISSING_AUTHENTICATION_TOKEN)
             *     - `route_not_found`: Route not found (API Gateway: RESOURCE_NOT_FOUND)
             */
            404: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 404;
                        error?: {
                            /** @constant */
                            type: "not_found";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "route_not_found";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Referral attribution is not awaiting review
             *
             *     - `conflict`: Referral attribution is not awaiting review
             *     - `reopen_window_closed`: The referral was rejected too long ago to be reopened
             *     - `request_in_progress`, retryable: A request with this idempotency key is in progress
             *     - `concurrent_update`, retryable: The account or referral is being updated by another request
             */
            409: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 409;
                        error?: {
                            /** @constant */
                            type: "conflict";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "reopen_window_closed";
                            retryable: boolean;
                            context?: components["schemas"]["app.ReopenWindowContext"];
                        } | {
                            /** @constant */
                            type: "request_in_progress";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        } | {
                            /** @constant */
                            type: "concurrent_update";
                            retryable: boolean;
                            context?: components["schemas"]["app.ConflictContext"];
                        };
                    };
                };
            };
            /** @description Request Too Long: a payload over 10 MB, refused by API Gateway in plain text before anything runs; or a Lambda invocation over 6 MB, which a body of about 4.4 MB reaches since every body arrives base64-encoded ({"message"}), though the web ACL refuses any body over 16 KB first (403). AWS does not let this Gateway Response be customized, so it keeps its default body */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                    "text/plain": string;
                };
            };
            /** @description Request URI too long: the URL is over 10,240 characters, or the method ARN with its path parameters over 1,600 bytes */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Unsupported media type
             *
             *     - `unsupported_media_type`: Unsupported media type (API Gateway: UNSUPPORTED_MEDIA_TYPE)
             */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 415;
                        error?: {
                            /** @constant */
                            type: "unsupported_media_type";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Idempotency key was used with a different request
             *
             *     - `idempotency_key_reused`: Idempotency key was used with a different request
             */
            422: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id": string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy": string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit": string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining": string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 422;
                        error?: {
                            /** @constant */
                            type: "idempotency_key_reused";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Plan rate limit exceeded
             *
             *     - `rate_limited`, retryable: Plan rate limit exceeded
             *     - `daily_cap_reached`, retryable: Plan daily credit cap reached
             *     - `credits_exhausted`, retryable: Plan included credits exhausted
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: THROTTLED)
             *     - `rate_limited`, retryable: Plan rate limit exceeded (API Gateway: QUOTA_EXCEEDED)
             */
            429: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    /**
                     * @description Seconds until the limit that was hit resets
                     * @example 42
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 429;
                        error?: {
                            /** @constant */
                            type: "rate_limited";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "daily_cap_reached";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        } | {
                            /** @constant */
                            type: "credits_exhausted";
                            retryable: boolean;
                            context?: components["schemas"]["app.LimitContext"];
                        };
                    };
                };
            };
            /** @description The headers' combined size is over 10,240 bytes (the quota is documented; the status API Gateway answers with is not) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["aws.GatewayMessage"];
                };
            };
            /**
             * @description Internal server error
             *
             *     - `internal`: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_FAILURE)
             *     - `dependency_unavailable`, retryable: Internal server error (API Gateway: AUTHORIZER_CONFIGURATION_ERROR)
             *     - `internal`: Internal server error (API Gateway: API_CONFIGURATION_ERROR)
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX; its body says code 502)
             */
            500: {
                headers: {
                    /**
                     * @description The id API Gateway generated for the request, as the envelope's request_id; on every response of the function; absent when API Gateway answers itself
                     * @example c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e
                     */
                    "x-request-id"?: string;
                    /**
                     * @description The per-minute quota (IETF httpapi ratelimit-headers)
                     * @example "per-minute";q=120;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Requests remaining and seconds until the window resets
                     * @example "per-minute";r=117;t=42
                     */
                    RateLimit?: string;
                    /**
                     * @description Requests per minute
                     * @example 120
                     */
                    "X-RateLimit-Limit"?: string;
                    /**
                     * @description Requests left in this minute
                     * @example 117
                     */
                    "X-RateLimit-Remaining"?: string;
                    /**
                     * @description Unix time (seconds) when the window resets
                     * @example 1795615740
                     */
                    "X-RateLimit-Reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @enum {unknown} */
                        code?: 500 | 502;
                        error?: {
                            /** @constant */
                            type: "internal";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "dependency_unavailable";
                            retryable: boolean;
                        } | {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description The request could not be completed
             *
             *     - `upstream_failure`, retryable: The request could not be completed (API Gateway: DEFAULT_5XX)
             */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 502;
                        error?: {
                            /** @constant */
                            type: "upstream_failure";
                            retryable: boolean;
                        };
                    };
                };
            };
            /**
             * @description Upstream timed out
             *
             *     - `gateway_timeout`, retryable: Upstream timed out (API Gateway: INTEGRATION_TIMEOUT)
             */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["app.ErrorResponse"] & {
                        /** @constant */
                        code?: 504;
                        error?: {
                            /** @constant */
                            type: "gateway_timeout";
                            retryable: boolean;
                        };
                    };
                };
            };
        };
    };
}
