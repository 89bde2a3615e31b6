import { toLocal } from '@recall/engine'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { testDatabase } from '../support/databases'

const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
const request = { count: 200, clickRate: 0.3, orderRate: 0.1, redeemRate: 0.1, start: '2026-12-01T00:00:00+08:00', days: 7 }
const aliyun = {
  endpoint: 'https://dysmsapi.aliyuncs.com',
  accessKeyId: 'LTAI5tExample',
  signName: '乐享商城',
  accessKeySecret: 'aliyun-secret-123',
  callbackToken: 'aliyun-token-123',
  // A narrow hour, so that every send of the run must fall in it.
  marketingWindow: { start: '08:00', end: '09:00' },
}

describe("simulations honour the routed cloud's marketing hours", () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase('pglite'), secretKey: 'a-long-test-secret-key-0123456789' })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: winBack })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function simulate() {
    const started = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/simulations', payload: request })
    for (;;) {
      const run = (await app.inject({ method: 'GET', url: `/api/simulations/${started.json().id}` })).json()
      if (run.status !== 'running') return run.result
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('sends promotional messages only inside Aliyun hours once recall and marketing go through Aliyun, and says why the rest wait', async () => {
    const before = await simulate()
    // Whether each send on the kept timelines (all of this journey's are promotional) was at 09:00 or later, Beijing time.
    const hours = (result: { timelines: Record<string, { at: number; kind: string }[]> }) =>
      new Set(
        Object.values(result.timelines)
          .flat()
          .filter((entry) => entry.kind === 'sent')
          .map((entry) => toLocal(entry.at, 'Asia/Shanghai').minutes >= 9 * 60),
      )
    expect(hours(before)).toContain(true)
    const saved = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { routes: { marketing: 'aliyun', recall: 'aliyun' }, aliyun } })
    expect(saved.statusCode).toBe(200)
    const after = await simulate()
    expect(after.messages.total).toBeGreaterThan(0)
    expect(hours(after)).toEqual(new Set([false]))
    // Grouped by cause, without the resume time.
    expect(after.held).toContainEqual({
      code: 'held',
      message: { en: 'held: outside Aliyun marketing hours 08:00–09:00 (Beijing)', zh: '暂缓:不在阿里云营销短信发送时段 08:00–09:00(北京时间)内' },
      count: expect.any(Number),
    })
  })
})
