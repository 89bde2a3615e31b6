import type { Locale } from '@recall/shared'

export type CommandName = 'validate' | 'simulate' | 'serve' | 'worker' | 'demo'

/** Each command's usage: the line that starts it, then what it does and its options. */
const COMMANDS: Record<CommandName, { en: string; zh: string }> = {
  validate: {
    en: 'validate <journey.json>   print every problem of a journey; exit 1 on any error',
    zh: 'validate <journey.json>   列出旅程的全部问题;有错误时退出码为 1',
  },
  simulate: {
    en: `simulate <journey.json> | --workspace <folder> --contacts <file.csv|json> [--settings <policies.json>] [--what-if <policies.json>]
           [--days 30] [--start <ISO>] [--seed 1] [--behaviour <file.json>] [--assume-consent] [--timelines 20] [--json]
                            run a journey, or every journey .json in a folder together (one clock, caps shared across journeys),
                            over sample contacts on a simulated clock; --settings: the workspace's send policies
                            (as GET /api/settings/policies answers), default policies without; --what-if: the same sample
                            again under other policies, the difference side by side; times in the contacts' own zones
                            (--json: ISO 8601 with offsets)`,
    zh: `simulate <journey.json> | --workspace <文件夹> --contacts <联系人.csv|json> [--settings <策略.json>] [--what-if <策略.json>]
           [--days 30] [--start <ISO 时间>] [--seed 1] [--behaviour <行为.json>] [--assume-consent] [--timelines 20] [--json]
                            在模拟时钟上用示例联系人运行一个旅程,或同时运行文件夹中的全部旅程 .json(同一时钟,频次上限跨旅程共享);
                            --settings:工作区发送策略(与 GET /api/settings/policies 的返回相同),不指定则用默认策略;
                            --what-if:在另一套策略下再次运行同一样本,并排列出差异;时间按联系人所在时区显示
                            (--json:带时区偏移的 ISO 8601)`,
  },
  serve: {
    en: `serve [--port 3000] [--demo]
                            the web app, API and worker on PGlite (./data, or RECALL_DATA_DIR), or PostgreSQL when DATABASE_URL is set;
                            --demo seeds a demo workspace on an empty database and runs the demo clock (an hour a second)`,
    zh: `serve [--port 3000] [--demo]
                            在 PGlite(./data 或 RECALL_DATA_DIR)上运行网页、API 和 worker,设置 DATABASE_URL 时使用 PostgreSQL;
                            --demo 在空数据库上创建演示工作区,并运行演示时钟(每秒一小时)`,
  },
  worker: {
    en: 'worker                    one more worker process against DATABASE_URL (PostgreSQL)',
    zh: 'worker                    针对 DATABASE_URL(PostgreSQL)再启动一个 worker 进程',
  },
  demo: {
    en: 'demo [--contacts 5000]    validate the templates and simulate the 90-day win-back on generated contacts',
    zh: 'demo [--contacts 5000]    校验模板,并在生成的联系人上模拟 90 天召回旅程',
  },
}

const LANG_OPTION = { en: '--lang en|zh-CN           language of messages (default: from LANG)', zh: '--lang en|zh-CN           消息语言(默认取自 LANG)' }

export function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name)
}

/** `recall --help`: every command. */
export function usage(locale: Locale): string {
  const key = locale === 'zh-CN' ? 'zh' : 'en'
  const lines = Object.values(COMMANDS).map((command) => `  ${command[key]}`)
  return [key === 'zh' ? '用法:recall <命令>' : 'Usage: recall <command>', '', ...lines, `  ${LANG_OPTION[key]}`].join('\n')
}

/** `recall <command> --help`: that command alone. */
export function commandUsage(command: CommandName, locale: Locale): string {
  const key = locale === 'zh-CN' ? 'zh' : 'en'
  return `${key === 'zh' ? '用法:' : 'Usage: '}recall ${COMMANDS[command][key]}\n  ${LANG_OPTION[key]}`
}

export const asksForHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h')
