/**
 * How a service's consumer group behaves when a member dies, leaves or stalls: the timeouts that
 * make a killed, restarted or stopped consumer's partitions move on within seconds, and never
 * loop (issue 18: with a 10 s request timeout and a 30 s session, a SyncGroup waiting on a dead
 * member timed out client-side, the consumer crashed and rejoined as a new member, which started
 * the rebalance again, for minutes).
 *
 * The chain, for a member killed with SIGKILL (no LeaveGroup):
 * - the coordinator evicts it after `sessionTimeoutMs` without a heartbeat and starts a rebalance;
 * - every live member notices on its next heartbeat (within `heartbeatIntervalMs`, which the fetch
 *   wait bounds: kafkajs heartbeats between fetches, not from a background thread) and rejoins;
 * - the join completes when all have rejoined (or after `rebalanceTimeoutMs` for a member that
 *   never does), the leader assigns, SyncGroup hands the assignment out, fetching resumes.
 * A replacement started during that time joins the same rebalance. Stopped with SIGTERM, a member
 * sends LeaveGroup instead, and the rebalance starts at once.
 */
export const CONSUMER_GROUP_TIMING = {
  /**
   * A member silent this long is evicted and its partitions reassigned. 10 s: a killed replica's
   * partitions move within about 10 s, while a live member (which heartbeats every second, also
   * while a handler retries) survives a long GC pause or a slow batch. The broker accepts 6 s to
   * 30 min (`group.min.session.timeout.ms`, `group.max.session.timeout.ms`).
   */
  sessionTimeoutMs: 10_000,
  /**
   * A member heartbeats at most this often, and learns of a rebalance from the heartbeat's
   * answer: 1 s, so a rebalance started by a leaving or evicted member is joined within about a
   * second. A heartbeat is a few bytes.
   */
  heartbeatIntervalMs: 1_000,
  /**
   * How long a fetch with nothing to return waits at the broker. kafkajs heartbeats after each
   * empty fetch, so this is the heartbeat period of an idle consumer: 1 s (kafkajs' default of
   * 5 s would make every rebalance wait up to 5 s per member).
   */
  maxWaitTimeMs: 1_000,
  /**
   * Once a rebalance starts, how long the coordinator waits for every member to rejoin, and for
   * the leader's assignment (a member that misses either is removed and the rebalance goes on
   * without it). A live member first finishes the message in hand; a handler that is retrying
   * gives up its retries when it learns of the rebalance (the message is redelivered, the inbox
   * makes that harmless), so 15 s is ample, and it bounds what one dead member can hold up.
   */
  rebalanceTimeoutMs: 15_000,
  /**
   * Client-side deadline of the consumer's requests. It must exceed the longest time the broker
   * legitimately holds a group request: SyncGroup waits for the leader's assignment up to the
   * rebalance timeout (kafkajs gives JoinGroup the rebalance timeout + 5 s itself). Shorter, and a
   * sync waiting on a dead leader times out in the client, which drops the connection and rejoins
   * as a new member while its old membership lingers: the loop this replaced. The consumer has its
   * own client for this; producers keep the shorter deadline of the shared one.
   */
  requestTimeoutMs: 20_000,
  /**
   * Retries of a failed join, sync, fetch or commit inside kafkajs before the consumer restarts.
   * Rejoining after REBALANCE_IN_PROGRESS must be quick (a member that waits longer than the
   * rebalance timeout is left out), so the backoff stays under 3 s.
   */
  retry: { retries: 12, initialRetryTime: 250, maxRetryTime: 3_000 },
  /** After a crash kafkajs does not restart by itself (a non-retriable error), this service does. */
  restartDelayMs: 1_000,
} as const;
