import { describe, expect, it, vi } from 'vitest'

vi.unmock('../src/access/passwords')
const { hashPassword, verifyPassword } = await import('../src/access/passwords')

describe('password hashes', () => {
  it("are scrypt at OWASP's floor (N=2^17, r=8, p=1) with a fresh salt, and verify only the password hashed", async () => {
    const [first, second] = [await hashPassword('correct horse 1'), await hashPassword('correct horse 1')]
    expect(first.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1'])
    expect(first).not.toBe(second)
    expect(first).not.toContain('correct horse')
    expect([await verifyPassword('correct horse 1', first), await verifyPassword('correct horse 2', first)]).toEqual([true, false])
  })

  it('verifies a hash at the cost it names, and refuses anything that is not a scrypt hash', async () => {
    const cheap = await hashPassword('pass-phrase-9', { N: 2 ** 10, r: 8, p: 1 })
    expect(cheap.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1'])
    expect(await verifyPassword('pass-phrase-9', cheap)).toBe(true)
    expect(await verifyPassword('pass-phrase-9', 'bcrypt$10$abc')).toBe(false)
  })
})
