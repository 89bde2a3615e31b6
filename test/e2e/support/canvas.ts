import type { Page } from 'playwright-core'

/** Waits until the canvas stops moving (fit and layout animate the viewport): a point read mid-move is clicked beside its target. */
export async function viewportSettled(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').evaluate((element) => (element as HTMLElement).style.transform)
  let last = await transform()
  for (let stable = 0; stable < 3; ) {
    await page.waitForTimeout(100)
    const now = await transform()
    stable = now === last ? stable + 1 : 0
    last = now
  }
}

/** Drags a connection from one handle to another with the mouse, as a person does. */
export async function dragHandle(page: Page, from: string, to: string): Promise<void> {
  const start = await page.locator(from).boundingBox()
  const end = await page.locator(to).boundingBox()
  if (!start || !end) throw new Error('handle not found')
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 })
  await page.mouse.up()
}
