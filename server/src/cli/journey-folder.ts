import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { WorkspaceJourney } from '@recall/engine'
import { hasErrors, type Problem, validateJourney } from '@recall/shared'

/**
 * The journeys of a workspace folder: every .json file in it, in name order. A journey is known by
 * its file name (unique in a folder, where two exports may share a document id) and its own name.
 */
export async function readJourneyFolder(folder: string): Promise<{ journeys: WorkspaceJourney[]; problems: { file: string; problem: Problem }[] }> {
  const files = (await readdir(folder)).filter((file) => file.toLowerCase().endsWith('.json')).sort()
  const journeys: WorkspaceJourney[] = []
  const problems: { file: string; problem: Problem }[] = []
  for (const file of files) {
    const { problems: found, document } = validateJourney(await readFile(join(folder, file), 'utf8'))
    for (const problem of found.filter((entry) => entry.severity === 'error')) problems.push({ file, problem })
    if (document && !hasErrors(found)) journeys.push({ id: basename(file, '.json'), name: document.name, document })
  }
  return { journeys, problems }
}
