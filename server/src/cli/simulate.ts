import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Behaviour, defaultPolicies, type SimulationContact } from '@recall/engine'
import { hasErrors, type Locale, localize, validateJourney } from '@recall/shared'
import { decodeFile } from '../contacts/file-encoding'
import { readContacts } from '../contacts/read-contacts'
import { simulateInParallel } from '../simulation/parallel'
import type { CliIo } from './commands'
import { formatSimulationSummary } from './simulation-summary'

const say = (locale: Locale, en: string, zh: string) => (locale === 'zh-CN' ? zh : en)

/** `recall simulate <journey.json> --contacts <file> --days 30 --start <ISO> --seed 1 [--behaviour <file>] [--json]` */
export async function simulateCommand(args: string[], locale: Locale, io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(args)
  } catch (cause) {
    io.stderr(
      `${(cause as Error).message}\n${say(locale, 'Usage', '用法')}: recall simulate <journey.json> --contacts <file.csv|json> --days 30 --start <ISO instant> --seed 1 [--behaviour <file.json>] [--json]`,
    )
    return 2
  }
  const { values, positionals } = parsed
  const base = io.env.INIT_CWD ?? process.cwd()
  const journeyFile = positionals[0]
  if (!journeyFile || !values.contacts) {
    io.stderr(
      say(
        locale,
        'Usage: recall simulate <journey.json> --contacts <file.csv|json> [--days 30] [--start <ISO instant>] [--seed 1] [--behaviour <file.json>] [--assume-consent] [--json]',
        '用法:recall simulate <journey.json> --contacts <联系人.csv|json> [--days 30] [--start <ISO 时间>] [--seed 1] [--behaviour <行为.json>] [--assume-consent] [--json]',
      ),
    )
    return 2
  }
  const days = Number(values.days)
  const seed = Number(values.seed)
  const start = Date.parse(values.start ?? new Date().toISOString())
  const bad = [
    Number.isInteger(days) && days > 0 && days <= 365 ? undefined : '--days',
    Number.isInteger(seed) ? undefined : '--seed',
    Number.isNaN(start) ? '--start' : undefined,
  ].filter(Boolean)
  if (bad.length > 0) {
    io.stderr(
      say(
        locale,
        `Invalid value for ${bad.join(', ')} (days: 1–365, seed: an integer, start: an ISO instant such as 2026-11-02T09:00:00+08:00)`,
        `${bad.join('、')} 的取值无效(天数 1–365,种子为整数,开始时间为 ISO 格式,例如 2026-11-02T09:00:00+08:00)`,
      ),
    )
    return 2
  }
  let journeyText: string
  let contactsText: string
  let behaviours: Behaviour[] = []
  try {
    journeyText = await readFile(resolve(base, journeyFile), 'utf8')
    contactsText = decodeFile(await readFile(resolve(base, values.contacts)))
    if (values.behaviour) behaviours = JSON.parse(await readFile(resolve(base, values.behaviour), 'utf8')) as Behaviour[]
  } catch (cause) {
    io.stderr(say(locale, `Cannot read input: ${(cause as Error).message}`, `无法读取输入:${(cause as Error).message}`))
    return 2
  }
  const { problems, document } = validateJourney(journeyText)
  if (!document || hasErrors(problems)) {
    for (const problem of problems.filter((entry) => entry.severity === 'error')) io.stderr(`error ${problem.code} ${problem.path}  ${localize(problem.message, locale)}`)
    return 1
  }
  // One rule with the API import: no consent unless the file says so; a simulation may opt in.
  const assumeConsent = values['assume-consent']
  const { contacts, errors } = readContacts(contactsText, extname(values.contacts).toLowerCase() === '.json' ? 'json' : 'csv', { consentByDefault: assumeConsent })
  for (const error of errors)
    io.stderr(say(locale, `contacts row ${error.row}, ${error.field || 'file'}: ${error.message.en}`, `联系人第 ${error.row} 行,${error.field || '文件'}:${error.message.zh}`))
  if (errors.length > 0) return 1
  const withoutConsent = contacts.filter((contact) => !contact.consent).length
  if (withoutConsent > 0 && !assumeConsent)
    io.stderr(
      say(
        locale,
        `${withoutConsent} of ${contacts.length} contacts have no consent (no consent unless the file says so); they receive no marketing. --assume-consent simulates as if they had.`,
        `${contacts.length} 个联系人中有 ${withoutConsent} 个未同意营销(文件未注明即视为未同意),不会收到营销短信。使用 --assume-consent 可按已同意模拟。`,
      ),
    )
  const started = performance.now()
  const timelines = Number(values.timelines)
  // JSON output is for tools: it carries every message; the summary needs none verbatim.
  const keepMessages = values.json ? Number.POSITIVE_INFINITY : 0
  const result = await simulateInParallel(document, contacts as SimulationContact[], {
    start,
    days,
    seed,
    policies: defaultPolicies(),
    behaviours,
    keepMessages,
    timelineContacts: Number.isInteger(timelines) && timelines >= 0 ? timelines : 20,
  })
  const seconds = (performance.now() - started) / 1000
  if (values.json) io.stdout(JSON.stringify(result))
  else for (const line of formatSimulationSummary(document, result, { start, seed, seconds }, locale)) io.stdout(line)
  return 0
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      contacts: { type: 'string' },
      days: { type: 'string', default: '30' },
      start: { type: 'string' },
      seed: { type: 'string', default: '1' },
      behaviour: { type: 'string' },
      json: { type: 'boolean', default: false },
      'assume-consent': { type: 'boolean', default: false },
      timelines: { type: 'string', default: '20' },
      lang: { type: 'string' },
    },
  })
}
