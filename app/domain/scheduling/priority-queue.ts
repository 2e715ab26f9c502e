// A binary max-heap of item indices keyed by an integer gain; equal gains come out in
// ascending index order, so the scheduler's order never depends on heap internals.

export class GainQueue {
  private readonly gains: number[] = []
  private readonly items: number[] = []

  get size() {
    return this.items.length
  }

  push(gain: number, item: number) {
    this.gains.push(gain)
    this.items.push(item)
    let child = this.items.length - 1
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (!this.before(child, parent)) break
      this.swap(child, parent)
      child = parent
    }
  }

  /** The best [gain, item]; undefined when empty. */
  pop(): [number, number] | undefined {
    const last = this.items.length - 1
    if (last < 0) return undefined
    const top: [number, number] = [this.gains[0]!, this.items[0]!]
    this.swap(0, last)
    this.gains.pop()
    this.items.pop()
    let parent = 0
    for (;;) {
      const left = 2 * parent + 1
      const right = left + 1
      let best = parent
      if (left < this.items.length && this.before(left, best)) best = left
      if (right < this.items.length && this.before(right, best)) best = right
      if (best === parent) break
      this.swap(parent, best)
      parent = best
    }
    return top
  }

  private before(a: number, b: number) {
    const gainA = this.gains[a]!
    const gainB = this.gains[b]!
    return gainA > gainB || (gainA === gainB && this.items[a]! < this.items[b]!)
  }

  private swap(a: number, b: number) {
    ;[this.gains[a], this.gains[b]] = [this.gains[b]!, this.gains[a]!]
    ;[this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!]
  }
}
