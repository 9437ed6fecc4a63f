// The whole year through the browser, each role signed in through the OIDC page in a browser context of its own,
// composed of the areas' steps: the city opens the year; a school registers its group, uploads a real PDF (VERIFIED),
// fills in and submits its self-assessment (the total shown is the API's); the district reviews it side by side and
// recommends it; the city seats one panel of three experts on it and on five more groups (set up through the API, in
// two other districts); the three experts score it one after the other; the city confirms its city review, ranks
// and publishes while the stages are still open; the school reads its result (rank, grade, award, explanation in
// Chinese, as the year's scores make them); the city reads the year's results (charts, filters, the xlsx export).
// Year 2051.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { apiToken, checkPage, signIn, uniqueCode, type DemoIdentity } from "./helpers";
import {
  apiCall, cityConfirms, cityOpensCycle, cityRanksAndPublishes, citySeatsPanel, expertSubmits, registerGroup,
  selfAndDistrictSubmitted,
} from "./steps/city";
import { districtReviewsAndRecommends, GRADE_NAMES, scoreOf, withA02 } from "./steps/district";
import { expertScores } from "./steps/expert";
import { cityChecksResults, sheetFor, type SeededGroup } from "./steps/results";
import {
  schoolOpensYear, schoolRegistersGroup, schoolSubmitsSelfAssessment, schoolUploadsEvidence,
} from "./steps/school";

const YEAR = 2051;
const DISTRICT = "610902";
/** Half of each award pool is funded, so that pools of two or three groups have a cutoff. */
const RATIO = 0.5;
/** The year's other groups, in two other districts of Ankang, with the city score their panel gives each. */
const OTHERS = [
  { district: "610921", score: "96.5" }, { district: "610921", score: "84" }, { district: "610921", score: "71.5" },
  { district: "610922", score: "92" }, { district: "610922", score: "87.5" },
];
/** What each of the three experts enters at A02 (percent) after starting from the school's self-assessment. */
const EXPERT_A02 = ["100", "90", "95"];
const EVIDENCE = { title: "集团章程", fileName: "集团章程.pdf" };

/** A browser context of its own, signed in through the issuer's page. */
async function signedIn(browser: Browser, who: DemoIdentity): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

/** The grade band of a score (ankang-2022: ≥ 90, ≥ 80, ≥ 60). */
function band(score: number): "EXCELLENT" | "GOOD" | "PASS" | "FAIL" {
  return score >= 90 ? "EXCELLENT" : score >= 80 ? "GOOD" : score >= 60 ? "PASS" : "FAIL";
}

