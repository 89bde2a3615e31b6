import { sameSignature } from './signatures'

/**
 * Aliyun and Tencent sign nothing they push: the callback URL registered in their console carries
 * a secret `token` query parameter instead, compared in constant time.
 */
export function hasCallbackToken(url: string, token: string | undefined): boolean {
  if (!token) return false
  return sameSignature(new URL(url).searchParams.get('token') ?? undefined, token)
}
