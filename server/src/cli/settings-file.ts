import { readFile } from 'node:fs/promises'
import { canonicalTimeZone, type SendPolicies } from '@recall/engine'
import { error, type Problem, schemaProblems } from '@recall/shared'
import { policyProblems } from '../repositories/policy-checks'
import { completePolicies, type SendPoliciesInput, SendPoliciesSchema } from '../repositories/settings'

/**
 * A settings file for `recall simulate --settings`: the workspace's send policies in the shape
 * `GET /api/settings/policies` answers and `PUT` accepts, checked by the same schema and rules,
 * so a file saved from a workspace simulates with exactly its settings.
 */
export async function readSettingsFile(path: string): Promise<{ policies: SendPolicies; problems: [] } | { policies?: undefined; problems: Problem[] }> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(path, 'utf8'))
  } catch (cause) {
    const reason = (cause as Error).message
    return { problems: [error('settings.unreadable', '', { en: `The settings file cannot be read as JSON: ${reason}`, zh: `无法按 JSON 读取设置文件:${reason}` })] }
  }
  const shape = schemaProblems(SendPoliciesSchema, value, '')
  if (shape.length > 0) return { problems: shape }
  const input = value as SendPoliciesInput
  const defaultTimeZone = canonicalTimeZone(input.defaultTimeZone)
  if (!defaultTimeZone)
    return {
      problems: [error('settings.time_zone', '/defaultTimeZone', { en: `"${input.defaultTimeZone}" is not a known time zone`, zh: `"${input.defaultTimeZone}" 不是有效的时区` })],
    }
  const policies = completePolicies({ ...input, defaultTimeZone })
  // The API names fields under /body; a file has no body around them.
  const unusable = policyProblems(policies).map((problem) => ({ ...problem, path: problem.path.replace(/^\/body/, '') }))
  return unusable.length > 0 ? { problems: unusable } : { policies, problems: [] }
}
