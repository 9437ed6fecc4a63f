// What every page of the school's year needs first: the group the school leads (`GET /groups?school=mine`), the
// cycle the school works on (`GET /cycles`: the year chosen — `?year=` or the year page's choice, kept for the
// tab — else the current one), the group's participation with its extensions and the cycle's framework.
import { computed, ref, shallowRef } from "vue";
import { useRoute } from "vue-router";
import type { Problem } from "../../api/client";
import { getParticipant, listCycles, type Cycle, type Participant } from "../../api/cycles";
import { myGroup, type Group } from "../../api/groups";
import { getFramework, type Framework } from "../../api/sheets";
import { useSession } from "../../stores/session";
import { currentCycle, stageDeadlines } from "./year";

const CHOSEN = "groupeval.school.year";

/** The year the school chose to work on in this tab, if any. */
export function chosenYear(): number | undefined {
  try {
    const value = Number(window.sessionStorage.getItem(CHOSEN));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

export function chooseYear(year: number): void {
  try {
    window.sessionStorage.setItem(CHOSEN, String(year));
  } catch {
    // private mode: the year is the current one on each page
  }
}

export function useSchoolYear() {
  const session = useSession();
  const route = useRoute();
  const cycles = shallowRef<Cycle[]>([]);
  const loading = ref(true);
  const problem = ref<Problem>();
  const group = shallowRef<Group>();
  const cycle = shallowRef<Cycle>();
  /** null: the group was never enrolled in the cycle. */
  const participant = shallowRef<Participant | null>();
  const framework = shallowRef<Framework>();

  const enrolled = computed(() => participant.value?.status === "ENROLLED");
  const indicators = computed(() => (framework.value?.categories ?? []).flatMap((c) => c.indicators));
  /** The self-assessment is open for the group now (its extension counted). */
  const selfOpen = computed(() => Boolean(cycle.value)
    && stageDeadlines(cycle.value!, participant.value?.extensions, new Date())[0]!.open);

  /**
   * Loads the year; `alongside` (the page's own reads of the group's cycle) runs in parallel with the
   * participation and the framework, so that a page waits for two round trips, not three.
   */
  async function load(alongside?: (groupId: string, year: number) => Promise<void>): Promise<void> {
    loading.value = true;
    problem.value = undefined;
    try {
      const [mine, all] = await Promise.all([myGroup(session.identity?.school ?? ""), listCycles()]);
      if (!mine.ok) {
        problem.value = mine.problem;
        return;
      }
      if (!all.ok) {
        problem.value = all.problem;
        return;
      }
      group.value = mine.data;
      cycles.value = all.data.items;
      const asked = Number(route.query.year);
      if (Number.isInteger(asked) && all.data.items.some((c) => c.year === asked)) {
        chooseYear(asked);
      }
      const chosen = chosenYear();
      cycle.value = all.data.items.find((c) => c.year === chosen) ?? currentCycle(all.data.items, new Date());
      if (!group.value || !cycle.value) {
        return;
      }
      const [joined, described] = await Promise.all([
        getParticipant(cycle.value.year, group.value.groupId),
        getFramework(cycle.value.frameworkId, cycle.value.frameworkVersion),
        alongside?.(group.value.groupId, cycle.value.year),
      ]);
      if (joined.ok) {
        participant.value = joined.data;
      } else if (joined.status === 404) {
        participant.value = null;
      } else {
        problem.value = joined.problem;
      }
      if (described.ok) {
        framework.value = described.data;
      } else {
        problem.value = described.problem;
      }
    } finally {
      loading.value = false;
    }
  }

  return { loading, problem, group, cycles, cycle, participant, framework, enrolled, indicators, selfOpen, load };
}
