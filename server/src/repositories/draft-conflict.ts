import { diffJourneys, error, type JourneyDocument, type Problem, storedActorText, warning } from '@recall/shared'
import { ApiError, refusalError } from '../plugins/errors'

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
  if (!match)
    throw refusalError({
      status: 400,
      code: 'invalid_if_match',
      path: '/headers/if-match',
      text: { en: 'If-Match must be the ETag of the draft, e.g. "3"', zh: 'If-Match 必须是草稿的 ETag,例如 "3"' },
    })
  return Number(match[1])
}

/** Whose changes a list of differences names: theirs since the revision a save started from, the save's own, or (that revision no longer kept) just what differs. */
type Whose = 'theirs' | 'mine' | 'differs'

const WORDS: Record<Whose, { changed: [string, string]; added: [string, string]; removed: [string, string]; settings: [string, string] }> = {
  theirs: {
    changed: ['They changed', '对方修改了'],
    added: ['They added', '对方新增了'],
    removed: ['They removed', '对方删除了'],
    settings: ['They changed the journey name or settings', '对方修改了旅程名称或设置'],
  },
  mine: {
    changed: ['You changed', '你修改了'],
    added: ['You added', '你新增了'],
    removed: ['You removed', '你删除了'],
    settings: ['You changed the journey name or settings', '你修改了旅程名称或设置'],
  },
  differs: {
    changed: ['Differs from yours:', '与你的不同:'],
    added: ['Differs from yours:', '与你的不同:'],
    removed: ['Differs from yours:', '与你的不同:'],
    settings: ['The journey name or settings differ from yours', '旅程名称或设置与你的不同'],
  },
}

/**
 * What differs from `before` to `after`, node by node, in the words of whose change it is; each node's
 * path is in `after` (a removed node's in `before`). `changed_here` is the refused save's own change.
 */
function changeProblems(before: JourneyDocument, after: JourneyDocument, whose: Whose): Problem[] {
  const diff = diffJourneys(before, after)
  const words = WORDS[whose]
  const code = whose === 'mine' ? 'changed_here' : 'changed_elsewhere'
  const nodeIndex = (document: JourneyDocument, nodeId: string) => document.nodes.findIndex((node) => node.id === nodeId)
  const nodeProblem = (nodeId: string, [en, zh]: [string, string], index: number): Problem =>
    warning(code, `/nodes/${index}`, { en: `${en} "${nodeId}"`, zh: `${zh}"${nodeId}"` }, { nodeId })
  return [
    ...diff.changed.map((id) => nodeProblem(id, words.changed, nodeIndex(after, id))),
    ...diff.added.map((id) => nodeProblem(id, words.added, nodeIndex(after, id))),
    ...diff.removed.map((id) => nodeProblem(id, words.removed, nodeIndex(before, id))),
    ...(diff.settingsChanged || before.name !== after.name ? [warning(code, '/settings', { en: words.settings[0], zh: words.settings[1] })] : []),
  ]
}

/**
 * 412 with who saved the newer draft, when, what they changed since `base` (the revision the save
 * started from) and, apart, what the refused save changes, so the editor can offer to reload theirs or
 * overwrite it with its own. Without `base` (no longer kept) it says what differs, not whose it is.
 */
export function draftChangedError(mine: JourneyDocument, newer: NewerDraft, base: JourneyDocument | undefined): ApiError {
  const by = storedActorText(newer.draftSavedBy, { opening: true })
  const at = newer.updatedAt.toISOString().slice(0, 16).replace('T', ' ')
  const text = {
    en: `${by.en} saved this draft at ${at} UTC (revision ${newer.draftRevision}) after you opened it`,
    zh: `${by.zh} 在 ${at} UTC 保存了此草稿(第 ${newer.draftRevision} 版),晚于你打开它的时间`,
  }
  const problems = [
    // What was refused: the revision If-Match named, as field errors say where; then what differs.
    error('draft_changed', '/headers/if-match', text),
    ...(base ? [...changeProblems(base, newer.draft, 'theirs'), ...changeProblems(base, mine, 'mine')] : changeProblems(mine, newer.draft, 'differs')),
  ]
  return new ApiError(412, 'draft_changed', text, problems)
}

/** What a request conditioned on a draft revision was about to do with it. */
export type DraftAction = 'publish' | 'submit' | 'schedule' | 'simulate'

const BEFORE: Record<DraftAction, { en: string; zh: string }> = {
  publish: { en: 'publishing', zh: '发布' },
  submit: { en: 'submitting it for review', zh: '提交审核' },
  schedule: { en: 'scheduling the publish', zh: '设定定时发布' },
  simulate: { en: 'simulating it', zh: '模拟' },
}

/** The draft revision a person saw (their If-Match) and what they were doing with it. */
export interface SeenDraft {
  revision: number
  action: DraftAction
}

/**
 * The revision a publish, submission, schedule or simulation names in If-Match (the draft the person saw); `*` or
 * no header names none, and the draft as stored then is used.
 */
export function seenDraftOf(ifMatch: string | undefined, action: DraftAction): SeenDraft | undefined {
  const revision = revisionOf(ifMatch)
  return revision === 'any' || revision === undefined ? undefined : { revision, action }
}

/**
 * 412 when the draft is not the revision the person saw: someone saved a newer one (named, so the
 * editor can say whose), or the revision named was never saved. Nothing is published or submitted.
 */
export function draftNotSeenError(seen: number, stored: { draftRevision: number; draftSavedBy: string | null }, action: DraftAction): ApiError {
  const before = BEFORE[action]
  const by = storedActorText(stored.draftSavedBy, { opening: true })
  const text =
    seen < stored.draftRevision
      ? { en: `${by.en} saved a newer draft: reload it before ${before.en}`, zh: `${by.zh} 保存了更新的草稿:请重新载入后再${before.zh}` }
      : {
          en: `The draft is at revision ${stored.draftRevision}, not ${seen}: reload it before ${before.en}`,
          zh: `草稿当前是第 ${stored.draftRevision} 版,不是第 ${seen} 版:请重新载入后再${before.zh}`,
        }
  return refusalError({ status: 412, code: 'draft_changed', path: '/headers/if-match', text })
}
