import type * as tencentcloud from 'tencentcloud-sdk-nodejs-sms'
import { polledTime } from './pushed-times'
import type { BeforeRequest, StatusReport } from './types'

type PullClient = Pick<InstanceType<typeof tencentcloud.sms.v20210111.Client>, 'PullSmsSendStatus'>

/** PullSmsSendStatus hands out at most 100 statuses a call. */
const PULL_LIMIT = 100
/** A round pulls at most this many pages; the rest wait for the next round. */
const MAX_PAGES = 10

/**
 * Receipts by PullSmsSendStatus: the cloud's queue of statuses for the application, each handed
 * out once, read as the status callback reads them (SerialNo is the message's id).
 */
export function tencentReceiptPoll(connect: () => Promise<PullClient>, smsSdkAppId: string) {
  return async (_pending: unknown, now: number, beforeRequest: BeforeRequest): Promise<StatusReport[]> => {
    const client = await connect()
    const reports: StatusReport[] = []
    for (let page = 0; page < MAX_PAGES; page++) {
      await beforeRequest()
      const answer = await client.PullSmsSendStatus({ SmsSdkAppId: smsSdkAppId, Limit: PULL_LIMIT })
      const statuses = answer.PullSmsSendStatusSet ?? []
      for (const status of statuses) {
        if (!status.SerialNo) continue
        const delivered = status.ReportStatus === 'SUCCESS'
        reports.push({
          providerId: status.SerialNo,
          status: delivered ? 'delivered' : 'failed',
          code: delivered ? undefined : status.Description || 'UNKNOWN',
          // The SDK gives 0 for a status without a time.
          at: polledTime(status.UserReceiveTime || undefined, 'unixSeconds', now),
        })
      }
      if (statuses.length < PULL_LIMIT) break
    }
    return reports
  }
}
