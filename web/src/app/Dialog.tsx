import type { ReactNode } from 'react'

/** A modal form: its fields, the reason a try failed, and cancel/confirm. */
export function Dialog({
  title,
  error,
  cancel,
  confirm,
  extra,
  children,
}: {
  title: string
  error: string | undefined
  cancel: { label: string; onClick(): void }
  confirm: { label: string; onClick(): void; disabled?: boolean }
  /** A second way to finish (reject beside approve), shown between cancel and confirm. */
  extra?: { label: string; onClick(): void; disabled?: boolean }
  children: ReactNode
}) {
  return (
    <div className="dialog-backdrop">
      <dialog open className="dialog" aria-label={title}>
        <h2>{title}</h2>
        {children}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" onClick={cancel.onClick}>
            {cancel.label}
          </button>
          {extra && (
            <button type="button" disabled={extra.disabled} onClick={extra.onClick}>
              {extra.label}
            </button>
          )}
          <button type="button" className="primary" disabled={confirm.disabled} onClick={confirm.onClick}>
            {confirm.label}
          </button>
        </div>
      </dialog>
    </div>
  )
}
