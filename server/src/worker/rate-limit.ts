import { TokenBucket } from 'limiter'

/** A provider account's request rate: every call it makes (a batch call is one) takes a token. */
export interface RateLimit {
  /** Names the account, e.g. "aliyun:LTAI…": two providers on one account share its bucket. */
  key: string
  requestsPerSecond: number
}

/**
 * One token bucket per provider account, holding a second's worth of requests: a burst up to the
 * cloud's rate, then one request every 1/rate seconds. Tokens are waited for outside any
 * transaction, before the call.
 */
export class RequestBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  private bucketFor({ key, requestsPerSecond }: RateLimit): TokenBucket {
    const known = this.buckets.get(key)
    // A rate changed in the settings starts a new bucket at once.
    if (known?.tokensPerInterval === requestsPerSecond) return known
    const bucket = new TokenBucket({ bucketSize: requestsPerSecond, tokensPerInterval: requestsPerSecond, interval: 'second' })
    bucket.content = requestsPerSecond
    this.buckets.set(key, bucket)
    return bucket
  }

  /** Resolves when `requests` calls may be made on the account. */
  async take(limit: RateLimit | undefined, requests = 1): Promise<void> {
    if (!limit) return
    const bucket = this.bucketFor(limit)
    // More than a bucket holds is taken a bucketful at a time.
    for (let left = requests; left > 0; left -= bucket.bucketSize) await bucket.removeTokens(Math.min(left, bucket.bucketSize))
  }
}
