import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { accessRepository } from '../../src/repositories/access'
import { testDatabase } from '../support/databases'

const signIn = (app: FastifyInstance, email: string, password: string, client: { remoteAddress?: string; forwardedFor?: string }) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    ...(client.remoteAddress ? { remoteAddress: client.remoteAddress } : {}),
    headers: client.forwardedFor ? { 'x-forwarded-for': client.forwardedFor } : {},
    payload: { email, password },
  })

describe('sign-in limits', () => {
  let direct: FastifyInstance
  let proxied: FastifyInstance
  beforeAll(async () => {
    direct = await buildApp({ database: await testDatabase('pglite') })
    await accessRepository(direct.database.db).createUser({ email: 'owner@shop.example', name: 'Owner', role: 'admin', password: 'owner-password-1' })
    await accessRepository(direct.database.db).createUser({ email: 'busy@shop.example', name: 'Busy', role: 'editor', password: 'busy-password-1' })
    // Behind a reverse proxy on 10.0.0.1 that says who the client was.
    proxied = await buildApp({ database: await testDatabase('pglite'), trustProxy: '10.0.0.1' })
  }, 60_000)
  afterAll(async () => {
    await direct?.close()
    await proxied?.close()
  })

  it('closes an account to the address that sent ten wrong passwords, while its owner signs in from elsewhere', async () => {
    const statuses: number[] = []
    for (let attempt = 1; attempt <= 10; attempt++) statuses.push((await signIn(direct, 'Owner@shop.example ', 'guess', { remoteAddress: '203.0.113.1' })).statusCode)
    const hammering = await signIn(direct, 'owner@shop.example', 'owner-password-1', { remoteAddress: '203.0.113.1' })
    expect([...statuses, hammering.statusCode, hammering.json().error]).toEqual([...Array(10).fill(401), 429, 'rate_limited'])
    // The owner, from an address that has not failed, is not held back by the stranger.
    expect((await signIn(direct, 'owner@shop.example', 'owner-password-1', { remoteAddress: '198.51.100.20' })).statusCode).toBe(200)
    // Nor is a wrong try from another address: it is counted for that address, not refused.
    expect((await signIn(direct, 'owner@shop.example', 'guess', { remoteAddress: '198.51.100.21' })).statusCode).toBe(401)
  })

  it('counts failures only: an account signed into eleven times from many addresses is never held back', async () => {
    const statuses: number[] = []
    for (let attempt = 1; attempt <= 11; attempt++)
      statuses.push((await signIn(direct, 'busy@shop.example', 'busy-password-1', { remoteAddress: `198.18.0.${attempt}` })).statusCode)
    expect(statuses).toEqual(Array(11).fill(200))
  })

  it('keys the address limit on the client the trusted proxy names, not on the proxy', async () => {
    const first: number[] = []
    for (let attempt = 1; attempt <= 11; attempt++)
      first.push((await signIn(proxied, `user${attempt}@shop.example`, 'guess', { remoteAddress: '10.0.0.1', forwardedFor: '198.51.100.1' })).statusCode)
    expect(first).toEqual([...Array(10).fill(401), 429])
    const second = await signIn(proxied, 'user20@shop.example', 'guess', { remoteAddress: '10.0.0.1', forwardedFor: '198.51.100.2' })
    expect(second.statusCode).toBe(401)
    // An untrusted sender cannot pick its own address by sending the header.
    const spoofing: number[] = []
    for (let attempt = 1; attempt <= 11; attempt++)
      spoofing.push((await signIn(proxied, `spoof${attempt}@shop.example`, 'guess', { remoteAddress: '192.0.2.5', forwardedFor: `198.51.100.${100 + attempt}` })).statusCode)
    expect(spoofing.at(-1)).toBe(429)
  })
})
