"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { fieldErrors, formError } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { messages } from "@/common/messages";

const TYPES = ["image/jpeg", "image/png"];
const MAX_BYTES = 1024 * 1024;
/** Photos are shown at 64 px on the site agents' lists: a phone picture is shrunk before it is sent. */
const MAX_SIDE = 480;

function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("lecture impossible"));
    reader.readAsDataURL(blob);
  });
}

/** A large picture becomes a small JPEG; a small one is sent as it is. The server checks either way. */
async function prepare(file: File): Promise<{ name: string; type: string; base64: string }> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale < 1 || file.size > MAX_BYTES) {
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
      if (blob) return { name: file.name.replace(/\.[^.]*$/, "") + ".jpg", type: "image/jpeg", base64: await readBase64(blob) };
    }
  } catch {
    // Not decodable here: send it as it is and let the server say what is wrong.
  }
  return { name: file.name, type: file.type, base64: await readBase64(file) };
}

function initials(name: string) {
  return name
    .split(" ")
    .map((w) => w.charAt(0))
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

/** The child's photo with add / replace / remove, for the family (its own children) or the front desk. */
/** `photo`: the stored photo's URL (storedFileUrl), or null. */
export function ChildPhoto({ mode, childId, name, photo }: { mode: "parent" | "staff"; childId: string; name: string; photo: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [clientError, setClientError] = useState<string | null>(null);
  const options = { onSuccess: () => router.refresh() };
  const parentSet = useMutation({ ...trpc.family.setChildPhoto.mutationOptions(), ...options });
  const staffSet = useMutation({ ...trpc.households.setChildPhoto.mutationOptions(), ...options });
  const mutation = mode === "parent" ? parentSet : staffSet;
  const error = clientError ?? fieldErrors(mutation.error).photo ?? formError(mutation.error);
  const save = (value: { name: string; type: string; base64: string } | null) => {
    setClientError(null);
    mutation.mutate({ childId, photo: value });
  };

  return (
    <div className="flex items-center gap-3">
      {photo ? (
        // A small stored picture served by our checked route (/api/fichiers): nothing for next/image to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={photo} alt={`Photo de ${name}`} width={64} height={64} className="h-16 w-16 shrink-0 rounded-full object-cover" />
      ) : (
        <span aria-hidden="true" className="flex h-16 w-16 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xl font-bold text-brand-800">
          {initials(name)}
        </span>
      )}
      <div className="min-w-0">
        <div className="flex flex-wrap gap-2">
          <label
            htmlFor={id}
            className="inline-flex min-h-11 cursor-pointer items-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-within:outline-2 focus-within:outline-brand-700"
          >
            {mutation.isPending ? "Envoi…" : photo ? "Changer la photo" : "Ajouter une photo"}
            <input
              id={id}
              aria-label={`${photo ? "Changer la photo" : "Ajouter une photo"} de ${name}`}
              type="file"
              accept="image/jpeg,image/png"
              className="sr-only"
              disabled={mutation.isPending}
              aria-describedby={`${id}-aide${error ? ` ${id}-erreur` : ""}`}
              onChange={async (event) => {
                const file = event.target.files?.[0];
                event.target.value = "";
                if (!file) return;
                if (!TYPES.includes(file.type)) return setClientError(messages.childPhoto.type);
                try {
                  save(await prepare(file));
                } catch {
                  setClientError(messages.childPhoto.empty);
                }
              }}
            />
          </label>
          {photo ? (
            <button
              type="button"
              disabled={mutation.isPending}
              onClick={() => save(null)}
              aria-label={`Retirer la photo de ${name}`}
              className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-semibold text-red-800 underline hover:bg-red-50"
            >
              Retirer
            </button>
          ) : null}
        </div>
        <p id={`${id}-aide`} className="mt-1 text-xs text-slate-600">
          JPEG ou PNG. Vue par les animateurs pour reconnaître l&apos;enfant.
        </p>
        {error ? (
          <p id={`${id}-erreur`} role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
