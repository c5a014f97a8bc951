// One sitting of the daily review: today's due cards one at a time, the answer
// revealed on request, a grade moves on, and the last grade can be undone.
// The API is passed in so the logic is tested without a server.
import type { DueArgs, ReviewCard } from '../../lib/api';

export type GradeName = 'again' | 'hard' | 'good' | 'easy';
export const GRADES: readonly GradeName[] = ['again', 'hard', 'good', 'easy'];

export interface ReviewApi {
  reviewDue(a: DueArgs): Promise<ReviewCard[]>;
  reviewGrade(cardId: number, grade: GradeName): Promise<ReviewCard>;
  reviewUndoGrade(): Promise<ReviewCard>;
}

export class ReviewSession {
  #api: ReviewApi;
  #filter: DueArgs;
  #queue = $state<ReviewCard[]>([]);
  #revealed = $state(false);
  #done = $state(0);
  #busy = $state(false);
  #loaded = $state(false);

  constructor(api: ReviewApi, filter: DueArgs) {
    this.#api = api;
    this.#filter = filter;
  }

  get current(): ReviewCard | null {
    return this.#queue[0] ?? null;
  }
  get revealed(): boolean {
    return this.#revealed;
  }
  get done(): number {
    return this.#done;
  }
  get remaining(): number {
    return this.#queue.length;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** 0..1 of today's sitting. */
  get progress(): number {
    const total = this.#done + this.#queue.length;
    return total === 0 ? 1 : this.#done / total;
  }

  async load(): Promise<void> {
    this.#queue = await this.#api.reviewDue(this.#filter);
    this.#revealed = false;
    this.#loaded = true;
  }

  reveal(): void {
    // Not while a grade is on its way: the card shown is about to change.
    if (this.current && !this.#busy) this.#revealed = true;
  }

  /** Grade the current card (only once its answer is shown) and move on. */
  async grade(g: GradeName): Promise<boolean> {
    const card = this.current;
    if (!card || !this.#revealed || this.#busy) return false;
    this.#busy = true;
    try {
      await this.#api.reviewGrade(card.cardId, g);
      this.#done += 1;
      // Learning steps can bring a card back today; the server says which are due now.
      this.#queue = await this.#api.reviewDue(this.#filter);
      this.#revealed = false;
      return true;
    } finally {
      this.#busy = false;
    }
  }

  /** Undo the last grade: that card comes back to the front, answer hidden. */
  async undo(): Promise<ReviewCard | null> {
    if (this.#busy) return null;
    this.#busy = true;
    try {
      const card = await this.#api.reviewUndoGrade();
      this.#done = Math.max(0, this.#done - 1);
      this.#queue = [card, ...this.#queue.filter((c) => c.cardId !== card.cardId)];
      this.#revealed = false;
      return card;
    } finally {
      this.#busy = false;
    }
  }
}
