import { randomUUID } from "node:crypto";
import PDFDocument from "pdfkit";
import type { Db } from "@/db/client";
import { communeDocuments, communeProfiles, news, requestCategories } from "@/db/schema";
import { storage } from "@/server/adapters/storage";
import { starterCategories } from "@/server/domain/requests/categories";

/**
 * The demo's demandes categories, public page, news and documents: the starter categories in both
 * communes, Jolieville's opening hours, a news item and two documents (the canteen menu and the
 * règlement intérieur) whose PDF bytes are written to storage before the seed's transaction.
 */

type SeedTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function pdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.font("Helvetica-Bold").fontSize(18).text(title).moveDown();
  doc.font("Helvetica").fontSize(11);
  for (const line of lines) doc.text(line);
  doc.end();
  return done;
}

export interface DemoDocument {
  title: string;
  category: "menu" | "rules";
  key: string;
  name: string;
  sizeBytes: number;
}

/** Writes the demo documents' bytes to storage (outside any transaction) and says where. */
export async function storeDemoDocuments(): Promise<DemoDocument[]> {
  const files = [
    {
      title: "Menus de la cantine — décembre",
      category: "menu" as const,
      name: "menus-decembre.pdf",
      bytes: await pdf("Menus de la cantine - décembre", [
        "Lundi : carottes râpées, poisson pané, riz, yaourt",
        "Mardi : potage, lasagnes végétariennes, fruit",
        "Jeudi : salade verte, poulet rôti, haricots verts, compote",
        "Vendredi : repas de Noël",
      ]),
    },
    {
      title: "Règlement intérieur des accueils périscolaires",
      category: "rules" as const,
      name: "reglement-interieur.pdf",
      bytes: await pdf("Règlement intérieur", ["Inscriptions, réservations, annulations, facturation et règles de vie des accueils périscolaires."]),
    },
  ];
  const out: DemoDocument[] = [];
  for (const f of files) {
    const key = `demo/commune_document/${randomUUID()}.pdf`;
    const { sizeBytes } = await storage().put(key, f.bytes, { contentType: "application/pdf" });
    out.push({ title: f.title, category: f.category, key, name: f.name, sizeBytes });
  }
  return out;
}

export async function seedPublications(tx: SeedTx, a: { jolieville: string; valFleuri: string; documents: DemoDocument[]; now: Date }) {
  for (const tenantId of [a.jolieville, a.valFleuri]) {
    await tx.insert(requestCategories).values(starterCategories.map((c) => ({ ...c, tenantId })));
  }
  await tx.insert(communeProfiles).values({
    tenantId: a.jolieville,
    presentation: "Le service enfance de Jolieville accueille vos enfants à la cantine, à la garderie et le mercredi au centre de loisirs Jules Verne.",
    openingHours: "Lundi, mardi, jeudi, vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h\nMercredi : 8 h 30 – 12 h",
  });
  await tx.insert(news).values({
    tenantId: a.jolieville,
    title: "Repas de Noël à la cantine",
    body: "Le vendredi 18 décembre, la cantine propose un repas de Noël. Pensez à réserver avant la date limite.",
    publishFrom: new Date(a.now.getTime() - 2 * 86_400_000),
    publishUntil: new Date(a.now.getTime() + 30 * 86_400_000),
    createdAt: a.now,
  });
  if (a.documents.length) {
    await tx.insert(communeDocuments).values(
      a.documents.map((d) => ({ tenantId: a.jolieville, title: d.title, category: d.category, key: d.key, contentType: "application/pdf", sizeBytes: d.sizeBytes, name: d.name, publishedAt: a.now })),
    );
  }
}
