import { Resend } from "resend";

export interface OutgoingEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface MailTransport {
  name: "resend" | "local";
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}

/** Production: Resend, with the outbox id as idempotency key so a retried send is delivered once. */
export function resendTransport(apiKey: string, baseUrl?: string): MailTransport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await client.emails.send(
        { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: `outbox-${email.id}` },
      );
      if (error || !data) throw new Error(`Resend: ${error?.name ?? "erreur"} ${error?.message ?? ""}`.trim());
      return { providerMessageId: data.id };
    },
  };
}

/** Local runs: the message stays in the outbox and is read at /dev/mail. */
export const localTransport: MailTransport = {
  name: "local",
  async send(email) {
    return { providerMessageId: `local-${email.id}` };
  },
};
