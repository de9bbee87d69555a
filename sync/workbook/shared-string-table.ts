// The workbook's shared strings as the writer hands them out: only the texts a plan marks as recurring, and
// few of them, so the table stays small whatever the rows hold. The same table runs where rows are written as
// XML on another thread, seeded with the texts so far, so both sides number a text alike.
/** Shared strings longer than this stay inline: the table must stay small whatever the text. */
export const MAX_SHARED_TEXT = 255;
/** At most this many distinct shared strings (a few MB); later new ones are written inline. */
export const MAX_SHARED_STRINGS = 50_000;

export class SharedStringTable {
  private readonly ids = new Map<string, number>();
  private readonly limit: number;

  /** `add` puts a new text in the workbook's table and answers its number; `room`, how many more it takes. */
  constructor(private readonly add: (text: string) => number, seed: readonly string[] = [], room = MAX_SHARED_STRINGS) {
    seed.forEach((text, id) => this.ids.set(text, id));
    this.limit = seed.length + room;
  }

  /** The number of a text, or undefined (too long, or the table is full): the text is then written inline. */
  id(text: string): number | undefined {
    let id = this.ids.get(text);
    if (id === undefined && text.length <= MAX_SHARED_TEXT && this.ids.size < this.limit) this.ids.set(text, (id = this.add(text)));
    return id;
  }

  /** The texts so far in id order, and the room left: what another thread's table starts from. */
  snapshot(): { texts: string[]; room: number } {
    return { texts: [...this.ids.keys()], room: this.limit - this.ids.size };
  }

  /** Takes texts that another thread numbered from this table's snapshot, in the same order. */
  adopt(texts: readonly string[]): void {
    for (const text of texts) {
      const expected = this.ids.size;
      if (this.id(text) !== expected) throw new Error(`the shared string "${text}" was numbered ${expected} on the other thread`);
    }
  }
}
