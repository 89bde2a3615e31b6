import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RequestBuckets } from '../../src/worker/rate-limit'

const ALIYUN = { key: 'aliyun:LTAI5tAliyunTestKey', requestsPerSecond: 2 }

describe('request rate per provider account (token bucket, fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Starts `count` takes at once and reports when each resolved, in ms since the start. */
  async function takeTimes(buckets: RequestBuckets, limit: typeof ALIYUN, requests: number[]): Promise<number[]> {
    const started = performance.now()
    const times: number[] = []
    const all = Promise.all(requests.map((count, index) => buckets.take(limit, count).then(() => (times[index] = performance.now() - started))))
    await vi.runAllTimersAsync()
    await all
    return times
  }

  it('lets a second’s worth go at once, then one request every 1/rate seconds: 2/s → 0, 0, 500, 1000, 1500 ms', async () => {
    expect(await takeTimes(new RequestBuckets(), ALIYUN, [1, 1, 1, 1, 1])).toEqual([0, 0, 500, 1000, 1500])
  })

  it('takes a call of more requests than the bucket holds a bucketful at a time: 5 at 2/s done at 1500 ms', async () => {
    expect(await takeTimes(new RequestBuckets(), ALIYUN, [5])).toEqual([1500])
  })

  it('keeps accounts apart and starts afresh when the rate is changed', async () => {
    const buckets = new RequestBuckets()
    expect(await takeTimes(buckets, ALIYUN, [2])).toEqual([0])
    expect(await takeTimes(buckets, { ...ALIYUN, key: 'tencent:AKIDTencentTestKey' }, [2])).toEqual([0])
    expect(await takeTimes(buckets, ALIYUN, [1])).toEqual([500])
    expect(await takeTimes(buckets, { ...ALIYUN, requestsPerSecond: 4 }, [4, 1])).toEqual([0, 250])
  })

  it('never waits without a limit (the sandbox, Twilio)', async () => {
    expect(await takeTimes(new RequestBuckets(), undefined as unknown as typeof ALIYUN, [1000])).toEqual([0])
  })
})
