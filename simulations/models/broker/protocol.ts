/**
 * The delivery protocol between a message broker and its consumers.
 *
 * A broker does not answer a message the way a server answers a request. It hands a *delivery* to a
 * consumer and waits for one of three things: an acknowledgement (the work is done, delete the
 * message), a negative acknowledgement (it failed, make it visible again), or nothing at all (the
 * consumer crashed or hung; the visibility timeout brings the message back). A delivery is a lease,
 * and leases can go stale: after a timeout the same message may be leased to a second consumer while
 * the first is still working on it. That is where at-least-once duplicates come from.
 *
 * Brokers find consumer nodes through `ModelContext.peer()` and recognise them with
 * {@link isMessageConsumer}; any other node at the end of a broker edge is driven as a plain push
 * target (request out, reply = ack or nack). Both halves live in this folder, so the runtime needs
 * no knowledge of messaging at all.
 */
import type { Request, SimNode } from "../../kernel/model";

/** One lease of one message to one consumer. */
export interface Delivery {
  /** The message id: the id of the request that published it (stable across redeliveries and retries). */
  readonly messageId: number;
  /** The publishing request (key, client, spans); processing downstream may reuse it. */
  readonly request: Request;
  /** How many times this message has been received by this subscription, this one included (1 = first). */
  readonly receiveCount: number;
  /** The broker's visibility timeout, ms (null: no timer), so a heartbeat knows how often to extend. */
  readonly visibilityTimeoutMs: number | null;
  /** Whether another consumer was still processing this same message when this lease was granted. */
  readonly concurrentDuplicate: boolean;
  /** Deletes the message (processing succeeded). An ack of a message already deleted is ignored. */
  ack(): void;
  /** Returns the message for redelivery after the broker's `nackDelayMs` (processing failed). */
  nack(): void;
  /** Pushes the visibility deadline to now + the broker's timeout (a heartbeat; capped at 12 h from receipt). */
  extendVisibility(): void;
  /**
   * Bookkeeping only: the consumer lost this lease without answering (it crashed). The broker does not
   * learn anything it would not in reality (the message still waits for its visibility timeout) unless
   * the broker has no timeout, in which case it models a closed connection and requeues at once.
   */
  abandon(): void;
}

/** What a node must offer to receive deliveries from a broker. */
export interface MessageConsumer {
  readonly consumesMessages: true;
  /** How many more deliveries this consumer takes now (prefetch minus unacked); 0 when down. */
  capacity(): number;
  /** Hands over a delivery; only called when `capacity() > 0`. */
  deliver(delivery: Delivery): void;
  /** Registers a callback the consumer calls whenever its capacity may have grown. */
  onCapacity(callback: () => void): void;
}

export function isMessageConsumer(node: SimNode): node is SimNode & MessageConsumer {
  return (node as Partial<MessageConsumer>).consumesMessages === true;
}

/**
 * Brokers that accept messages moved by another broker (dead-lettering) without a producer reply.
 */
export interface MessageStore {
  readonly storesMessages: true;
  /** Stores `request` as a new message (for a dead-letter queue); returns false if refused. */
  storeMoved(request: Request): boolean;
}

export function isMessageStore(node: SimNode): node is SimNode & MessageStore {
  return (node as Partial<MessageStore>).storesMessages === true;
}

/** SQS caps a message's total invisibility at 12 hours from its receipt. */
export const MAX_VISIBILITY_MS = 12 * 60 * 60 * 1000;

/** A fraction in [0, 1) from a message id, the same everywhere: decides which messages are poison. */
export function messageFraction(messageId: number, salt: number): number {
  let h = (messageId ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4294967296;
}
