/**
 * Edge-case tags per row, as a number per row naming an interned tag list: inputs have a handful of distinct
 * tag lists (non_ascii alone is on half the rows of a multilingual export), so a row costs 4 bytes instead of a
 * Map entry and an array, and a worker's rows cross to the main thread as one typed array. A row's tags keep
 * the order they were added in.
 */

/** Interns tag lists: equal lists (same tags, same order) get the same id; id 0 is the empty list. */
export class TagListTable {
  readonly lists: Array<readonly string[]> = [[]];
  private readonly root: TrieNode = { id: 0, next: undefined };

  id(tags: readonly string[]): number {
    let node = this.root;
    for (const t of tags) {
      const next = (node.next ??= new Map()).get(t);
      if (next) {
        node = next;
        continue;
      }
      const created: TrieNode = { id: -1, next: undefined };
      node.next.set(t, created);
      node = created;
    }
    if (node.id < 0) {
      node.id = this.lists.length;
      this.lists.push([...tags]);
    }
    return node.id;
  }
}

interface TrieNode {
  id: number;
  next: Map<string, TrieNode> | undefined;
}

export class RowTagSets implements Iterable<[number, readonly string[]]> {
  private readonly table = new TagListTable();
  /** per row: its list's id in `table` */
  private readonly listOf: Uint32Array;

  constructor(readonly count: number) {
    this.listOf = new Uint32Array(count);
  }

  /** The row's tags; undefined when it has none. */
  get(row: number): readonly string[] | undefined {
    const id = this.listOf[row] as number;
    return id === 0 ? undefined : this.table.lists[id];
  }

  /** The id of a tag list, for setList(). */
  listId(tags: readonly string[]): number {
    return this.table.id(tags);
  }

  /** Sets the row's tags (replacing any) to the list listId() gave. */
  setList(row: number, id: number): void {
    this.listOf[row] = id;
  }

  /** Appends a tag to the row's list unless it is there already. */
  add(row: number, tag: string): void {
    const cur = this.table.lists[this.listOf[row] as number] as readonly string[];
    if (!cur.includes(tag)) this.listOf[row] = this.table.id([...cur, tag]);
  }

  /** Rows with tags, in row order. */
  *[Symbol.iterator](): Iterator<[number, readonly string[]]> {
    const lists = this.table.lists;
    for (let r = 0; r < this.count; r++) {
      const id = this.listOf[r] as number;
      if (id !== 0) yield [r, lists[id] as readonly string[]];
    }
  }
}
