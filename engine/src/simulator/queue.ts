/**
 * A binary min-heap of timed items; ties keep insertion order so runs are reproducible. Times and
 * insertion numbers live in typed arrays beside the items, not in an object per entry: the
 * comparisons then read two contiguous arrays instead of chasing an entry and its boxed time
 * (a tenth of the simulator's time), and the queue makes no garbage per push or pop.
 */
const earlier = (at: number, order: number, otherAt: number, otherOrder: number) => at < otherAt || (at === otherAt && order < otherOrder)

export class TimeQueue<Item> {
  private times = new Float64Array(1024)
  private orders = new Float64Array(1024)
  private items: (Item | undefined)[] = []
  private length = 0
  private counter = 0

  get size(): number {
    return this.length
  }

  push(at: number, item: Item): void {
    if (this.length === this.times.length) this.grow()
    const order = this.counter++
    // Moves parents down into the hole until the new entry fits, then writes it once.
    let index = this.length++
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!earlier(at, order, this.times[parent] as number, this.orders[parent] as number)) break
      this.move(parent, index)
      index = parent
    }
    this.place(index, at, order, item)
  }

  peekTime(): number | undefined {
    return this.length > 0 ? this.times[0] : undefined
  }

  /** The earliest item, taken out; read its time with peekTime first. */
  pop(): Item | undefined {
    if (this.length === 0) return undefined
    const top = this.items[0]
    const last = --this.length
    const at = this.times[last] as number
    const order = this.orders[last] as number
    const item = this.items[last] as Item
    this.items[last] = undefined
    if (last > 0) {
      // Sifts the last entry down from the root, moving smaller children up into the hole.
      let index = 0
      for (;;) {
        const left = index * 2 + 1
        if (left >= last) break
        const right = left + 1
        const child = right < last && this.less(right, left) ? right : left
        if (!earlier(this.times[child] as number, this.orders[child] as number, at, order)) break
        this.move(child, index)
        index = child
      }
      this.place(index, at, order, item)
    }
    return top
  }

  private less(a: number, b: number): boolean {
    return earlier(this.times[a] as number, this.orders[a] as number, this.times[b] as number, this.orders[b] as number)
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from] as number
    this.orders[to] = this.orders[from] as number
    this.items[to] = this.items[from]
  }

  private place(index: number, at: number, order: number, item: Item): void {
    this.times[index] = at
    this.orders[index] = order
    this.items[index] = item
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2)
    times.set(this.times)
    this.times = times
    const orders = new Float64Array(this.orders.length * 2)
    orders.set(this.orders)
    this.orders = orders
  }
}