/** A figure of the result card: the definition after its term. */
function figure(card: Locator, term: string): Locator {
  return card.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

test("the whole year through the browser: city, school, district, three experts, ranking, results", async ({
  browser, request,
}) => {
  test.setTimeout(900_000);
  const run = uniqueCode("Y");

  // 1. the city opens the year through its page (default deadlines: every stage open in 2051)
  const city = await signedIn(browser, { role: "CITY", sub: "year-city" });
  await cityOpensCycle(city, { year: YEAR, ratio: String(RATIO) });
  const cityToken = await apiToken(request, "role=CITY&sub=year-city");

  // 2. a school registers its group, opens the year, uploads a real PDF (VERIFIED), fills in and submits
  const core = uniqueCode("YS");
  const name = `全年考核教育集团${core.slice(-4)}`;
  const school = await signedIn(browser, { role: "SCHOOL", school: core });
  const groupId = await schoolRegistersGroup(school, { school: core, name, member: uniqueCode("YM") });
  await schoolOpensYear(school, YEAR);
  await school.getByRole("navigation", { name: "导航菜单" }).getByText("印证材料").click();
  await expect(school.getByRole("heading", { name: "印证材料" })).toBeVisible();
  await schoolUploadsEvidence(school, "A01", EVIDENCE.fileName);
  await checkPage(school, `school-evidence-${YEAR}`);
  const self = await schoolSubmitsSelfAssessment(school, request, { school: core, groupId, year: YEAR, withoutEvidence: 17 });
  const selfScored = await scoreOf(request, self.input);
  expect(selfScored.total).toBe(self.total);

  // the year's other groups, registered, self-assessed and recommended through the API
  const others: SeededGroup[] = [];
  for (const [i, plan] of OTHERS.entries()) {
    const otherCore = uniqueCode(`YO${i}`);
    const otherName = `全年对照${"甲乙丙丁戊"[i]}集团${otherCore.slice(-4)}`;
    const otherId = await registerGroup(request, cityToken, {
      name: otherName, district: plan.district, core: otherCore, members: [uniqueCode(`YP${i}`)],
    });
    await selfAndDistrictSubmitted(request, {
      year: YEAR, groupId: otherId, core: otherCore, district: plan.district, sheet: sheetFor(plan.score, 2),
    });
    others.push({ ...plan, groupId: otherId, name: otherName, coreSchool: otherCore });
  }

  // 3. the district finds the group, reviews it side by side (A02 in full) and recommends it
  const district = await signedIn(browser, { role: "DISTRICT", district: DISTRICT, sub: "year-district" });
  const schoolA02 = (self.input.indicators as Record<string, Record<string, number>>).A02!;
  const reviewed = await scoreOf(request, withA02(self.input, "100"));
  await districtReviewsAndRecommends(district, {
    groupId, year: YEAR, name, expected: {
      selfTotal: self.total, selfGrade: selfScored.grade,
      schoolA02: Object.entries(schoolA02).map(([k, v]) => `${k} ${v}`).join("; "),
      a02: "100", reviewedTotal: reviewed.total, reviewedGrade: reviewed.grade, evidence: EVIDENCE,
    },
  });
  await district.context().close();

  // 4. one panel of three experts on the six recommended groups; the experts score the others through the API …
  const experts = [1, 2, 3].map((n) => ({ subject: `${run}-${n}`, name: `全年专家${n}` }));
  await citySeatsPanel(city, { year: YEAR, groups: [name, ...others.map((o) => o.name)], experts });
  for (const other of others) {
    for (const expert of experts) {
      await expertSubmits(request, { year: YEAR, groupId: other.groupId, expert: expert.subject, sheet: sheetFor(other.score!, 2) });
    }
  }
  // … and the school's group in the browser, one after the other
  for (const [i, expert] of experts.entries()) {
    const page = await signedIn(browser, { role: "EXPERT", sub: expert.subject });
    const scored = await scoreOf(request, withA02(self.input, EXPERT_A02[i]!));
    await expertScores(page, {
      groupId, year: YEAR, sub: expert.subject,
      expected: { selfTotal: self.total, a02: EXPERT_A02[i]!, total: scored.total, evidenceTitle: EVIDENCE.title },
      checked: i === 0,   // the same pages again for the second and third expert
    });
    await page.context().close();
  }

  // 5. the city confirms the group's city review (the others' through the API), ranks and publishes with open stages
  await cityConfirms(city, { year: YEAR, group: name });
  for (const other of others) {
    const sheet = await apiCall(request, cityToken, "POST", `/groups/${other.groupId}/cycles/${YEAR}/sheets/city/submit`);
    other.score = Number(sheet.total).toFixed(2);   // the panel's mean, as the ranking reads it
  }
  const confirmed = await apiCall(request, cityToken, "GET", `/groups/${groupId}/cycles/${YEAR}/sheets/city`);
  expect(confirmed.status).toBe("SUBMITTED");
  const score = Number(confirmed.total);
  const revision = await cityRanksAndPublishes(city, { year: YEAR, stagesOpen: true });

  // 6. the school reads its result, as the year's scores make it: rank among the scored groups, the grade of its
  // band, its place in its award pool against half the pool
  const grade = band(score);
  const rank = 1 + others.filter((o) => Number(o.score) > score).length;
  const pool = [score, ...others.map((o) => Number(o.score)).filter((s) => band(s) === grade)].sort((a, b) => b - a);
  const inPool = grade === "EXCELLENT" || grade === "GOOD";
  const quota = Math.floor(RATIO * pool.length);
  const position = pool.indexOf(score) + 1;
  const award = inPool && position <= quota;
  const group = await apiCall(request, cityToken, "GET", `/groups/${groupId}`);
  const bonus = grade === "EXCELLENT" && group.type === "INTEGRATED";

  await school.getByRole("navigation", { name: "导航菜单" }).getByText("考核结果").click();
  await expect(school.getByRole("heading", { name: "考核结果", level: 1 })).toBeVisible();
  const card = school.getByRole("article", { name: `${name} · ${YEAR} 年度考核结果` });
  await expect(card).toBeVisible();
  await expect(figure(card, "全市排名")).toHaveText(String(rank));
  await expect(figure(card, "区内排名")).toHaveText("1");
  await expect(figure(card, "最终得分")).toHaveText(score.toFixed(2));
  await expect(figure(card, "得分来源")).toHaveText("市级终审");
  await expect(figure(card, "等级")).toHaveText(GRADE_NAMES[grade]!);
  await expect(figure(card, "奖补")).toHaveText(award ? "是" : "否");
  await expect(figure(card, "高级职称指标奖励")).toHaveText(bonus ? "是" : "否");
  const explanation = card.getByRole("region", { name: "说明" }).getByRole("listitem");
  await expect(explanation.nth(0)).toHaveText(`最终得分 ${score.toFixed(2)} 分，来源：市级终审。`);
  await expect(explanation.nth(1)).toHaveText(`按分数段为${GRADE_NAMES[grade]}；最终等级为${GRADE_NAMES[grade]}。`);
  if (inPool) {
    const poolName = grade === "EXCELLENT" ? "优秀组" : "良好组";
    await expect(explanation.nth(2)).toHaveText(`${poolName}共 ${pool.length} 个集团，奖补比例 ${RATIO * 100}%，名额 ${quota} 个；`
      + `本集团在可获奖补的集团中排第 ${position} 位；最低获奖得分 ${pool[quota - 1]!.toFixed(2)} 分。`);
  }
  await expect(explanation.filter({ hasText: /^(获得奖补|未获得奖补)。$/ })).toHaveText(award ? "获得奖补。" : "未获得奖补。");
  await expect(card.getByText(`第 ${revision} 版`)).toBeVisible();
  await checkPage(school, `school-results-${YEAR}`);
  await school.context().close();

  // 7. the city reads the year's results: the table, charts, filters, a group's explanation, the xlsx export
  const mine: SeededGroup = { district: DISTRICT, score: score.toFixed(2), groupId, name, coreSchool: core };
  await cityChecksResults(city, { year: YEAR, groups: [mine, ...others] });
  await city.context().close();
});
