export * from "./platform";
export * from "./tenancy";
export * from "./family";
export * from "./calendar";
export * from "./reservations";
export * from "./billing";
export * from "./onboarding";
export * from "./audit";
