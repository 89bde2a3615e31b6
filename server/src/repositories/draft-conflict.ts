import { diffJourneys, error, type JourneyDocument, type Problem, warning } from '@recall/shared'
import { ApiError } from '../plugins/errors'

/** The draft as stored when a save named an older revision. */
export interface NewerDraft {
  draft: JourneyDocument
  draftRevision: number
  draftSavedBy: string | null
  updatedAt: Date
}

/** `"7"`, `W/"7"` or `*` from an If-Match header; undefined when the save is unconditional. */
export function revisionOf(ifMatch: string | undefined): number | 'any' | undefined {
  if (ifMatch === undefined) return undefined
  if (ifMatch.trim() === '*') return 'any'
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim())
  if (!match) throw new ApiError(400, 'invalid_if_match', { en: 'If-Match must be the ETag of the draft, e.g. "3"', zh: 'If-Match 必须是草稿的 ETag,例如 "3"' })
  return Number(match[1])
}

/**
 * 412 with who saved the newer draft, when, and which nodes differ from the one being saved, so the
 * editor can offer to reload theirs or overwrite it with its own.
 */
export function draftChangedError(mine: JourneyDocument, newer: NewerDraft): ApiError {
  const diff = diffJourneys(mine, newer.draft)
  const by = newer.draftSavedBy ?? 'someone'
  const at = newer.updatedAt.toISOString().slice(0, 16).replace('T', ' ')
  const nodeIndex = (nodeId: string) =>
    Math.max(
      0,
      newer.draft.nodes.findIndex((node) => node.id === nodeId),
    )
  const nodeProblem = (nodeId: string, en: string, zh: string): Problem =>
    warning('changed_elsewhere', `/nodes/${nodeIndex(nodeId)}`, { en: `${en} "${nodeId}"`, zh: `${zh}"${nodeId}"` }, { nodeId })
  const text = {
    en: `${by} saved this draft at ${at} UTC (revision ${newer.draftRevision}) after you opened it`,
    zh: `${by} 在 ${at} UTC 保存了此草稿(第 ${newer.draftRevision} 版),晚于你打开它的时间`,
  }
  const problems = [
    // What was refused: the revision If-Match named, as field errors say where; then what differs.
    error('draft_changed', '/headers/if-match', text),
    ...diff.changed.map((id) => nodeProblem(id, 'They changed', '对方修改了')),
    ...diff.added.map((id) => nodeProblem(id, 'They added', '对方新增了')),
    ...diff.removed.map((id) => nodeProblem(id, 'They removed', '对方删除了')),
    ...(diff.settingsChanged || mine.name !== newer.draft.name
      ? [warning('changed_elsewhere', '/settings', { en: 'They changed the journey name or settings', zh: '对方修改了旅程名称或设置' })]
      : []),
  ]
  return new ApiError(412, 'draft_changed', text, problems)
}
