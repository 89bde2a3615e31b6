import type * as Dysmsapi from '@alicloud/dysmsapi20170525'
import { toLocal } from '@recall/engine'
import { polledTime } from './pushed-times'
import type { BeforeRequest, PendingReceipt, StatusReport } from './types'

/** The SDK is loaded on first use (see aliyun.ts): its client and its request classes. */
type QuerySdk = () => Promise<{ client: Pick<InstanceType<typeof Dysmsapi.default>, 'querySendDetails'>; requests: Pick<typeof Dysmsapi, 'QuerySendDetailsRequest'> }>

/** QuerySendDetails takes the day the message was sent, Beijing time, as yyyyMMdd. */
function sendDate(at: number): string {
  const local = toLocal(at, 'Asia/Shanghai')
  return `${local.year}${String(local.month).padStart(2, '0')}${String(local.day).padStart(2, '0')}`
}

/** SendStatus 1 is still waiting for the carrier; 2 failed, 3 delivered. */
const SETTLED = { 2: 'failed', 3: 'delivered' } as const

/**
 * Receipts by QuerySendDetails, one request per message (number + BizId + send date), read as the
 * SmsReport push reads them. A query that fails is asked again at the next round.
 */
export function aliyunReceiptPoll(sdk: QuerySdk) {
  return async (pending: readonly PendingReceipt[], now: number, beforeRequest: BeforeRequest): Promise<StatusReport[]> => {
    const { client, requests } = await sdk()
    const reports: StatusReport[] = []
    for (const message of pending) {
      const [bizId, number] = message.providerId.split('/')
      if (!bizId || !number) continue
      await beforeRequest()
      const answer = await client
        .querySendDetails(new requests.QuerySendDetailsRequest({ phoneNumber: number, bizId, sendDate: sendDate(message.sentAt), pageSize: 10, currentPage: 1 }))
        .catch(() => undefined)
      for (const detail of answer?.body?.smsSendDetailDTOs?.smsSendDetailDTO ?? []) {
        const status = SETTLED[detail.sendStatus as keyof typeof SETTLED]
        if (!status) continue
        reports.push({
          providerId: message.providerId,
          status,
          code: status === 'failed' ? (detail.errCode ?? 'UNKNOWN') : undefined,
          at: polledTime(detail.receiveDate, 'beijing', now),
        })
      }
    }
    return reports
  }
}
