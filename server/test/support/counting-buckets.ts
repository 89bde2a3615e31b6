import { type RateLimit, RequestBuckets } from '../../src/worker/rate-limit'

/** Request buckets that never wait and note each token taken: [account key, requests]. */
export class CountingBuckets extends RequestBuckets {
  readonly taken: [string, number][] = []
  override async take(limit: RateLimit | undefined, requests = 1) {
    if (limit) this.taken.push([limit.key, requests])
  }
}
