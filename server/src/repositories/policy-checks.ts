import type { SendPolicies } from '@recall/engine'
import { error, intersectWeekly, isEmptyWeekly, LEGAL_WINDOW, type Problem, type SendWindow, toWeeklyIntervals } from '@recall/shared'
import { ApiError } from '../plugins/errors'

const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)
const describe = (window: SendWindow) => window.map((slot) => `${slot.start}–${slot.end}`).join(', ')

/**
 * Policies a person could save but would never want: allowed hours that leave no time inside the
 * legal 08:00–21:00 (so no promotional message could ever go out), a cap of 0 (every send blocked),
 * and two caps with one id.
 */
export function policyProblems(policies: SendPolicies): Problem[] {
  const problems: Problem[] = []
  const allowed = policies.quietHoursWindow
  const base = allowed ? intersectWeekly(LEGAL, toWeeklyIntervals(allowed)) : LEGAL
  if (allowed && isEmptyWeekly(base))
    problems.push(
      error('settings.no_allowed_time', '/body/quietHoursWindow', {
        en: `Allowed sending hours ${describe(allowed)} leave no time inside the legal window 08:00–21:00: no marketing or recall message could ever be sent`,
        zh: `允许发送时段 ${describe(allowed)} 与法定时段 08:00–21:00 没有重叠:营销和召回消息将永远无法发送`,
      }),
    )
  for (const category of ['marketing', 'recall'] as const) {
    const window = policies.categoryWindows[category]
    if (!window || isEmptyWeekly(base)) continue
    if (isEmptyWeekly(intersectWeekly(base, toWeeklyIntervals(window))))
      problems.push(
        error('settings.no_allowed_time', `/body/categoryWindows/${category}`, {
          en: `${category === 'marketing' ? 'Marketing' : 'Recall'} hours ${describe(window)} leave no time inside the legal window${allowed ? ' and the allowed sending hours' : ''}: those messages could never be sent`,
          zh: `${category === 'marketing' ? '营销' : '召回'}消息时段 ${describe(window)} 与法定时段${allowed ? '及允许发送时段' : ''}没有重叠:这类消息将永远无法发送`,
        }),
      )
  }
  const capIds = new Set<string>()
  policies.caps.forEach((cap, index) => {
    // A what-if and the cap reasons name caps by id: two with one id could not be told apart.
    if (capIds.has(cap.id))
      problems.push(
        error('settings.cap_repeated', `/body/caps/${index}/id`, {
          en: `Two frequency caps are called "${cap.id}": give each cap its own id`,
          zh: `有两条频次上限都叫"${cap.id}":请为每条规则设置不同的 id`,
        }),
      )
    capIds.add(cap.id)
    if (cap.limit === 0)
      problems.push(
        error('settings.cap_zero', `/body/caps/${index}/limit`, {
          en: `Frequency cap "${cap.id}": at most 0 would block every ${cap.categories.join('/')} message; enter a number, or remove the cap for no cap`,
          zh: `频次上限"${cap.id}":最多 0 条会拦截所有此类消息;请填写数字,不设上限请删除该规则`,
        }),
      )
  })
  return problems
}

/** Refuses policies with problems, in the API's one error shape, writing nothing. */
export function assertUsablePolicies(policies: SendPolicies): void {
  const problems = policyProblems(policies)
  if (problems.length > 0)
    throw new ApiError(400, 'invalid_policies', { en: 'These send policies would block sending; nothing was saved', zh: '这些发送策略会导致无法发送,未保存' }, problems)
}
