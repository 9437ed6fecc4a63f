// The city's end of the year: four recommended groups (set up through the API as their schools and district would),
// one panel seated on them at once with a conflict of interest shown before saving, the conflicted group's panel
// replaced, the experts' scores (API), each group's city review confirmed, then the ranking run and published
// through the page with the warning that stages are still open; the two groups tied at the EXCELLENT cutoff are
// shown with what each tie policy would do. Year 2082.
import { expect, test } from "@playwright/test";
import { apiToken, checkPage, signIn, uniqueCode } from "./helpers";
import {
  ankangSheet, apiCall, beijingInput, cityConfirms, cityRanksAndPublishes, cityReplacesPanel, citySeatsPanel,
  expertSubmits, registerGroup, selfAndDistrictSubmitted,
} from "./steps/city";

const YEAR = 2082;
const DISTRICT = "610902";

test("the city seats panels, confirms the city review, ranks and publishes with open stages", async ({ page, request }) => {
  test.setTimeout(600_000);
  const city = await apiToken(request, "role=CITY&sub=city-ranking");
  // every stage still open: the school, the district and the experts can all work now
  const day = 86_400_000;
  const now = Date.now();
  const iso = (ms: number) => `${beijingInput(new Date(ms))}+08:00`;
  await apiCall(request, city, "POST", "/cycles", {
    year: YEAR, frameworkId: "ankang-2022", frameworkVersion: "1",
    deadlines: { self: iso(now + day), district: iso(now + 2 * day), city: iso(now + 3 * day) }, rankingAt: iso(now + 4 * day),
    award: { ratio: 0.3, scope: "PER_GRADE", rounding: "FLOOR", tiePolicy: "NONE_AT_CUTOFF" },
    panel: { required: true, minimumSize: 3, aggregation: "MEAN" },
  }, [201]);

  // four groups, all EXCELLENT: the first two tie at the top for the pool's one award place
  const ratios = [1, 1, 0.95, 0.92];
  const groups: { id: string; name: string; core: string; members: string[] }[] = [];
  for (const [i, ratio] of ratios.entries()) {
    const core = uniqueCode(`RK${i}`);
    const members = [uniqueCode(`RM${i}`)];
    const name = `排名测试${"甲乙丙丁"[i]}集团${core.slice(-4)}`;
    const id = await registerGroup(request, city, { name, district: DISTRICT, core, members });
    await selfAndDistrictSubmitted(request, { year: YEAR, groupId: id, core, district: DISTRICT, sheet: ankangSheet(ratio, 2) });
    groups.push({ id, name, core, members });
  }
  const [a, b, c, d] = groups as [typeof groups[number], typeof groups[number], typeof groups[number], typeof groups[number]];
  const experts = [1, 2, 3, 4].map((n) => ({ subject: uniqueCode(`EX${n}`), name: `专家${n}` }));
  const [e1, e2, e3, e4] = experts as [typeof experts[number], typeof experts[number], typeof experts[number], typeof experts[number]];

  await signIn(page, { role: "CITY", sub: "city-ranking" });
  // one panel for all four; the first expert works at a member school of the fourth group
  await citySeatsPanel(page, {
    year: YEAR, groups: groups.map((g) => g.name),
    experts: [{ ...e1, affiliation: d.members[0] }, e2, e3], conflicted: [d.name],
  });
  const seated = await apiCall(request, city, "GET", `/groups/${a.id}/cycles/${YEAR}/panel`);
  expect((seated.experts as { subject: string }[]).map((e) => e.subject)).toEqual([e1.subject, e2.subject, e3.subject]);
  await apiCall(request, city, "GET", `/groups/${d.id}/cycles/${YEAR}/panel`, undefined, [404]);

  // the fourth group's panel, without the conflicted expert
  await cityReplacesPanel(page, { year: YEAR, group: d.name, experts: [e4, e2, e3] });

  // the experts score (each group as its district did)
  for (const [i, g] of groups.entries()) {
    const panel = g === d ? [e4, e2, e3] : [e1, e2, e3];
    for (const expert of panel) {
      await expertSubmits(request, { year: YEAR, groupId: g.id, expert: expert.subject, sheet: ankangSheet(ratios[i]!, 2) });
    }
  }

  // the city confirms each group's city review from its panel's aggregate
  for (const g of groups) {
    await cityConfirms(page, { year: YEAR, group: g.name });
  }
  const confirmed = await apiCall(request, city, "GET", `/groups/${c.id}/cycles/${YEAR}/sheets/city`);
  expect(confirmed.status).toBe("SUBMITTED");

  // ranked and published while the stages are still open
  const revision = await cityRanksAndPublishes(page, { year: YEAR, stagesOpen: true });
  await expect(page.getByText("奖补比例 30%")).toBeVisible();
  const tie = page.getByRole("region", { name: "优秀组 名额线并列" });
  await expect(tie).toContainText(/2 个集团同为 \d+\.\d\d 分，名额 1 个/);
  await expect(tie).toContainText(a.name);
  await expect(tie).toContainText(b.name);
  const whatIf = tie.getByLabel("优秀组 并列的各种处理");
  await expect(whatIf.getByRole("row", { name: /名额线并列时均不给予.*本年度采用.*均不获奖补/ })).toBeVisible();
  await expect(whatIf.getByRole("row", { name: /名额线并列时全部给予.*超出名额 1 个/ })).toBeVisible();
  await expect(page.getByLabel("历次排名").getByRole("row", { name: new RegExp(`^${revision}\\b.*已公布`) })).toBeVisible();
  await checkPage(page, "city-ranking-published");

  const published = await apiCall(request, city, "GET", `/cycles/${YEAR}/rankings/latest`);
  expect(published.published).toBe(true);
  expect((published.publishedWhileOpen as { stage: string }[]).map((s) => s.stage)).toEqual(["self", "district", "city"]);
  // the stack's other groups of the year (enrolled as it opened, without sheets) rank FAIL, outside the pools
  expect(published.counts).toMatchObject({ awarded: 0 });
  const excellent = (published.pools as { pool: string }[]).find((p) => p.pool === "EXCELLENT");
  expect(excellent).toMatchObject({ groupsInPool: 4, eligible: 4, quota: 1, awarded: 0, tiedAtCutoff: [a.id, b.id].sort() });
});
