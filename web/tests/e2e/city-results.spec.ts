// The city's progress dashboard and results of a published year (made through the API): tables, charts drawn
// with their legends, filters, a group's explanation, the xlsx export read back; a district reads its own.
import { test } from "@playwright/test";
import { signIn } from "./helpers";
import { cityChecksProgress, cityChecksResults, seedPublishedYear, type PlannedGroup } from "./steps/results";

const YEAR = 2097;
// four groups in each award pool (EXCELLENT, GOOD): a 30 % quota of four is one, so each pool has a cutoff
const PLAN: PlannedGroup[] = [
  { district: "610902", score: "96.5" }, { district: "610902", score: "94" }, { district: "610902", score: "91" },
  { district: "610902", score: "88" }, { district: "610902", score: "86" }, { district: "610902", score: "72.5" },
  { district: "610902", score: "55" },
  { district: "610921", score: "93.5" }, { district: "610921", score: "84" }, { district: "610921", score: "82" },
  { district: "610921", score: "66" }, { district: "610921", score: "61", recommended: false },
  { district: "610921", score: null },
];

test("the city reads the year's progress and results; a district reads its own", async ({ page, request }) => {
  test.setTimeout(600_000);
  const groups = await seedPublishedYear(request, YEAR, PLAN);

  await signIn(page, { role: "CITY", sub: "results-city" });
  await cityChecksProgress(page, request, { year: YEAR, who: "role=CITY&sub=results-city", seeded: PLAN.length });
  await cityChecksResults(page, { year: YEAR, groups });

  await page.getByRole("button", { name: "退出登录" }).click();
  await signIn(page, { role: "DISTRICT", district: "610921", sub: "results-district" });
  await cityChecksResults(page, { year: YEAR, groups, district: "610921" });
  await cityChecksProgress(page, request, {
    year: YEAR, who: "role=DISTRICT&district=610921&sub=results-district", seeded: PLAN.filter((g) => g.district === "610921").length,
  });
});
