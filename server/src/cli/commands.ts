import type { Locale } from '@recall/shared'
import { asksForHelp, type CommandName, commandUsage, isCommandName, usage } from './usage'

export interface CliIo {
  stdout(line: string): void
  stderr(line: string): void
  env: Readonly<Record<string, string | undefined>>
}

type Command = (args: string[], locale: Locale, io: CliIo) => Promise<number>

/** Loaded on demand: `validate` should not pay for loading Fastify, PGlite and the SDKs. */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  validate: () => import('./validate').then((module) => module.validateCommand),
  simulate: () => import('./simulate').then((module) => module.simulateCommand),
  demo: () => import('./demo').then((module) => module.demoCommand),
  serve: () => import('./serve').then((module) => module.serveCommand),
  worker: () => import('./worker').then((module) => module.workerCommand),
}

/** Chinese when asked with --lang zh-CN or when the terminal's LANG is Chinese. */
export function cliLocale(args: string[], env: CliIo['env']): Locale {
  const flag = args.indexOf('--lang')
  const asked = flag >= 0 ? args[flag + 1] : env.LANG
  return asked?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** Runs one CLI command and returns its exit code; never throws for bad input. */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  const locale = cliLocale(args, io.env)
  if (isCommandName(command)) {
    if (!asksForHelp(rest)) return (await COMMANDS[command]())(rest, locale, io)
    io.stdout(commandUsage(command, locale))
    return 0
  }
  // Asked for: the answer on stdout with success. A wrong command: the usage on stderr, exit 2.
  if (command === undefined || command === 'help' || asksForHelp([command])) {
    io.stdout(usage(locale))
    return 0
  }
  io.stderr(usage(locale))
  return 2
}
