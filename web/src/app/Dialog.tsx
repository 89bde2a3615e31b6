import type { ReactNode } from 'react'

/** A modal form: its fields, the reason a try failed, and cancel/confirm. */
export function Dialog({
  title,
  error,
  cancel,
  confirm,
  children,
}: {
  title: string
  error: string | undefined
  cancel: { label: string; onClick(): void }
  confirm: { label: string; onClick(): void; disabled?: boolean }
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
          <button type="button" className="primary" disabled={confirm.disabled} onClick={confirm.onClick}>
            {confirm.label}
          </button>
        </div>
      </dialog>
    </div>
  )
}
