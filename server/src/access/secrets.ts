import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { ApiError } from '../plugins/errors'

/** Seals and opens provider credentials with AES-256-GCM under a key from the environment. */
export interface SecretBox {
  seal(plain: string): string
  open(sealed: string): string
}

const NO_KEY = new ApiError(503, 'secret_key_missing', {
  en: 'Set RECALL_SECRET_KEY (any long random text) on the server to store provider credentials',
  zh: '请在服务器上设置 RECALL_SECRET_KEY(足够长的随机字符串)后再保存服务商凭据',
})

export function secretBox(secretKey: string | undefined): SecretBox {
  // Any text of enough length works as the key; SHA-256 turns it into the 32 bytes AES-256 needs.
  const key = secretKey && secretKey.length >= 16 ? createHash('sha256').update(secretKey).digest() : undefined
  return {
    seal(plain) {
      if (!key) throw NO_KEY
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':')
    },
    open(sealed) {
      if (!key) throw NO_KEY
      const [version, iv, tag, data] = sealed.split(':')
      if (version !== 'v1' || !iv || !tag || !data) throw new Error('not a sealed secret')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8')
    },
  }
}
