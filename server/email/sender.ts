import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { withPlatform } from "@/db/transaction";
import { env } from "@/config/env";
import { onEmailQueued } from "./outbox";
import { localTransport, resendTransport, type MailTransport } from "./transports";

const MAX_ATTEMPTS = 6;
const LOCK = "2 minutes";

type Claimed = {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
};

/**
 * Sends due e-mails one at a time. A row is claimed atomically (SKIP LOCKED) so two senders
 * never take the same message; a sender that dies mid-send leaves a lock that expires, and the
 * retry carries the same idempotency key.
 */
export async function drainOutbox(transport: MailTransport, from = env().EMAIL_FROM, limit = 50) {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const row = await withPlatform(async (tx) => {
      const result = await tx.execute<Claimed>(sql`
        update email_outbox set status = 'sending', attempts = attempts + 1, locked_until = now() + ${LOCK}::interval
        where id = (
          select id from email_outbox
          where (status = 'pending' and next_attempt_at <= now()) or (status = 'sending' and locked_until < now())
          order by created_at limit 1 for update skip locked)
        returning id, "to", subject, html, text, attempts`);
      return rowsOf<Claimed>(result)[0];
    });
    if (!row) break;
    try {
      const { providerMessageId } = await transport.send({ ...row, from });
      await withPlatform((tx) =>
        tx.execute(sql`update email_outbox set status = 'sent', sent_at = now(), locked_until = null,
          transport = ${transport.name}, provider_message_id = ${providerMessageId}, last_error = null
          where id = ${row.id}`),
      );
      sent++;
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      const finalFailure = row.attempts >= MAX_ATTEMPTS;
      const backoffSeconds = 30 * 2 ** (row.attempts - 1);
      await withPlatform((tx) =>
        tx.execute(sql`update email_outbox set status = ${finalFailure ? "failed" : "pending"}, locked_until = null,
          last_error = ${message.slice(0, 500)}, next_attempt_at = now() + make_interval(secs => ${backoffSeconds})
          where id = ${row.id}`),
      );
    }
  }
  return { sent, failed };
}

/** How long a sent (or given-up) e-mail is kept: long enough to answer « did you send it? », no longer (RGPD). */
export const SENT_EMAIL_DAYS = 30;

/**
 * Deletes the e-mails sent or given up more than `days` ago: their bodies name families and
 * children, and the outbox is the platform's, outside each commune's erasure. Returns how many went.
 */
export async function purgeSentEmails(days = SENT_EMAIL_DAYS): Promise<number> {
  const result = await withPlatform((tx) =>
    tx.execute(sql`delete from email_outbox where status in ('sent', 'failed')
      and coalesce(sent_at, next_attempt_at, created_at) < now() - make_interval(days => ${days}) returning id`),
  );
  return rowsOf(result).length;
}

export function configuredTransport(): MailTransport {
  const e = env();
  return e.RESEND_API_KEY ? resendTransport(e.RESEND_API_KEY) : localTransport;
}

/** Background drain for the server process: on a tick, and soon after each queued e-mail. */
export function startOutboxWorker(intervalMs = 5000) {
  const transport = configuredTransport();
  let running = false;
  let purgedAt = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await drainOutbox(transport);
      if (Date.now() - purgedAt > 60 * 60_000) {
        purgedAt = Date.now();
        await purgeSentEmails();
      }
    } catch (error) {
      console.error("[recre] envoi des e-mails", error);
    } finally {
      running = false;
    }
  };
  onEmailQueued(() => void tick());
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
}
