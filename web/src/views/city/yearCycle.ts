// The year a city page works on: its cycle, or the refusal shown instead of the page (no such year, no access).
import { ref } from "vue";
import type { Problem } from "../../api/client";
import { getCycle, type Cycle } from "../../api/cycles";

export function useYearCycle() {
  const cycle = ref<Cycle>();
  const refused = ref<Problem>();

  /** Reads the year's cycle; undefined (and `refused` set) when the API refuses it. */
  async function loadCycle(year: number): Promise<Cycle | undefined> {
    const answer = await getCycle(year);
    if (!answer.ok) {
      refused.value = answer.problem;
      return undefined;
    }
    refused.value = undefined;
    cycle.value = answer.data;
    return answer.data;
  }

  return { cycle, refused, loadCycle };
}
