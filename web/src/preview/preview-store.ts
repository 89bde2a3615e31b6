import { create } from 'zustand'

/** Who the editor previews messages as: a stored contact by external id, or the sample when undefined. */
export interface PreviewContactChoice {
  id: string
  label: string
}

interface PreviewState {
  contact: PreviewContactChoice | undefined
  choose(contact: PreviewContactChoice | undefined): void
}

/** Shared by the preview panel and the send-test dialog, so a test goes out as the contact on screen. */
export const usePreviewContact = create<PreviewState>((set) => ({
  contact: undefined,
  choose: (contact) => set({ contact }),
}))
