/** A binary min-heap of timed items; ties keep insertion order so runs are reproducible. */
export class TimeQueue<Item> {
  private readonly heap: { at: number; order: number; item: Item }[] = []
  private counter = 0

  get size(): number {
    return this.heap.length
  }

  push(at: number, item: Item): void {
    const heap = this.heap
    heap.push({ at, order: this.counter++, item })
    let index = heap.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (!this.less(index, parent)) break
      this.swap(index, parent)
      index = parent
    }
  }

  peekTime(): number | undefined {
    return this.heap[0]?.at
  }

  /** The entry itself, out of the heap now: no copy per pop. */
  pop(): { at: number; item: Item } | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (!top || !last) return undefined
    if (heap.length > 0) {
      heap[0] = last
      let index = 0
      for (;;) {
        const left = index * 2 + 1
        const right = left + 1
        let smallest = index
        if (left < heap.length && this.less(left, smallest)) smallest = left
        if (right < heap.length && this.less(right, smallest)) smallest = right
        if (smallest === index) break
        this.swap(index, smallest)
        index = smallest
      }
    }
    return top
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as { at: number; order: number }
    const y = this.heap[b] as { at: number; order: number }
    return x.at < y.at || (x.at === y.at && x.order < y.order)
  }

  private swap(a: number, b: number): void {
    const heap = this.heap
    const temp = heap[a] as (typeof heap)[number]
    heap[a] = heap[b] as (typeof heap)[number]
    heap[b] = temp
  }
}
