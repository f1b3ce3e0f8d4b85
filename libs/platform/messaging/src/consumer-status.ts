/**
 * What the service's consumer is doing, from kafkajs' instrumentation events: whether it is a
 * member of its group and which partitions it holds, how often it restarted, when it last polled.
 * Readiness, `/api/health` (through readiness) and the metrics all read it.
 */
export type ConsumerState =
  /** Not started yet, or connecting and joining for the first time. */
  | 'joining'
  /** A member of the current generation, fetching its partitions. */
  | 'member'
  /** The group is rebalancing: this member is rejoining. */
  | 'rebalancing'
  /** Crashed; kafkajs or the service restarts it. */
  | 'restarting'
  /** Stopped for good (the service is shutting down). */
  | 'stopped';

export interface ConsumerSnapshot {
  readonly group: string;
  readonly state: ConsumerState;
  /** Milliseconds in this state. */
  readonly stateForMs: number;
  /** Milliseconds since it last was a member (0 while it is one). */
  readonly outOfGroupForMs: number;
  readonly memberId: string | null;
  /** Partitions held, per topic (empty unless a member). */
  readonly assignment: Readonly<Record<string, readonly number[]>>;
  readonly partitions: number;
  /** Crashes since start (each followed by a restart unless stopping). */
  readonly restarts: number;
  /** Rebalances this member went through after its first join. */
  readonly rebalances: number;
  /** Milliseconds since the last fetch started (null before the first). */
  readonly lastPollAgoMs: number | null;
  readonly lastError: string | null;
}

export interface ConsumerVerdict {
  readonly ready: boolean;
  readonly reason?: string;
}

export class ConsumerStatus {
  private state: ConsumerState = 'joining';
  private stateSince: number;
  private memberSince: number | null = null;
  /** Since when it has not been a member (start, or the last time it stopped being one). */
  private outSince: number;
  private memberId: string | null = null;
  private assignment: Record<string, number[]> = {};
  private restarts = 0;
  private rebalances = 0;
  private joinedOnce = false;
  private lastPollAt: number | null = null;
  private lastError: string | null = null;

  constructor(
    readonly group: string,
    private readonly now: () => number = Date.now,
  ) {
    this.stateSince = now();
    this.outSince = this.stateSince;
  }

  joined(memberId: string, assignment: Record<string, number[]>): void {
    if (this.joinedOnce && this.state !== 'member') this.rebalances++;
    this.joinedOnce = true;
    this.memberId = memberId;
    this.assignment = assignment;
    this.memberSince = this.now();
    this.enter('member');
  }

  /**
   * The group said it is rebalancing (or the coordinator moved): the member rejoins. It keeps
   * its partitions until a join hands out new ones, or a heartbeat shows it still holds them.
   */
  rebalancing(): void {
    if (this.state === 'member') this.outSince = this.now();
    this.enter('rebalancing');
  }

  /**
   * A heartbeat the coordinator accepted: this member belongs to the current generation. After
   * a coordinator move (Kafka restarted) kafkajs can carry on with its generation, which the
   * new coordinator loaded, without a new join: this is how that return is seen.
   */
  heartbeat(memberId: string): void {
    if (this.state !== 'rebalancing' || memberId !== this.memberId) return;
    this.memberSince = this.now();
    this.enter('member');
  }

  crashed(error: string): void {
    this.restarts++;
    this.lastError = error;
    this.leaveMembership();
    this.enter('restarting');
  }

  /** A new consumer is being started after a crash (same state, kept for its clock). */
  restarting(): void {
    if (this.state !== 'restarting') this.enter('restarting');
  }

  stopped(): void {
    this.leaveMembership();
    this.enter('stopped');
  }

  polled(): void {
    this.lastPollAt = this.now();
  }

  snapshot(): ConsumerSnapshot {
    const now = this.now();
    return {
      group: this.group,
      state: this.state,
      stateForMs: now - this.stateSince,
      outOfGroupForMs: this.state === 'member' ? 0 : now - this.outSince,
      memberId: this.memberId,
      assignment: this.assignment,
      partitions: Object.values(this.assignment).reduce((sum, p) => sum + p.length, 0),
      restarts: this.restarts,
      rebalances: this.rebalances,
      lastPollAgoMs: this.lastPollAt === null ? null : now - this.lastPollAt,
      lastError: this.lastError,
    };
  }

  /**
   * Ready while a member that keeps polling, and for `graceMs` after it stopped being one (a
   * start, a rebalance, a restart after a crash take seconds). Not ready once it has been out of
   * its group, or a member that stopped polling (a handler stuck), for longer than that.
   */
  verdict(graceMs: number): ConsumerVerdict {
    const s = this.snapshot();
    if (s.state === 'member') {
      const sincePoll = this.now() - Math.max(this.lastPollAt ?? 0, this.memberSince ?? 0);
      if (sincePoll <= graceMs) return { ready: true };
      return { ready: false, reason: `a member, but no fetch for ${sincePoll} ms` };
    }
    if (s.state === 'stopped') return { ready: false, reason: 'stopped' };
    const outFor = this.now() - this.outSince;
    if (outFor <= graceMs) return { ready: true };
    return {
      ready: false,
      reason: `not a member of group ${s.group} for ${outFor} ms (${s.state}, ${s.restarts} restarts${s.lastError ? `, last error: ${s.lastError}` : ''})`,
    };
  }

  private leaveMembership(): void {
    if (this.state === 'member') this.outSince = this.now();
    this.memberId = null;
    this.assignment = {};
  }

  private enter(state: ConsumerState): void {
    if (state === this.state && state !== 'member') return;
    this.state = state;
    this.stateSince = this.now();
  }
}
