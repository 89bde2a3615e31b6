import { answerOf } from '../../app/api'
import { useLocaleStore } from '../../app/locale'

export interface UploadedMedia {
  kind: 'image' | 'video'
  url: string
  sizeBytes: number
}

/** Sends the file as the raw body: the server stores it and answers its URL and size. */
export async function uploadMedia(file: File): Promise<UploadedMedia> {
  const response = await fetch('/api/media', {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'accept-language': useLocaleStore.getState().locale },
    body: file,
  })
  return answerOf<UploadedMedia>(response)
}
