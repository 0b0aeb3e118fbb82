export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // First, so that per-IP throttling sees the real TCP peer of every request (server/auth/client-ip.ts).
  const { stampPeerAddresses } = await import("./server/auth/peer-address");
  stampPeerAddresses();
  const { prepareAppDatabase } = await import("./server/demo/prepare");
  const { startOutboxWorker } = await import("./server/email/sender");
  await prepareAppDatabase();
  startOutboxWorker();
  // The domain's ports, before any job runs (server/domain/wiring.ts).
  await import("./server/domain/wiring");
  const { startHoldReleaser } = await import("./server/domain/billing/hold-releaser");
  startHoldReleaser();
  const { startInvoiceScheduler } = await import("./server/domain/billing/run-scheduler");
  startInvoiceScheduler();
  const { startReminderScheduler } = await import("./server/domain/collection/reminders");
  startReminderScheduler();
  const { startRetentionJob } = await import("./server/domain/rgpd/retention");
  startRetentionJob();
}
