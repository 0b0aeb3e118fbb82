"use client";
import { useCallback, useEffect, useId, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { Button } from "./ui";

export interface ConfirmOptions {
  /** The question, short: « Émettre 12 factures ? ». */
  title: string;
  /** What will happen, in a sentence or two. */
  text: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button, and the focus starts on « Annuler » so Enter does not destroy anything. */
  danger?: boolean;
}

/**
 * A modal question in the browser's own `<dialog>` (`showModal()`): focus stays inside, Escape
 * cancels, and focus goes back to what opened it. `onClose(true)` only on the confirm button.
 */
export function ConfirmDialog({ options, onClose }: { options: ConfirmOptions; onClose: (confirmed: boolean) => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    opener.current = document.activeElement;
    dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-titre`}
      aria-describedby={`${id}-texte`}
      onClose={(event) => {
        // Browsers give focus back to the opener too, but not all of them: say it explicitly.
        if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
        onClose(event.currentTarget.returnValue === "confirm");
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <form method="dialog">
        <h2 id={`${id}-titre`} className="text-lg font-semibold">
          {options.title}
        </h2>
        <div id={`${id}-texte`} className="mt-2 text-sm text-slate-700">
          {options.text}
        </div>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button type="submit" value="cancel" variant="secondary" autoFocus={options.danger}>
            {options.cancelLabel ?? "Annuler"}
          </Button>
          <Button type="submit" value="confirm" variant={options.danger ? "danger" : "primary"} autoFocus={!options.danger}>
            {options.confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * `const [confirm, dialog] = useConfirm()`; render `dialog`, then `if (!(await confirm({…}))) return;`
 * where the code used `window.confirm`.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [asked, setAsked] = useState<{ options: ConfirmOptions; resolve: (confirmed: boolean) => void } | null>(null);
  const confirm = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setAsked({ options, resolve })), []);
  // In <body>: the button that asks may sit inside a form or a table, where a second form cannot.
  const dialog = asked
    ? createPortal(
        <ConfirmDialog
          options={asked.options}
          onClose={(confirmed) => {
            setAsked(null);
            asked.resolve(confirmed);
          }}
        />,
        document.body,
      )
    : null;
  return [confirm, dialog];
}

/**
 * A button that asks first (delete, archive, regenerate…): `onConfirm` runs only once the dialog's
 * confirm button is pressed. The error, if the action fails, is shown under the button.
 */
export function ConfirmButton({
  confirm: options,
  onConfirm,
  error,
  children,
  ...button
}: Omit<ComponentProps<typeof Button>, "onClick"> & { confirm: ConfirmOptions; onConfirm: () => void; error?: string | null }) {
  const [confirm, dialog] = useConfirm();
  return (
    <>
      <Button
        type="button"
        {...button}
        onClick={async () => {
          if (await confirm(options)) onConfirm();
        }}
      >
        {children}
      </Button>
      {error ? (
        <span role="alert" className="block text-sm text-red-700">
          {error}
        </span>
      ) : null}
      {dialog}
    </>
  );
}
