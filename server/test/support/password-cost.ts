import { vi } from 'vitest'

/**
 * The server's tests hash passwords at scrypt N=2^12 instead of the production 2^17 (128 MiB and
 * 0.3–0.9 s a hash here): signing in is what they test, not scrypt, and 20 files sign in hundreds of
 * times. Hashes name their cost, so they verify as any other. `server/test/password-hashing.test.ts`
 * checks the production cost with the module as it is.
 */
vi.mock('../../src/access/passwords', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/access/passwords')>()
  return { ...original, hashPassword: (password: string) => original.hashPassword(password, { N: 2 ** 12, r: 8, p: 1 }) }
})
