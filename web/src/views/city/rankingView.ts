// What the ranking page works out from a run and the cycle: the stages still open (publication warns about them),
// and for a block tied at a pool's cutoff what each tie policy does with it (docs/ranking.md, Funding awards).
import type { Cycle, Stage } from "../../api/cycles";
import type { PoolOutcome } from "../../api/ranking";
import type { TiePolicy } from "./cycleForm";

export interface OpenStageAt {
  stage: Stage;
  deadline: string;
}

/** The stages whose deadline (the instant itself included) has not passed at `now`. */
export function openStagesAt(cycle: Cycle, now: Date): OpenStageAt[] {
  const out: OpenStageAt[] = [];
  for (const stage of ["self", "district", "city"] as const) {
    const deadline = cycle.deadlines[stage];
    if (deadline && new Date(deadline).getTime() >= now.getTime()) {
      out.push({ stage, deadline });
    }
  }
  return out;
}

export interface TieOption {
  policy: TiePolicy;
  /** Groups of the block awarded; undefined where it depends on category subtotals the run does not show. */
  blockAwarded?: number;
  /** Groups of the pool awarded in all. */
  poolAwarded?: number;
  /** Awards beyond the quota (INCLUDE_ALL_TIED). */
  overQuota: number;
  /** Award places left unused (NONE_AT_CUTOFF). */
  unused: number;
  /** The policy the run applied. */
  applied: boolean;
}

export interface TieAnalysis {
  pool: string;
  quota: number;
  /** Groups scoring above the block: awarded whatever the policy. */
  above: number;
  /** Places left for the block (fewer than its groups). */
  places: number;
  size: number;
  options: TieOption[];
}

/**
 * What each tie policy does with the block tied at `pool`'s cutoff. `blockAwardedNow` is how many of the block the
 * run awarded under `applied` (from the groups' results).
 */
export function analyseTie(pool: PoolOutcome, applied: TiePolicy, blockAwardedNow: number): TieAnalysis {
  const size = pool.tiedAtCutoff?.length ?? 0;
  const above = pool.awarded - blockAwardedNow;
  const places = Math.max(0, pool.quota - above);
  const options: TieOption[] = [
    { policy: "NONE_AT_CUTOFF", blockAwarded: 0, poolAwarded: above, overQuota: 0, unused: places, applied: applied === "NONE_AT_CUTOFF" },
    { policy: "INCLUDE_ALL_TIED", blockAwarded: size, poolAwarded: above + size, overQuota: Math.max(0, above + size - pool.quota),
      unused: 0, applied: applied === "INCLUDE_ALL_TIED" },
    applied === "BREAK_BY_CATEGORIES"
      ? { policy: "BREAK_BY_CATEGORIES", blockAwarded: blockAwardedNow, poolAwarded: pool.awarded, overQuota: 0,
        unused: places - blockAwardedNow, applied: true }
      : { policy: "BREAK_BY_CATEGORIES", overQuota: 0, unused: 0, applied: false },
  ];
  return { pool: pool.pool, quota: pool.quota, above, places, size, options };
}
