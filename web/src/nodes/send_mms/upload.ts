import { send } from '../../app/api'

export interface UploadedMedia {
  kind: 'image' | 'video'
  url: string
  sizeBytes: number
}

/** Sends the file as the raw body: the server stores it and answers its URL and size. */
export function uploadMedia(file: File): Promise<UploadedMedia> {
  return send<UploadedMedia>('POST', '/media', { raw: file, contentType: file.type || 'application/octet-stream' })
}
