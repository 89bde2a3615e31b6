import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Behaviour, contactTimeZone, defaultPolicies, type SendPolicies, type SimulationContact, type SimulationOptions, type WorkspaceJourney } from '@recall/engine'
import { hasErrors, type Locale, localize, validateJourney } from '@recall/shared'
import { decodeFile } from '../contacts/file-encoding'
import { readContacts } from '../contacts/read-contacts'
import { simulateInParallel } from '../simulation/parallel'
import type { CliIo } from './commands'
import { readJourneyFolder } from './journey-folder'
import { simulationJson } from './local-times'
import { readSettingsFile } from './settings-file'
import { formatSimulationSummary } from './simulation-summary'
import { commandUsage } from './usage'
import { simulateWorkspaceCommand } from './workspace-run'

const say = (locale: Locale, en: string, zh: string) => (locale === 'zh-CN' ? zh : en)

/** Policies from a --settings or --what-if file; undefined after printing each problem with the file and field. */
async function policiesFrom(file: string, base: string, io: CliIo, locale: Locale): Promise<SendPolicies | undefined> {
  const { policies, problems } = await readSettingsFile(resolve(base, file))
  for (const problem of problems) io.stderr(`error ${problem.code} ${file}${problem.path ? ` ${problem.path}` : ''}  ${localize(problem.message, locale)}`)
  return policies
}

/**
 * `recall simulate <journey.json> | --workspace <folder>` over `--contacts <file>`, with the
 * workspace's `--settings` (default policies without), and `--what-if <settings>` for a second run.
 */
export async function simulateCommand(args: string[], locale: Locale, io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(args)
  } catch (cause) {
    io.stderr(`${(cause as Error).message}\n${commandUsage('simulate', locale)}`)
    return 2
  }
  const { values, positionals } = parsed
  const base = io.env.INIT_CWD ?? process.cwd()
  const journeyFile = positionals[0]
  if ((!journeyFile && !values.workspace) || (journeyFile && values.workspace) || !values.contacts) {
    io.stderr(commandUsage('simulate', locale))
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
  const policies = values.settings ? await policiesFrom(values.settings, base, io, locale) : defaultPolicies()
  const whatIf = values['what-if'] ? await policiesFrom(values['what-if'], base, io, locale) : undefined
  if (!policies || (values['what-if'] && !whatIf)) return 1
  let journeys: WorkspaceJourney[]
  let contactsText: string
  let behaviours: Behaviour[] = []
  try {
    if (values.workspace) {
      const folder = await readJourneyFolder(resolve(base, values.workspace))
      for (const { file, problem } of folder.problems) io.stderr(`error ${problem.code} ${file} ${problem.path}  ${localize(problem.message, locale)}`)
      if (folder.problems.length > 0) return 1
      if (folder.journeys.length === 0) {
        io.stderr(say(locale, `No journey .json files in ${values.workspace}`, `${values.workspace} 中没有旅程 .json 文件`))
        return 1
      }
      journeys = folder.journeys
    } else {
      const { problems, document } = validateJourney(await readFile(resolve(base, journeyFile as string), 'utf8'))
      if (!document || hasErrors(problems)) {
        for (const problem of problems.filter((entry) => entry.severity === 'error')) io.stderr(`error ${problem.code} ${problem.path}  ${localize(problem.message, locale)}`)
        return 1
      }
      journeys = [{ id: document.id, name: document.name, document }]
    }
    contactsText = decodeFile(await readFile(resolve(base, values.contacts)))
    if (values.behaviour) behaviours = JSON.parse(await readFile(resolve(base, values.behaviour), 'utf8')) as Behaviour[]
  } catch (cause) {
    io.stderr(say(locale, `Cannot read input: ${(cause as Error).message}`, `无法读取输入:${(cause as Error).message}`))
    return 2
  }
  // One rule with the API import: no consent unless the file says so; a simulation may opt in.
  const assumeConsent = values['assume-consent']
  const { contacts, errors } = readContacts(contactsText, extname(values.contacts).toLowerCase() === '.json' ? 'json' : 'csv', { consentByDefault: assumeConsent })
  for (const error of errors)
    io.stderr(say(locale, `contacts row ${error.row}, ${error.field || 'file'}: ${error.message.en}`, `联系人第 ${error.row} 行,${error.field || '文件'}:${error.message.zh}`))
  if (errors.length > 0) return 1
  if (contacts.length === 0) {
    io.stderr(say(locale, `${values.contacts}: no contact rows; add at least one`, `${values.contacts}:没有联系人行,请至少添加一行`))
    return 1
  }
  const withoutConsent = contacts.filter((contact) => !contact.consent).length
  if (withoutConsent > 0 && !assumeConsent)
    io.stderr(
      say(
        locale,
        `${withoutConsent} of ${contacts.length} contacts have no consent (no consent unless the file says so); they receive no marketing. --assume-consent simulates as if they had.`,
        `${contacts.length} 个联系人中有 ${withoutConsent} 个未同意营销(文件未注明即视为未同意),不会收到营销短信。使用 --assume-consent 可按已同意模拟。`,
      ),
    )
  const timelines = Number(values.timelines)
  const options: SimulationOptions = {
    start,
    days,
    seed,
    policies,
    behaviours,
    // JSON output is for tools: it carries every message; the summary shows the first few.
    keepMessages: values.json ? Number.POSITIVE_INFINITY : 5,
    timelineContacts: Number.isInteger(timelines) && timelines >= 0 ? timelines : 20,
  }
  const zones = new Map(contacts.map((contact) => [contact.id, contactTimeZone(contact, policies.defaultTimeZone)]))
  const zoneOf = (contactId: string) => zones.get(contactId) ?? policies.defaultTimeZone
  const sample = contacts as SimulationContact[]
  if (values.workspace || whatIf) {
    const files = { base: values.settings ?? say(locale, 'default settings', '默认设置'), changed: values['what-if'] ?? '' }
    simulateWorkspaceCommand(journeys, sample, options, { whatIf, files, json: values.json, zoneOf }, locale, io)
    return 0
  }
  const document = (journeys[0] as WorkspaceJourney).document
  const started = performance.now()
  const result = await simulateInParallel(document, sample, options)
  const seconds = (performance.now() - started) / 1000
  if (values.json) io.stdout(JSON.stringify(simulationJson(result, zoneOf)))
  else for (const line of formatSimulationSummary(document, result, { start, seed, seconds, zoneOf }, locale)) io.stdout(line)
  return 0
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      settings: { type: 'string' },
      'what-if': { type: 'string' },
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
