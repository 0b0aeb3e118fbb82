export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("./db");
  const { startOutboxWorker } = await import("./server/email/sender");
  await getDatabase();
  startOutboxWorker();
  const { startHoldReleaser } = await import("./server/domain/billing/hold-releaser");
  startHoldReleaser();
  const { startInvoiceScheduler } = await import("./server/domain/billing/run-scheduler");
  startInvoiceScheduler();
}
