import type { z } from "zod";
import type { PaymentMethod } from "@/db/schema";

/**
 * The seam every online payment provider implements (demo today; Stripe, PayFiP next). The domain
 * talks to this interface only and never names a provider; a provider is one folder under
 * server/adapters/payments/ implementing it, registered in registry.ts.
 *
 * None of these methods may be called inside a database transaction: `start` and `refund` may
 * call the network (the domain commits the payment row first, then calls, then records the answer).
 */
export interface PaymentProvider<Settings = unknown> {
  /** Registry key and the `[provider]` segment of the notification route (`/api/paiements/<name>`). */
  readonly name: string;
  /** What `payments.method` records for a payment it takes. */
  readonly method: PaymentMethod;
  /**
   * A development stand-in (the demo page): its notifications are taken only from a browser on the
   * server's own machine, never from a remote client, even through a reverse proxy.
   */
  readonly localOnly?: boolean;
  /** A commune's settings for this provider (account id, numcli, mode…), checked before use. */
  readonly settingsSchema: z.ZodType<Settings>;
  /** Opens the provider's session for one payment and says where to send the parent. */
  start(input: PaymentStartInput, settings: Settings): Promise<PaymentStartResult>;
  /**
   * Checks a notification (webhook, IPN, the demo page's form) and turns it into one normalized
   * event; throws `InvalidNotification` when it cannot be trusted (bad signature, unknown payload).
   * `context.settingsOf` gives the commune's settings of the payment the payload names (null: not a
   * payment of this provider), for providers that verify with them or ask the provider back (PayFiP).
   */
  verifyNotification(notification: RawNotification, context: NotificationContext<Settings>): Promise<PaymentEvent | IgnoredNotification>;
  /** Optional capability: gives money back through the provider. */
  refund?(input: RefundInput, settings: Settings): Promise<RefundResult>;
  /** Optional capability: the commune opens its own account at the provider (Stripe Connect onboarding). */
  connect?: ProviderConnect;
}

/** A genuine notification that says nothing to apply (an event type we do not follow): answered 200, applied nowhere. */
export interface IgnoredNotification {
  ignored: true;
  reason: string;
}

export const isIgnored = (event: PaymentEvent | IgnoredNotification): event is IgnoredNotification => "ignored" in event;

export interface ProviderConnect {
  /** Creates the commune's account at the provider if it has none yet, and the link where its admin completes it. */
  onboardingLink(input: { commune: { id: string; name: string; email: string | null }; accountId: string | null; returnUrl: string; refreshUrl: string }): Promise<{ accountId: string; url: string }>;
  /** Whether the account may take payments yet (onboarding completed and checked by the provider). */
  accountReady(accountId: string): Promise<boolean>;
}

export interface PaymentStartInput {
  /** Our reference of the payment (`payments.provider_ref`), also the idempotency key of the start. */
  paymentRef: string;
  amountCents: number;
  /** A short French description shown on the provider's page ("Panier de réservations", "Factures F-2026-…"). */
  description: string;
  commune: { id: string; slug: string; name: string };
  /** The provider's page must stop taking the payment then. */
  expiresAt: Date;
  /** Where the provider sends the parent back (our result page). */
  returnUrl: string;
  /** Where the provider posts its notification (our route handler). */
  notifyUrl: string;
  customerEmail?: string | null;
}

export interface PaymentStartResult {
  /** Where the parent goes to pay. */
  redirectUrl: string;
  /** The provider's own id for this payment (Stripe session id, PayFiP idop…). */
  providerReference: string;
}

export interface RawNotification {
  /** The body exactly as received: signatures are computed over it. */
  body: string;
  headers: Headers;
}

export interface NotificationContext<Settings> {
  settingsOf: (paymentRef: string) => Promise<Settings | null>;
  /** Our reference of the payment whose provider id this is (for providers whose notification names only theirs: PayFiP's idop). */
  paymentRefOf: (providerReference: string) => Promise<string | null>;
  /** The business clock (pinned in demos and tests). */
  now: Date;
}

export type PaymentEventStatus = "paid" | "failed" | "abandoned" | "refunded";

/** What a notification says, whatever provider sent it. */
export interface PaymentEvent {
  /** Unique per provider: the same event delivered three times is applied once. */
  eventId: string;
  /** Our reference of the payment (the `paymentRef` given to `start`). */
  paymentRef: string;
  /** The provider's id for this payment. */
  providerReference: string;
  status: PaymentEventStatus;
  /** What the provider says was paid (or refunded), in cents. */
  amountCents: number;
  /** A refund: our reference of it (`payments.provider_ref` of the refund row), when we asked for it. */
  refundRef?: string;
}

export interface RefundInput {
  /** The payment refunded (ours). */
  paymentRef: string;
  providerReference: string;
  amountCents: number;
  /** Makes a retried refund a single refund at the provider. */
  idempotencyKey: string;
}

export interface RefundResult {
  refundReference: string;
}

/** A notification that cannot be trusted: the route answers 400 and applies nothing. */
export class InvalidNotification extends Error {}

/** The provider could not be reached or refused to open a session: the parent is told to retry later. */
export class ProviderUnavailable extends Error {}

/** The provider cannot take this amount (PayFiP: 1,00 € to 99 999,99 €): the parent is told the limits. */
export class AmountOutsideLimits extends Error {
  constructor(
    readonly minCents: number,
    readonly maxCents: number,
  ) {
    super(`montant hors des bornes ${minCents}..${maxCents}`);
  }
}
