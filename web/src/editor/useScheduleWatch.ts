import { useEffect } from 'react'
import { api, type JourneyRecord } from '../app/api'

/** How often an open editor asks whether its scheduled publish went live (real time). */
const WATCH_EVERY_MS = 3_000

/**
 * While a publish is scheduled, follows it on the server (whose clock may be the demo's): when it
 * goes live or fails, the editor shows the new version or the reason without a reload. Only the
 * journey's status, version and schedule are taken, never the draft being edited.
 */
export function useScheduleWatch(journeyId: string, record: JourneyRecord | undefined, update: (record: JourneyRecord) => void): void {
  const pending = record?.schedule && !record.schedule.failure ? record.schedule.publishAt : undefined
  useEffect(() => {
    if (!pending || !record) return
    const timer = setInterval(() => {
      api<JourneyRecord>('GET', `/journeys/${encodeURIComponent(journeyId)}`)
        .then((fresh) => {
          if (fresh.schedule?.publishAt === pending && !fresh.schedule.failure) return
          update({ ...record, schedule: fresh.schedule, journey: { ...record.journey, status: fresh.journey.status, liveVersion: fresh.journey.liveVersion } })
        })
        .catch(() => {})
    }, WATCH_EVERY_MS)
    return () => clearInterval(timer)
  }, [journeyId, pending, record, update])
}
