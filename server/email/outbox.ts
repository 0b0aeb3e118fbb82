import { render, toPlainText } from "@react-email/components";
import { createElement, type ComponentType } from "react";
import AccountActivationEmail from "@/emails/account-activation";
import MagicLinkEmail from "@/emails/magic-link";
import PasswordResetEmail from "@/emails/password-reset";
import WaitlistPromotedEmail from "@/emails/waitlist-promoted";
import InvoiceAvailableEmail from "@/emails/invoice-available";
import DayClosedEmail from "@/emails/day-closed";
import EnrolmentDecidedEmail from "@/emails/enrolment-decided";
import SignupConfirmEmail from "@/emails/signup-confirm";
import SignupExistingEmail from "@/emails/signup-existing";
import StaffAddedEmail from "@/emails/staff-added";
import FamilyInvitationEmail from "@/emails/family-invitation";
import BookingsConfirmedEmail from "@/emails/bookings-confirmed";
import AbsenceDecidedEmail from "@/emails/absence-decided";
import ErasureRequestedEmail from "@/emails/erasure-requested";
import FamilyChangeDecidedEmail from "@/emails/family-change-decided";
import FamilyFileReviewEmail from "@/emails/family-file-review";
import PortalNoticeEmail from "@/emails/portal-notice";
import DebitPrenotificationEmail from "@/emails/debit-prenotification";
import DebitRejectedEmail from "@/emails/debit-rejected";
import InvoiceReminderEmail from "@/emails/invoice-reminder";
import PaymentReceiptEmail from "@/emails/payment-receipt";
import ApplicationDecidedEmail from "@/emails/application-decided";
import type { Tx } from "@/db";
import { emailOutbox } from "@/db/schema";
import { messages } from "@/common/messages";

const templates = {
  "magic-link": { component: MagicLinkEmail, subject: () => messages.email.magicLinkSubject },
  "password-reset": { component: PasswordResetEmail, subject: () => messages.email.passwordResetSubject },
  "account-activation": {
    component: AccountActivationEmail,
    subject: (p: { communeName: string }) => `${messages.email.activationSubject} — ${p.communeName}`,
  },
  "waitlist-promoted": {
    component: WaitlistPromotedEmail,
    subject: (p: { childName: string }) => `Place confirmée pour ${p.childName}`,
  },
  "day-closed": {
    component: DayClosedEmail,
    subject: (p: { activityName: string; dayLabel: string }) => `${p.activityName} fermé le ${p.dayLabel}`,
  },
  "enrolment-decided": {
    component: EnrolmentDecidedEmail,
    subject: (p: { childName: string; accepted: boolean }) => messages.enrolments.emailSubject(p.childName, p.accepted),
  },
  "invoice-available": {
    component: InvoiceAvailableEmail,
    subject: (p: { communeName: string }) => messages.billing.invoiceEmailSubject(p.communeName),
  },
  "signup-confirm": { component: SignupConfirmEmail, subject: () => messages.signup.confirmSubject },
  "signup-existing": { component: SignupExistingEmail, subject: () => messages.signup.existingSubject },
  "staff-added": {
    component: StaffAddedEmail,
    subject: (p: { communeName: string }) => messages.team.addedSubject(p.communeName),
  },
  "family-invitation": {
    component: FamilyInvitationEmail,
    subject: (p: { communeName: string }) => messages.familyCreation.invitationSubject(p.communeName),
  },
  "bookings-confirmed": {
    component: BookingsConfirmedEmail,
    subject: (p: { communeName: string }) => messages.everyday.bookingsEmailSubject(p.communeName),
  },
  "absence-decided": {
    component: AbsenceDecidedEmail,
    subject: (p: { childName: string; accepted: boolean }) => messages.everyday.absenceEmailSubject(p.childName, p.accepted),
  },
  "erasure-requested": {
    component: ErasureRequestedEmail,
    subject: (p: { communeName: string }) => messages.rgpd.erasure.staffSubject(p.communeName),
  },
  "family-change-decided": {
    component: FamilyChangeDecidedEmail,
    subject: (p: { accepted: boolean }) => messages.familyFile.decidedSubject(p.accepted),
  },
  "family-file-review": {
    component: FamilyFileReviewEmail,
    subject: (p: { schoolYear: string }) => messages.familyFile.reviewSubject(p.schoolYear),
  },
  /** Demandes and messages: a step of a request, a new message (server/domain/requests/notify.ts). */
  "portal-notice": { component: PortalNoticeEmail, subject: (p: { subject: string }) => p.subject },
  "debit-prenotification": {
    component: DebitPrenotificationEmail,
    subject: (p: { communeName: string }) => messages.collection.preNotificationSubject(p.communeName),
  },
  "debit-rejected": {
    component: DebitRejectedEmail,
    subject: (p: { communeName: string }) => messages.collection.rejectedSubject(p.communeName),
  },
  "invoice-reminder": {
    component: InvoiceReminderEmail,
    subject: (p: { communeName: string; step: number }) => messages.collection.reminderSubject(p.communeName, p.step),
  },
  "payment-receipt": {
    component: PaymentReceiptEmail,
    subject: (p: { communeName: string; amount: string }) => messages.paymentsOnline.receiptSubject(p.communeName, p.amount),
  },
  "application-decided": {
    component: ApplicationDecidedEmail,
    subject: (p: { communeName: string }) => messages.preregistration.decidedSubject(p.communeName),
  },
} as const;

