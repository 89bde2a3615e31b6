import type { SendPolicies } from '@recall/engine'
import { Duration, error, type Problem, SendWindow, TimeOfDay } from '@recall/shared'
import Type, { type Static } from 'typebox'
import { invalidRequest } from '../plugins/errors'
import { policyProblems } from '../repositories/policy-checks'

const HoursOfDay = Type.Object({ start: TimeOfDay, end: TimeOfDay }, { additionalProperties: false })

/**
 * Settings to try in a what-if, on top of the workspace's real ones: only what is named changes.
 * Caps are changed by id (the workspace's caps stay the ones that exist), a provider's window for
 * the cloud a category is routed to.
 */
export const WhatIfChangesSchema = Type.Object(
  {
    caps: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 60 }), limit: Type.Integer({ minimum: 1, maximum: 1000 }), window: Type.Optional(Duration) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 20 },
      ),
    ),
    quietHoursWindow: Type.Optional(SendWindow),
    categoryWindows: Type.Optional(Type.Object({ marketing: Type.Optional(SendWindow), recall: Type.Optional(SendWindow) }, { additionalProperties: false })),
    dailyMessageCeiling: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    providerWindows: Type.Optional(Type.Object({ marketing: Type.Optional(HoursOfDay), recall: Type.Optional(HoursOfDay) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
)
export type WhatIfChanges = Static<typeof WhatIfChangesSchema>

const PATH = '/body/changes'
const CATEGORY = { marketing: { en: 'marketing', zh: '营销' }, recall: { en: 'recall', zh: '召回' } }

function changeProblems(policies: SendPolicies, changes: WhatIfChanges): Problem[] {
  const problems: Problem[] = []
  if (Object.keys(changes).length === 0)
    problems.push(error('what_if.empty', PATH, { en: 'The what-if changes no setting: name at least one to compare', zh: '假设分析没有修改任何设置:请至少修改一项再对比' }))
  const known = policies.caps.map((cap) => cap.id)
  changes.caps?.forEach((cap, index) => {
    if (!known.includes(cap.id))
      problems.push(
        error('what_if.unknown_cap', `${PATH}/caps/${index}/id`, {
          en: `The workspace has no frequency cap "${cap.id}" (it has: ${known.join(', ') || 'none'})`,
          zh: `工作区没有频次上限"${cap.id}"(现有:${known.join('、') || '无'})`,
        }),
      )
  })
  for (const category of ['marketing', 'recall'] as const) {
    const hours = changes.providerWindows?.[category]
    if (!hours) continue
    const path = `${PATH}/providerWindows/${category}`
    if (!policies.providerRules?.[category])
      problems.push(
        error('what_if.no_provider_window', path, {
          en: `${CATEGORY[category].en} messages are not routed to a cloud with marketing hours (Aliyun, Tencent Cloud): there is no provider window to change`,
          zh: `${CATEGORY[category].zh}消息未路由到有营销时段的云服务(阿里云、腾讯云):没有可修改的服务商时段`,
        }),
      )
    else if (hours.start >= hours.end)
      problems.push(
        error('what_if.provider_window_order', `${path}/end`, {
          en: `The provider window must end after it starts (${hours.start}–${hours.end})`,
          zh: `服务商时段的结束时间必须晚于开始时间(${hours.start}–${hours.end})`,
        }),
      )
  }
  return problems
}

/**
 * The workspace's policies with the what-if's changes applied. Refuses, naming the field, changes
 * that name what does not exist or that would block every promotional send.
 */
export function changedPolicies(policies: SendPolicies, changes: WhatIfChanges): SendPolicies {
  const problems = changeProblems(policies, changes)
  if (problems.length > 0) throw invalidRequest(problems)
  const capChange = new Map((changes.caps ?? []).map((cap) => [cap.id, cap]))
  const providerRules = { ...policies.providerRules }
  for (const category of ['marketing', 'recall'] as const) {
    const hours = changes.providerWindows?.[category]
    const rule = providerRules[category]
    if (hours && rule) providerRules[category] = { ...rule, marketingWindow: hours }
  }
  const changed: SendPolicies = {
    ...policies,
    caps: policies.caps.map((cap) => {
      const change = capChange.get(cap.id)
      return change ? { ...cap, limit: change.limit, window: change.window ?? cap.window } : cap
    }),
    ...(changes.quietHoursWindow ? { quietHoursWindow: changes.quietHoursWindow } : {}),
    categoryWindows: { ...policies.categoryWindows, ...changes.categoryWindows },
    dailyMessageCeiling: changes.dailyMessageCeiling ?? policies.dailyMessageCeiling,
    ...(policies.providerRules ? { providerRules } : {}),
  }
  // The settings page's own checks, with their paths pointed at the what-if's fields.
  const blocked = policyProblems(changed).map((problem) => ({ ...problem, path: problem.path.replace(/^\/body/, PATH) }))
  if (blocked.length > 0) throw invalidRequest(blocked)
  return changed
}
