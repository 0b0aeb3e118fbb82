import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteFooter } from "./_components/site-footer";
import { Providers } from "./_lib/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Récré — portail famille", template: "%s · Récré" },
  description: "Réservez et payez la cantine, le périscolaire et les centres de loisirs de vos enfants.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so that Next puts this request's CSP nonce (proxy.ts) on its scripts.
  await connection();
  return (
    <html lang="fr">
      <body className="min-h-screen">
        <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Aller au contenu
        </a>
        <Providers>
          {children}
          <SiteFooter />
        </Providers>
      </body>
    </html>
  );
}
