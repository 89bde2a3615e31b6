import type { Locale } from '@recall/shared'
import { demoCommand } from './demo'
import { serveCommand } from './serve'
import { simulateCommand } from './simulate'
import { validateCommand } from './validate'
import { workerCommand } from './worker'

export interface CliIo {
  stdout(line: string): void
  stderr(line: string): void
  env: Readonly<Record<string, string | undefined>>
}

const USAGE = `Usage: recall <command>

  validate <journey.json>   print every problem of a journey; exit 1 on any error
  simulate <journey.json> --contacts <file.csv|json> [--days 30] [--start <ISO>] [--seed 1] [--behaviour <file.json>] [--json]
                            run a journey over sample contacts on a simulated clock
  serve [--port 3000]       the API on PGlite (./data), or PostgreSQL when DATABASE_URL is set
  worker                    one more worker process against DATABASE_URL (PostgreSQL)
  demo [--contacts 5000]    validate the templates and simulate the 90-day win-back on generated contacts
  --lang en|zh-CN           language of messages (default: from LANG)`

/** Chinese when asked with --lang zh-CN or when the terminal's LANG is Chinese. */
export function cliLocale(args: string[], env: CliIo['env']): Locale {
  const flag = args.indexOf('--lang')
  const asked = flag >= 0 ? args[flag + 1] : env.LANG
  return asked?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** Runs one CLI command and returns its exit code; never throws for bad input. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  const locale = cliLocale(rest, io.env)
  switch (command) {
    case 'validate':
      return validateCommand(rest, locale, io)
    case 'simulate':
      return simulateCommand(rest, locale, io)
    case 'demo':
      return demoCommand(rest, locale, io)
    case 'serve':
      return serveCommand(rest, locale, io)
    case 'worker':
      return workerCommand(rest, locale, io)
    default:
      io.stderr(USAGE)
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2
  }
}
