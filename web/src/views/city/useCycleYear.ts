// The year a progress or results page shows, and the years it may show (those with a cycle): loaded once, the
// address's `?year=` first (chooseYear). `problem` is the refusal of the years' list, if any.
import { ref } from "vue";
import { useRoute } from "vue-router";
import type { Problem } from "../../api/client";
import { listCycleYears } from "../../api/progress";
import { chooseYear } from "./year";

export function useCycleYear() {
  const route = useRoute();
  const years = ref<number[]>([]);
  const year = ref<number>();
  const problem = ref<Problem>();
  const loading = ref(true);

  /** Lists the years and picks one; `loading` stays true while a year is being shown (the page clears it). */
  async function start(): Promise<void> {
    const listed = await listCycleYears();
    if (!listed.ok) {
      problem.value = listed.problem;
      loading.value = false;
      return;
    }
    years.value = listed.data;
    year.value = chooseYear(route.query.year, listed.data);
    if (year.value === undefined) {
      loading.value = false;
    }
  }

  return { years, year, problem, loading, start };
}
