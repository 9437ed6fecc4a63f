// What every page of the school's year needs first: the group the school leads (`GET /groups?school=mine`), the
// current cycle (`GET /cycles`), the group's participation with its extensions and the cycle's framework.
import { computed, ref, shallowRef } from "vue";
import type { Problem } from "../../api/client";
import { getParticipant, listCycles, type Cycle, type Participant } from "../../api/cycles";
import { myGroup, type Group } from "../../api/groups";
import { getFramework, type Framework } from "../../api/sheets";
import { useSession } from "../../stores/session";
import { currentCycle, stageDeadlines } from "./year";

export function useSchoolYear() {
  const session = useSession();
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

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = undefined;
    try {
      const [mine, cycles] = await Promise.all([myGroup(session.identity?.school ?? ""), listCycles()]);
      if (!mine.ok) {
        problem.value = mine.problem;
        return;
      }
      if (!cycles.ok) {
        problem.value = cycles.problem;
        return;
      }
      group.value = mine.data;
      cycle.value = currentCycle(cycles.data.items, new Date());
      if (!group.value || !cycle.value) {
        return;
      }
      const [joined, described] = await Promise.all([
        getParticipant(cycle.value.year, group.value.groupId),
        getFramework(cycle.value.frameworkId, cycle.value.frameworkVersion),
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

  return { loading, problem, group, cycle, participant, framework, enrolled, indicators, selfOpen, load };
}
