"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";

function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("lecture impossible"));
    reader.readAsDataURL(blob);
  });
}

/** The commune's logo printed at the top of every invoice (PNG or JPEG, 500 Ko at most; the server checks the content). */
export function LogoForm({ hasLogo }: { hasLogo: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    ...trpc.commune.setLogo.mutationOptions(),
    onSuccess: (r) => {
      setDone(r.hasLogo ? "Logo enregistré : il figure sur les prochaines factures téléchargées." : "Logo retiré des factures.");
      router.refresh();
    },
  });
  return (
    <div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {save.error ? <Alert tone="error">{formError(save.error) ?? save.error.message}</Alert> : null}
      <p className="mb-2 text-sm text-slate-700">{hasLogo ? "Un logo est imprimé en haut des factures." : "Aucun logo : les factures portent le nom de la commune seul."}</p>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Logo de la commune (PNG ou JPEG, 500 Ko au plus)
      </label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg"
        disabled={save.isPending}
        className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3"
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          if (!file) return;
          setDone(null);
          save.mutate({ logo: { name: file.name, type: file.type, base64: await readBase64(file) } });
        }}
      />
      {hasLogo ? (
        <Button variant="secondary" className="mt-3" disabled={save.isPending} onClick={() => save.mutate({ logo: null })}>
          Retirer le logo
        </Button>
      ) : null}
    </div>
  );
}