type Templates = typeof templates;
export type TemplateName = keyof Templates;
type PropsOf<N extends TemplateName> = Parameters<Templates[N]["component"]>[0];

/**
 * Queues an e-mail inside the caller's transaction: it is sent if, and only if, the change
 * that caused it commits.
 */
export async function queueEmail<N extends TemplateName>(tx: Tx, to: string, template: N, props: PropsOf<N>): Promise<void> {
  await queueEmails(tx, template, [{ to, props }]);
}

/** Renders in flight at once: rendering waits on React's scheduler, so overlapping them is ~4× faster than one by one. */
const RENDER_CONCURRENCY = 25;

/**
 * `queueEmail` for many recipients of one template (an invoice run's notices): the same messages,
 * rendered concurrently and inserted in one statement.
 */
export async function queueEmails<N extends TemplateName>(tx: Tx, template: N, list: { to: string; props: PropsOf<N> }[]): Promise<void> {
  if (!list.length) return;
  await tx.insert(emailOutbox).values(await renderAll(template, list));
  notifySender();
}

type Row = typeof emailOutbox.$inferInsert;

/**
 * Recipients whose props differ only by their first name (an invoice run's notices, one per family)
 * share one render: the template is rendered with a stand-in for the name, which is then replaced,
 * escaped as React escapes text. Rendering was most of a run's e-mail cost (a few ms per message,
 * thousands of messages). A template that does anything else with the name (the stand-in is not
 * found as is in both the HTML and the text) is rendered per recipient.
 */
async function renderAll<N extends TemplateName>(template: N, list: { to: string; props: PropsOf<N> }[]): Promise<Row[]> {
  const groups = new Map<string, { to: string; props: PropsOf<N> }[]>();
  list.forEach((item, index) => {
    const { firstName, ...rest } = item.props as { firstName?: unknown };
    const key = typeof firstName === "string" && PLAIN_NAME.test(firstName) ? JSON.stringify(rest) : `seul ${index}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  });
  const rows: Row[] = [];
  for (const group of groups.values()) {
    const shared = group.length > 1 ? await renderShared(template, group) : null;
    rows.push(...(shared ?? (await renderEach(template, group))));
  }
  return rows;
}

const NAME_STAND_IN = "Zq7PrenomDuDestinataire9x";
/** Words and single spaces: the plain text keeps such a name as it is (it collapses other whitespace). */
const PLAIN_NAME = /^\S+( \S+)*$/;
const escapeLikeReact = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);

async function renderShared<N extends TemplateName>(template: N, group: { to: string; props: PropsOf<N> }[]): Promise<Row[] | null> {
  const model = await renderMessage("", template, { ...group[0]!.props, firstName: NAME_STAND_IN });
  if (!model.html.includes(NAME_STAND_IN) || !model.text?.includes(NAME_STAND_IN)) return null;
  const subject = templates[template].subject as (p: PropsOf<N>) => string;
  return group.map(({ to, props }) => {
    const name = (props as { firstName: string }).firstName;
    return { to, template, subject: subject(props), html: model.html.replaceAll(NAME_STAND_IN, escapeLikeReact(name)), text: model.text!.replaceAll(NAME_STAND_IN, name) };
  });
}

async function renderEach<N extends TemplateName>(template: N, list: { to: string; props: PropsOf<N> }[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < list.length; start += RENDER_CONCURRENCY) {
    rows.push(...(await Promise.all(list.slice(start, start + RENDER_CONCURRENCY).map(({ to, props }) => renderMessage(to, template, props)))));
  }
  return rows;
}

async function renderMessage<N extends TemplateName>(to: string, template: N, props: PropsOf<N>): Promise<Row & { html: string }> {
  const { component, subject } = templates[template];
  const element = createElement(component as ComponentType<PropsOf<N>>, props);
  // Rendered once: the plain text is what `render(element, { plainText: true })` makes of the same
  // HTML after a second, identical render (half of a booking request's CPU went to the two renders).
  const html = await render(element);
  const text = toPlainText(html);
  return { to, template, subject: (subject as (p: PropsOf<N>) => string)(props), html, text };
}

let listener: (() => void) | undefined;
/** The sender registers here to drain soon after a queue instead of waiting for its tick. */
export function onEmailQueued(fn: () => void) {
  listener = fn;
}
function notifySender() {
  if (listener) setTimeout(listener, 50);
}
