"use client";
import { useState, type ReactNode } from "react";
import { Button } from "./ui";

/** The name the server gave the file (`filename*=UTF-8''…` first, then `filename="…"`). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!.trim());
    } catch {
      // A malformed encoding: the plain name below still serves.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads a document a route handler generates (PDF, CSV): fetched first so that a refusal is
 * shown in French beside the button instead of a broken file, then saved under the server's name.
 */
export function DownloadButton({
  href,
  children,
  fallbackName,
  variant = "primary",
  errorText = "Le fichier n'a pas pu être préparé.",
}: {
  href: string;
  children: ReactNode;
  /** Used only if the server names no file. */
  fallbackName: string;
  variant?: "primary" | "secondary";
  errorText?: string;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) {
        const text = response.headers.get("content-type")?.startsWith("text/plain") ? await response.text() : "";
        throw new Error(text || errorText);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = filenameFrom(response.headers.get("content-disposition"), fallbackName);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error && e.message !== "Failed to fetch" ? e.message : errorText);
    } finally {
      setPending(false);
    }
  }
  return (
    <div>
      <Button type="button" variant={variant} onClick={download} disabled={pending}>
        {pending ? "Préparation…" : children}
      </Button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
