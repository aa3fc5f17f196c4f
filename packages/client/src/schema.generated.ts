/**
 * Generated from docs/openapi.yaml by openapi-typescript: do not edit by hand.
 * Regenerate with `npm run generate -w @estore/client` (a unit test fails while this file and the spec differ).
 */

export interface paths {
    "/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register and sign in */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in by username or email */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear the cookies and revoke the refresh token when one is sent */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fresh access and id tokens from the RefreshToken cookie */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current user */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Without a body, email a 6-digit code; with {code}, verify the email */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/category": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Product categories */
        get: operations["listCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/country": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Countries delivered to */
        get: operations["listCountries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List, filter, sort and search products */
        get: operations["listProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/product": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a product (manager, admin) */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/product/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        /** One product */
        get: operations["getProduct"];
        /**
         * Update any of a product's fields, or adjust its stock (manager, admin)
         * @description With `If-Match`, the update is one conditional write on that version: a stale tag is 412 and
         *     is not retried. Without it, edits of other fields are retried on fresh data when a concurrent
         *     write wins the race; they never set stock, so they cannot undo a checkout's reservation.
         *     `stockAdjustment` and other fields in one request are applied in one transaction.
         */
        put: operations["updateProduct"];
        post?: never;
        /** Delete a product (manager, admin) */
        delete: operations["deleteProduct"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/product/{id}/image": {
        parameters: {
            query: {
                slot: components["parameters"]["slot"];
            };
            header?: never;
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A presigned POST for a direct browser upload (at most 5 MiB, exactly the declared type) */
        post: operations["createProductImageUpload"];
        /** Delete the image in a slot */
        delete: operations["deleteProductImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/{intent}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's cart (`cart`), or one of the caller's orders by order id or payment intent id
         * @description `cart` answers a Cart, priced now (one read of the cart, one batch read of its products).
         *     An order id (`o_` and 32 hex digits) or a payment intent id (`pi_...`, `pi_sim_...` locally)
         *     answers that Order. Someone else's order is a 404, exactly like a missing one.
         */
        get: operations["getCartOrOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/cart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a cart kept in the browser into the saved cart (a product in both keeps the larger count)
         * @description For the cart a visitor filled before signing in. Lines with count 0 and products that no longer
         *     exist are skipped; merging the same cart twice changes nothing more.
         */
        post: operations["mergeCart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set each line's count (0 removes it)
         * @description Lines not named in the request stay as they are. New lines go after the existing ones.
         */
        post: operations["setCartLines"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's orders, newest first, optionally of one status */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel one of the caller's orders before it ships
         * @description PENDING_PAYMENT or PAYMENT_FAILED -> CANCELED: the payment intent is canceled with the provider
         *     (best effort: a payment that still arrives is refunded) and the stock released. PAID -> CANCELED:
         *     the stock released and a refund of the whole amount created (shown in `refunds`, PENDING until
         *     the provider's webhook settles it). Someone else's order is a 404, exactly like a missing one.
         */
        post: operations["cancelOwnOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every customer's orders, newest first (order staff, admin)
         * @description Queries only, never a Scan: a page costs the same whatever the number of orders (see
         *     docs/data-model.md). `user` narrows the list to one customer's orders.
         */
        get: operations["listAllOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Any order, with its refunds and whole history (order staff, admin) */
        get: operations["getAnyOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/shipment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship a paid order with its tracking (order staff, admin)
         * @description PAID -> SHIPPED; the customer is emailed the carrier, tracking number and link.
         */
        post: operations["shipOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that a shipped order was delivered (order staff, admin)
         * @description SHIPPED -> DELIVERED. No body.
         */
        post: operations["deliverOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel any order before it ships, with a reason (order staff, admin)
         * @description As the customer's cancel (`POST /order/{orderId}/cancel`), for any customer's order; the reason is
         *     the history's note and the customer is emailed (with the amount refunded, if any).
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund part or all of a paid, shipped or delivered order (order staff, admin)
         * @description The refund is recorded first, within what the payment still leaves (concurrent requests included:
         *     the refunds that are not FAILED never pass the amount paid), then sent to the provider. Its outcome
         *     comes from the provider's webhook: SUCCEEDED adds to `refundedAmount` and emails the customer,
         *     FAILED frees the amount. Locally it stays PENDING until `npm run pay -- <refundId> succeeded|failed`.
         */
        post: operations["refundOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payment/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Place an order from the cart, reserve its stock atomically and create a payment intent
         * @description Prices the cart on the server, then in one transaction takes the stock of every line (at the
         *     price charged), writes the order (PENDING_PAYMENT, payable for 30 minutes by default) and
         *     deletes the cart; then asks the payment provider for an intent of exactly the order's amount.
         *     If the provider fails, the order is canceled, its stock released and the cart restored (unless
         *     a new one was started meanwhile) before the 502. Confirm the payment in the browser with `clientSecret` (Stripe.js); the order turns
         *     PAID when the provider's webhook says so, never because of this response.
         */
        post: operations["checkout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payment/hook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe webhook (public; the signature is verified against the raw body)
         * @description Called by Stripe (locally by `npm run pay`), not by a storefront. The signature is checked with
         *     the webhook signing secret and a 300-second tolerance before anything else. Each event id is
         *     handled once; an event is trusted only for the order its intent was created for and only for
         *     that order's exact amount and currency (a mismatch is logged as an error and acknowledged, and
         *     changes nothing). Other event types are acknowledged and ignored.
         */
        post: operations["paymentWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (admin) */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user-group/{groupname}": {
        parameters: {
            query: {
                username: string;
            };
            header?: never;
            path: {
                groupname: "admin_group" | "manage_product_group" | "manage_order_group";
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a user to a group (admin) */
        post: operations["addUserToGroup"];
        /** Remove a user from a group (admin) */
        delete: operations["removeUserFromGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                /** @example VALIDATION_FAILED */
                code: string;
                message: string;
                details: ({
                    field?: string;
                    message?: string;
                } & {
                    [key: string]: unknown;
                })[];
            };
        };
        User: {
            username: string;
            /**
             * Format: idn-email
             * @description an address; internationalized (non-ASCII) addresses are accepted
             */
            email: string;
            emailVerified: boolean;
            /** @enum {string} */
            gender: "male" | "female" | "other";
            groups: ("admin_group" | "manage_product_group" | "manage_order_group")[];
            admin: boolean;
            manageProducts: boolean;
        };
        Country: {
            /** @example US */
            code?: string;
            name?: string;
            emoji?: string;
        };
        /** @enum {string} */
        Category: "Grocery" | "Electronics" | "Health & Beauty" | "Automobile" | "Home & Kitchen" | "Phones & Tablets" | "Books" | "Gaming" | "Fashion" | "Sports & Outdoors";
        Product: {
            id: string;
            name: string;
            description?: string;
            category: components["schemas"]["Category"];
            /** @description minor units */
            price: number;
            /** @enum {string} */
            currency: "usd";
            /** @description quantity still available to buy */
            stock: number;
            images: {
                slot?: number;
                url?: string;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProductInput: {
            /** @description at most 49 distinct searchable word prefixes */
            name: string;
            description?: string;
            category: components["schemas"]["Category"];
            price: number;
            stock: number;
        };
        ProductPatch: {
            name?: string;
            description?: string;
            category?: components["schemas"]["Category"];
            price?: number;
            /** @description sets the stock outright; requires If-Match (428 without it) */
            stock?: number;
            /**
             * @description Added to `stock` atomically (negative removes units); needs no If-Match. Never takes stock
             *     below 0 (409 `INSUFFICIENT_STOCK`) or above 1000000000 (409 `STOCK_LIMIT_EXCEEDED`).
             *     Not together with `stock` (400).
             */
            stockAdjustment?: number;
        };
        ProductPage: {
            items?: components["schemas"]["Product"][];
            nextCursor?: string | null;
        };
        CartItemsInput: {
            /** @description each productId at most once */
            items: {
                /** @example seed-books-01 */
                productId: string;
                count: number;
            }[];
        };
        PricedLine: {
            productId: string;
            name: string;
            category: components["schemas"]["Category"];
            /** @description minor units, per unit */
            price: number;
            count: number;
            /** @description price x count, minor units */
            lineTotal: number;
        };
        CartItem: components["schemas"]["PricedLine"] & {
            /** @description presigned URL of the product's first image (1 hour), null when it has none */
            image: string | null;
        };
        /**
         * @description Priced on every read with the catalog's current prices; lines of products deleted since are
         *     left out. Without a saved cart (never filled, or emptied by a checkout) it is
         *     `{items: [], amount: 0, currency: usd, updatedAt: null}`.
         */
        Cart: {
            items: components["schemas"]["CartItem"][];
            /** @description sum of the line totals, minor units */
            amount: number;
            /** @enum {string} */
            currency: "usd";
            /**
             * Format: date-time
             * @description last change of the saved cart; null when none was ever saved
             */
            updatedAt: string | null;
        };
        /** @enum {string} */
        OrderStatus: "PENDING_PAYMENT" | "PAID" | "PAYMENT_FAILED" | "CANCELED" | "SHIPPED" | "DELIVERED";
        Location: {
            /** @description trimmed */
            address: string;
            /**
             * @description a code from GET /country
             * @example US
             */
            country: string;
        };
        /** @description the carrier and tracking of a shipped order; null until the order ships */
        Shipment: {
            /** @example UPS */
            carrier: string;
            /** @example 1Z999AA10123456784 */
            trackingNumber: string;
            /**
             * Format: uri
             * @example https://www.ups.com/track?tracknum=1Z999AA10123456784
             */
            trackingUrl: string | null;
            /** Format: date-time */
            shippedAt: string;
            /**
             * Format: date-time
             * @description null until staff record the delivery
             */
            deliveredAt: string | null;
        } | null;
        /**
         * @description Money given back from the order's payment. PENDING until the provider's webhook settles it (or the
         *     provider settles it at once); SUCCEEDED adds to the order's refundedAmount, FAILED frees its amount
         *     to be refunded again. Never changes the order's status.
         */
        Refund: {
            /** @example rf_0123456789abcdef0123456789abcdef_0a1b2c3d */
            refundId: string;
            /** @description minor units */
            amount: number;
            /** @example order canceled */
            reason: string;
            /** @enum {string} */
            status: "PENDING" | "SUCCEEDED" | "FAILED";
            /** @description the username who asked for it, or `system` (a payment that arrived after the cancel) */
            by: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        Order: {
            orderId: string;
            /** @description the username that placed it */
            user: string;
            status: components["schemas"]["OrderStatus"];
            /** @description priced at checkout; never repriced */
            items: components["schemas"]["PricedLine"][];
            /** @description minor units, the amount the payment intent asks */
            amount: number;
            /** @enum {string} */
            currency: "usd";
            location: components["schemas"]["Location"];
            /**
             * @description null until the provider created the intent
             * @example pi_sim_0123456789abcdef0123456789abcdef
             */
            paymentIntentId: string | null;
            shipment: components["schemas"]["Shipment"];
            /** @description oldest first */
            refunds: components["schemas"]["Refund"][];
            /** @description minor units, the sum of the SUCCEEDED refunds */
            refundedAmount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description every change, oldest first; a payment refunded after cancellation adds a CANCELED entry saying so */
            history: {
                status: components["schemas"]["OrderStatus"];
                /** Format: date-time */
                at: string;
                /** @example order placed */
                note: string;
                /**
                 * @description the username who acted, or `system` (the provider's webhook, the expiry sweep)
                 * @example system
                 */
                by: string;
            }[];
        };
        /**
         * @default all
         * @enum {string}
         */
        OrderStatusFilter: "all" | "pending" | "paid" | "failed" | "canceled" | "shipped" | "delivered";
        OrderPage: {
            items: components["schemas"]["Order"][];
            nextCursor: string | null;
        };
        CheckoutRequest: {
            location: components["schemas"]["Location"];
        };
        CheckoutResult: {
            orderId: string;
            /** @description `pi_...` (Stripe) or `pi_sim_...` (the local simulated provider) */
            paymentIntentId: string;
            /** @description for Stripe.js in the browser (confirm the payment); not a secret key */
            clientSecret: string;
            /** @description minor units, computed on the server from the prices at checkout */
            amount: number;
            /** @enum {string} */
            currency: "usd";
        };
        /**
         * @description A Stripe event as Stripe sends it, verified against the raw body. Only `payment_intent.succeeded`,
         *     `payment_intent.payment_failed` and `payment_intent.canceled` are acted on; `data.object` is then
         *     the payment intent, whose `metadata.orderId` names the order (absent: the order is found by intent id).
         */
        StripeEvent: {
            /**
             * @description the event id; each is handled once
             * @example evt_1Abc
             */
            id: string;
            /** @enum {string} */
            object?: "event";
            /** @example payment_intent.succeeded */
            type: string;
            /** @description Unix seconds */
            created?: number;
            data: {
                object: {
                    /** @example pi_3Abc */
                    id?: string;
                    /** @enum {string} */
                    object?: "payment_intent";
                    amount?: number;
                    amount_received?: number;
                    /** @example usd */
                    currency?: string;
                    status?: string;
                    metadata?: {
                        orderId?: string;
                        user?: string;
                    };
                };
            };
        } & {
            [key: string]: unknown;
        };
        AdminUser: {
            username?: string;
            email?: string | null;
            emailVerified?: boolean;
            gender?: string | null;
            /**
             * @description Cognito's UserStatus
             * @example CONFIRMED
             */
            status?: string;
            enabled?: boolean;
            groups?: ("admin_group" | "manage_product_group" | "manage_order_group")[];
            /** Format: date-time */
            createdAt?: string | null;
        };
        ShipmentRequest: {
            /** @description trimmed */
            carrier: string;
            /** @description trimmed */
            trackingNumber: string;
            /**
             * Format: uri
             * @description an https link to the carrier's tracking page
             */
            trackingUrl?: string;
        };
        CancelRequest: {
            /** @description trimmed; the history's note, and told to the customer */
            reason: string;
        };
        RefundRequest: {
            /** @description minor units */
            amount: number;
            /** @description trimmed */
            reason: string;
        };
    };
    responses: {
        /** @description VALIDATION_FAILED (details name each bad field; a missing, empty or blank body, or a JSON body that is not an object, names `body`) or MALFORMED_JSON */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description UNAUTHENTICATED */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description FORBIDDEN */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description NOT_FOUND */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description PAYLOAD_TOO_LARGE (body over 64 KiB) */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description FORBIDDEN: the caller is not in admin_group, checked live in the user pool on every request (a demoted admin is refused at once, whatever their token says) */
        AdminForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description FORBIDDEN: the caller is neither order staff (manage_order_group) nor an admin */
        StaffForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description INVALID_TRANSITION: the order's status does not allow this (a repeat included); nothing changes */
        InvalidTransition: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description TOO_MANY_REQUESTS: the user pool (Cognito) is throttling; try again */
        DirectoryBusy: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description INTERNAL: an unexpected failure, e.g. the user pool's keys unreachable so a sent token could not be checked (retry; not a reason to sign in again); the message carries the request id only (no stack trace, no AWS error) */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        limit: number;
        /** @description Opaque and signed; a tampered, truncated, forged or foreign cursor is a 400 VALIDATION_FAILED naming cursor */
        cursor: string;
        productId: string;
        /** @description an order id (anything else: 400 naming `orderId`) */
        orderId: string;
        slot: 1 | 2 | 3;
        /**
         * @description The product's `ETag` as last read (a list of tags is accepted; `*` matches any existing product).
         *     When it no longer matches, the update is refused with 412 `PRECONDITION_FAILED` and nothing changes;
         *     a malformed or weak tag matches nothing. Required to set `stock` outright (428 without it).
         */
        ifMatch: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description A strong entity tag for the product's state (`"v<version>"`). It changes on every write to
         *     the product: edits, stock reservations and releases, images. Send it back as `If-Match`.
         */
        ProductETag: string;
        /** @description AccessToken, IdToken and RefreshToken cookies (HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age = token life) */
        SetAuthCookies: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "jane_doe",
                 *       "email": "jane@example.com",
                 *       "password": "s3cret-pass",
                 *       "gender": "female"
                 *     }
                 */
                "application/json": {
                    /** @description not an email */
                    username: string;
                    /**
                     * Format: idn-email
                     * @description an address; internationalized (non-ASCII) addresses are accepted
                     */
                    email: string;
                    /** @description no leading or trailing white space (Cognito's own pattern) */
                    password: string;
                    /** @enum {string} */
                    gender: "male" | "female" | "other";
                };
            };
        };
        responses: {
            /** @description Registered */
            201: {
                headers: {
                    "Set-Cookie": components["headers"]["SetAuthCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user?: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description USERNAME_TAKEN or EMAIL_TAKEN (an unverified address is held for 24 hours only) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many registrations for this email address or from this client (source IP) within the hour; TOO_MANY_REQUESTS: the user directory is throttling, try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "identity": "user",
                 *       "password": "123456"
                 *     }
                 */
                "application/json": {
                    /** @description a username or an email */
                    identity: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SetAuthCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user?: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description INVALID_CREDENTIALS (the same for an unknown user and a wrong password) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the three cookies are cleared with Max-Age=0 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["Internal"];
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Refreshed */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["SetAuthCookies"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user?: components["schemas"]["User"];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    getCurrentUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    code?: string;
                };
            };
        };
        responses: {
            /** @description Verified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        emailVerified?: true;
                    };
                };
            };
            /** @description Code sent */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        sent?: true;
                    };
                };
            };
            /** @description CODE_MISMATCH, CODE_EXPIRED or VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description EMAIL_TAKEN: the code is right but another account holds the address (verified, or registered with it within the last 24 hours) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED (codes sent too often) or CODE_LOCKED (too many wrong tries) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    listCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Category names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Category"][];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    listCountries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Countries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Country"][];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                category?: components["schemas"]["Category"];
                /** @description Matches products whose name has a word starting with the term (case-insensitive) */
                search?: string;
                sort?: "price_asc" | "price_desc" | "newest";
                limit?: components["parameters"]["limit"];
                /** @description Opaque and signed; a tampered, truncated, forged or foreign cursor is a 400 VALIDATION_FAILED naming cursor */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of products */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["Internal"];
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Desk Lamp",
                 *       "category": "Home & Kitchen",
                 *       "price": 2499,
                 *       "stock": 40,
                 *       "description": "A warm LED lamp"
                 *     }
                 */
                "application/json": components["schemas"]["ProductInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    ETag: components["headers"]["ProductETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["Internal"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product */
            200: {
                headers: {
                    ETag: components["headers"]["ProductETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The product's `ETag` as last read (a list of tags is accepted; `*` matches any existing product).
                 *     When it no longer matches, the update is refused with 412 `PRECONDITION_FAILED` and nothing changes;
                 *     a malformed or weak tag matches nothing. Required to set `stock` outright (428 without it).
                 */
                "If-Match"?: components["parameters"]["ifMatch"];
            };
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductPatch"];
            };
        };
        responses: {
            /** @description Updated; the product with its new ETag */
            200: {
                headers: {
                    ETag: components["headers"]["ProductETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description VALIDATION_FAILED (details name each bad field; `stock` with `stockAdjustment` names stockAdjustment) or MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /**
             * @description INSUFFICIENT_STOCK when `stockAdjustment` would take stock below 0 (details
             *     `{field: stockAdjustment, productId, requested, available, message}`); STOCK_LIMIT_EXCEEDED
             *     when it would exceed 1000000000; EDIT_CONFLICT when concurrent edits kept winning the race
             *     after retries (try again). Nothing changes.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PRECONDITION_FAILED, If-Match names a version that is no longer current (or is malformed); nothing changes */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PRECONDITION_REQUIRED, the body sets `stock` without If-Match */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    deleteProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    createProductImageUpload: {
        parameters: {
            query: {
                slot: components["parameters"]["slot"];
            };
            header?: never;
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    fileType: "image/jpeg" | "image/png" | "image/webp";
                };
            };
        };
        responses: {
            /** @description Upload form */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url?: string;
                        fields?: {
                            [key: string]: string;
                        };
                        key?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    deleteProductImage: {
        parameters: {
            query: {
                slot: components["parameters"]["slot"];
            };
            header?: never;
            path: {
                id: components["parameters"]["productId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted and the slot emptied */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    getCartOrOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `cart`, an order id or a payment intent id (anything else: 400 naming `intent`) */
                intent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A Cart for `cart`, an Order otherwise */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"] | components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description NOT_FOUND, no such order or not the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    mergeCart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "items": [
                 *         {
                 *           "productId": "seed-books-01",
                 *           "count": 2
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CartItemsInput"];
            };
        };
        responses: {
            /** @description The saved cart after the merge */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description VALIDATION_FAILED (details name each bad field), MALFORMED_JSON, or CART_TOO_LARGE (the merged cart would hold more than 200 products) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description CART_CONFLICT, concurrent edits of the same cart kept winning after retries (try again) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    setCartLines: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "items": [
                 *         {
                 *           "productId": "seed-books-01",
                 *           "count": 2
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CartItemsInput"];
            };
        };
        responses: {
            /** @description The saved cart after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /**
             * @description UNKNOWN_PRODUCT when a line with a count above 0 names a product the catalog does not have
             *     (one detail per product: `{field: items, productId, message}`), and nothing changes;
             *     CART_TOO_LARGE when the cart would hold more than 200 products; VALIDATION_FAILED or MALFORMED_JSON.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description CART_CONFLICT, concurrent edits of the same cart kept winning after retries (try again) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description pending = PENDING_PAYMENT, paid = PAID, failed = PAYMENT_FAILED, canceled = CANCELED, shipped = SHIPPED, delivered = DELIVERED */
                status?: components["schemas"]["OrderStatusFilter"];
                limit?: components["parameters"]["limit"];
                /** @description Opaque and signed; a tampered, truncated, forged or foreign cursor is a 400 VALIDATION_FAILED naming cursor */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description VALIDATION_FAILED: unknown status, limit out of range, or a cursor that is tampered or from another status or user */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            500: components["responses"]["Internal"];
        };
    };
    cancelOwnOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description an order id (anything else: 400 naming `orderId`) */
                orderId: components["parameters"]["orderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The canceled order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description NOT_FOUND, no such order or not the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            409: components["responses"]["InvalidTransition"];
            500: components["responses"]["Internal"];
        };
    };
    listAllOrders: {
        parameters: {
            query?: {
                /** @description pending = PENDING_PAYMENT, paid = PAID, failed = PAYMENT_FAILED, canceled = CANCELED, shipped = SHIPPED, delivered = DELIVERED */
                status?: components["schemas"]["OrderStatusFilter"];
                /** @description a customer's username */
                user?: string;
                limit?: components["parameters"]["limit"];
                /** @description Opaque and signed; a tampered, truncated, forged or foreign cursor is a 400 VALIDATION_FAILED naming cursor */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description VALIDATION_FAILED: unknown status, a user that is no username, limit out of range, or a cursor that is tampered or from another listing */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["StaffForbidden"];
            500: components["responses"]["Internal"];
        };
    };
    getAnyOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description an order id (anything else: 400 naming `orderId`) */
                orderId: components["parameters"]["orderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["StaffForbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["Internal"];
        };
    };
    shipOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description an order id (anything else: 400 naming `orderId`) */
                orderId: components["parameters"]["orderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "carrier": "UPS",
                 *       "trackingNumber": "1Z999AA10123456784",
                 *       "trackingUrl": "https://www.ups.com/track?tracknum=1Z999AA10123456784"
                 *     }
                 */
                "application/json": components["schemas"]["ShipmentRequest"];
            };
        };
        responses: {
            /** @description The shipped order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["StaffForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidTransition"];
            500: components["responses"]["Internal"];
        };
    };
    deliverOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description an order id (anything else: 400 naming `orderId`) */
                orderId: components["parameters"]["orderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivered order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["StaffForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidTransition"];
            500: components["responses"]["Internal"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description an order id (anything else: 400 naming `orderId`) */
                orderId: components["parameters"]["orderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "the address cannot be delivered to"
                 *     }
                 */
                "application/json": components["schemas"]["CancelRequest"];
            };
        };
        responses: {
            /** @description The canceled order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["StaffForbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidTransition"];
            500: components["responses"]["Internal"];
        };
    };
    refundOrder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description 1-255 printable ASCII characters, no spaces. Scoped to the order and kept 24 hours: a retry with
                 *     the same key and body gets the first response (status and body, a 4xx included) and never refunds
                 *     twice (the refund's id is derived from the key, so even later it finds the same refund).
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description an order id (anything else: 400 naming `orderId`) */
                orderId: components["parameters"]["orderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 500,
                 *       "reason": "the mug arrived scratched"
                 *     }
                 */
                "application/json": components["schemas"]["RefundRequest"];
            };
        };
        responses: {
            /** @description The refund, PENDING (or SUCCEEDED when the provider says so at once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        refund: components["schemas"]["Refund"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["StaffForbidden"];
            404: components["responses"]["NotFound"];
            /**
             * @description REFUND_EXCEEDS_PAYMENT: the refunds that are not FAILED would pass the amount paid (the detail
             *     says how much can still be refunded). INVALID_TRANSITION: the order was never paid.
             *     REFUND_LIMIT_REACHED: the order holds 50 refunds already. REFUND_CONFLICT: the order kept changing;
             *     try again. IDEMPOTENCY_KEY_IN_USE: a request with this key was still running; retry shortly.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED, this Idempotency-Key was used on this order with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
        };
    };
    checkout: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description 1-255 printable ASCII characters, no spaces (e.g. a UUID per checkout attempt). Scoped to the
                 *     caller and kept 24 hours: a retry with the same key and body gets the first response (status
                 *     and body, a 4xx included) without placing another order, and a retry that arrives while the
                 *     first is still running waits for its answer. A 5xx is not kept, so retrying it tries again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "location": {
                 *         "address": "1 Main St",
                 *         "country": "US"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CheckoutRequest"];
            };
        };
        responses: {
            /** @description Order placed and payment intent created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutResult"];
                };
            };
            /**
             * @description EMPTY_CART (no cart, or none of its products exists any more); INVALID_LOCATION (details name
             *     `address` or `country`); CART_TOO_LARGE (more than 97 products: one transaction reserves at most
             *     97 lines); ORDER_TOO_LARGE (amount above 99999999, the provider's largest charge);
             *     VALIDATION_FAILED (`location` missing, or a malformed Idempotency-Key); MALFORMED_JSON.
             *     Nothing is reserved.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /**
             * @description INSUFFICIENT_STOCK: one detail per short product, `{field: items, productId, requested, available,
             *     message}` (`available` 0 and message "product no longer exists" for a product deleted meanwhile),
             *     and nothing is reserved. TOO_MANY_PENDING_ORDERS: the customer already has as many orders waiting
             *     for payment as the stage allows (3); nothing is reserved and the cart is kept. CHECKOUT_CONFLICT:
             *     prices or the cart kept changing, or other checkouts kept colliding on the same products, during the
             *     checkout (after 6 tries with backoff); review the cart and try again. IDEMPOTENCY_KEY_IN_USE: a
             *     request with this key was still running after about 8 seconds; retry shortly with the same key.
             *     ORDER_NOT_PAYABLE: the order this Idempotency-Key placed was canceled or paid since; check out
             *     again with a new key.
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description IDEMPOTENCY_KEY_REUSED, the caller used this Idempotency-Key with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["Internal"];
            /** @description PAYMENT_PROVIDER_UNAVAILABLE: nothing was charged. Without an Idempotency-Key the order is canceled, its stock released and the cart restored (unless a new one was started meanwhile); with one, the order is kept and a retry with the same key finishes it (unpaid and unretried, it expires at its deadline) */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYMENT_PROVIDER_UNAVAILABLE: too little of the invocation was left to call the provider; as for 502 */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    paymentWebhook: {
        parameters: {
            query?: never;
            header: {
                "stripe-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StripeEvent"];
            };
        };
        responses: {
            /** @description Received: handled, already handled, ignored or not applicable; replays and out-of-order events change nothing twice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        received: true;
                    };
                };
            };
            /**
             * @description INVALID_SIGNATURE: the header is missing, the signature does not match the body, the
             *     timestamp is more than 300 seconds old, or the signed body is not a JSON event. Nothing changes.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["TooLarge"];
            /** @description INTERNAL: the event could not be handled now (e.g. the bus refused it); nothing is recorded, so Stripe's retry handles it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description WEBHOOK_EVENT_IN_PROGRESS: another delivery of the same event was still being handled after about 5 seconds; nothing is recorded, so the provider retries */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                group?: "admin_group" | "manage_product_group" | "manage_order_group";
                limit?: components["parameters"]["limit"];
                /** @description Opaque and signed; a tampered, truncated, forged or foreign cursor is a 400 VALIDATION_FAILED naming cursor */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: components["schemas"]["AdminUser"][];
                        nextCursor?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["AdminForbidden"];
            429: components["responses"]["DirectoryBusy"];
            500: components["responses"]["Internal"];
        };
    };
    addUserToGroup: {
        parameters: {
            query: {
                username: string;
            };
            header?: never;
            path: {
                groupname: "admin_group" | "manage_product_group" | "manage_order_group";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username?: string;
                        groups?: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["AdminForbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["DirectoryBusy"];
            500: components["responses"]["Internal"];
        };
    };
    removeUserFromGroup: {
        parameters: {
            query: {
                username: string;
            };
            header?: never;
            path: {
                groupname: "admin_group" | "manage_product_group" | "manage_order_group";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's groups */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        username?: string;
                        groups?: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["AdminForbidden"];
            404: components["responses"]["NotFound"];
            /** @description LAST_ADMIN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["DirectoryBusy"];
            500: components["responses"]["Internal"];
        };
    };
}
