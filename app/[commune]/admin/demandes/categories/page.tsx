import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, Main, PageTitle } from "@/app/_components/ui";
import { communeAccess, load } from "@/app/_lib/server";
import { CategoryForm } from "./category-form";

export const metadata: Metadata = { title: "Catégories de demandes" };

export default async function CategoriesPage({ params }: { params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  const access = await communeAccess(commune);
  if (!access.staffRoles.includes("admin")) notFound();
  const categories = await load(commune, (api) => api.requests.staffCategories());
  return (
    <Main>
      <p className="mb-2 text-sm">
        <Link href={`/${commune}/admin/demandes`} className="text-brand-700 underline underline-offset-4">
          ← Demandes des familles
        </Link>
      </p>
      <PageTitle lead="Ce que les familles peuvent demander en ligne, les pièces exigées, qui traite et en combien de temps.">Catégories de demandes</PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        {categories.map((c) => (
          <Card key={c.id} title={c.name}>
            <CategoryForm category={c} />
          </Card>
        ))}
      </div>
    </Main>
  );
}
