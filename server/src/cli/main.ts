import { runCommand } from './commands'

process.exitCode = await runCommand(process.argv.slice(2), { stdout: (line) => console.log(line), stderr: (line) => console.error(line), env: process.env })
