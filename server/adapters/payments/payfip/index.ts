import { z } from "zod";
import { env } from "@/config/env";
import { messages } from "@/common/messages";
import { AmountOutsideLimits, InvalidNotification, ProviderUnavailable, type PaymentEventStatus, type PaymentProvider, type PaymentStartInput } from "../types";
import { callPayfip, PayfipFault, type PaymentDetail } from "./soap";

/**
 * PayFiP, the DGFiP's online payment service for public bodies: the money goes straight to the
 * commune's treasury account. `creerPaiementSecurise` opens an operation (idOp), the parent pays on
 * PayFiP's page (`?idop=`), PayFiP posts `idop` to our notification route, and we ask it back how the
 * operation ended (`recupererDetailPaiementSecurise`): the notification itself is never trusted.
 * Each commune has its numcli (6 digits) and mode (T test, X activation, W production).
 */

export interface PayfipConfig {
  soapUrl: string;
  pageUrl: string;
  timeoutMs?: number;
}

const m = messages.paymentsOnline.settings;
const settingsSchema = z
  .object({
    numcli: z.string({ error: m.numcliInvalid }).trim().regex(/^\d{6}$/, { error: m.numcliInvalid }),
    mode: z.enum(["T", "X", "W"], { error: m.modeInvalid }),
  })
  .strict();
export type PayfipSettings = z.infer<typeof settingsSchema>;

/** PayFiP takes 1,00 € to 99 999,99 €. */
export const PAYFIP_MIN_CENTS = 100;
export const PAYFIP_MAX_CENTS = 9_999_999;

/** What `resultrans` says: P paid (card), V paid (debit), R refused, Z debit refused, A abandoned. */
const results: Record<string, PaymentEventStatus> = { P: "paid", V: "paid", R: "failed", Z: "failed", A: "abandoned" };

const UUID = /^pay_([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

/**
 * The debt reference PayFiP shows and sends back (≤ 30 letters and digits): our payment reference's
 * uuid in base 36 (26 characters), or its letters and digits for any other reference.
 */
export function refdetOf(paymentRef: string): string {
  const uuid = UUID.exec(paymentRef);
  if (uuid) return `R${BigInt(`0x${uuid.slice(1).join("")}`).toString(36).toUpperCase().padStart(25, "0")}`;
  return paymentRef.replace(/[^A-Za-z0-9]/g, "").toUpperCase().slice(0, 30);
}

/** PayFiP's subject: letters, digits and spaces only, 100 characters at most. */
export function objetOf(description: string): string {
  return description
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
}

/** The accounting year (exercice) a payment is taken in. */
const exerOf = (input: PaymentStartInput) => String(new Date(input.expiresAt.getTime()).getUTCFullYear());

export function createPayfipProvider(config: () => PayfipConfig): PaymentProvider<PayfipSettings> {
  const call = (operation: string, arg0: Record<string, string>) => {
    const c = config();
    return callPayfip(c.soapUrl, operation, arg0, c.timeoutMs ?? 15_000);
  };

  async function detail(idOp: string): Promise<PaymentDetail> {
    try {
      return (await call("recupererDetailPaiementSecurise", { idOp })) as PaymentDetail;
    } catch (error) {
      if (error instanceof PayfipFault) throw new InvalidNotification(`payfip: opération ${idOp} inconnue (${error.code})`);
      throw error;
    }
  }

  return {
    name: "payfip",
    method: "payfip",
    settingsSchema,

    async start(input, settings) {
      if (input.amountCents < PAYFIP_MIN_CENTS || input.amountCents > PAYFIP_MAX_CENTS) throw new AmountOutsideLimits(PAYFIP_MIN_CENTS, PAYFIP_MAX_CENTS);
      if (!input.customerEmail) throw new ProviderUnavailable("payfip: adresse e-mail du payeur requise");
      let answer: Record<string, unknown>;
      try {
        answer = await call("creerPaiementSecurise", {
          exer: exerOf(input),
          mel: input.customerEmail,
          montant: String(input.amountCents),
          numcli: settings.numcli,
          objet: objetOf(input.description),
          refdet: refdetOf(input.paymentRef),
          saisie: settings.mode,
          urlnotif: input.notifyUrl,
          urlredirect: input.returnUrl,
        });
      } catch (error) {
        if (error instanceof PayfipFault) throw new ProviderUnavailable(`payfip: création refusée (${error.code} ${error.message})`);
        throw error;
      }
      const idOp = typeof answer.idOp === "string" ? answer.idOp : "";
      if (!/^[A-Za-z0-9-]{1,64}$/.test(idOp)) throw new ProviderUnavailable("payfip: idOp absent de la réponse");
      const page = new URL(config().pageUrl);
      page.searchParams.set("idop", idOp);
      return { redirectUrl: page.toString(), providerReference: idOp };
    },

    async verifyNotification(notification, { settingsOf, paymentRefOf }) {
      const idOp = new URLSearchParams(notification.body).get("idop") ?? "";
      if (!/^[A-Za-z0-9-]{1,64}$/.test(idOp)) throw new InvalidNotification("payfip: idop absent");
      const paymentRef = await paymentRefOf(idOp);
      const settings = paymentRef ? await settingsOf(paymentRef) : null;
      if (!paymentRef || !settings) throw new InvalidNotification("payfip: opération inconnue");
      // The notification only names the operation: PayFiP itself says how it ended.
      const d = await detail(idOp);
      if (d.numcli !== settings.numcli || d.refdet !== refdetOf(paymentRef)) throw new InvalidNotification("payfip: opération d'un autre client ou d'une autre dette");
      const status = results[d.resultrans ?? ""];
      if (!status) throw new InvalidNotification(`payfip: résultat inconnu ${d.resultrans}`);
      const amountCents = Number(d.montant);
      if (!Number.isInteger(amountCents)) throw new InvalidNotification("payfip: montant illisible");
      return { eventId: `${idOp}_${d.resultrans}`, paymentRef, providerReference: idOp, status, amountCents };
    },
  };
}

export const payfipProvider = createPayfipProvider(() => ({ soapUrl: env().PAYFIP_SOAP_URL, pageUrl: env().PAYFIP_PAGE_URL }));
