/*
 * Where the domain's areas are plugged into each other's ports, once per process. Imported by every
 * entry point (server/trpc.ts, the test set-up); a module that needs a port asks for it at call time.
 */
import "./billing/booking-port";
