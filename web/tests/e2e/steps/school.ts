// The school's year, step by step (reusable by a spec that runs the whole year across roles): the group registered,
// evidence uploaded and checked, the self-assessment filled in through every widget of the framework and submitted,
// the statement of work saved and exported.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { apiToken, checkPage } from "../helpers";

export const FRAMEWORK = "ankang-2022";

/** A school's bearer token, for calls beside the page. */
export function schoolToken(request: APIRequestContext, school: string): Promise<string> {
  return apiToken(request, `role=SCHOOL&school=${school}`);
}

/** The signed-in school registers its group on My group; answers the group's id. */
export async function schoolRegistersGroup(page: Page, who: { school: string; name: string; member: string }):
  Promise<string> {
  await page.goto("/school/group");
  await expect(page.getByRole("heading", { name: "登记教育集团" })).toBeVisible();
  await page.getByLabel("集团名称").fill(who.name);
  await page.getByLabel("所属区县代码").fill("610902");
  await page.getByLabel("核心校 学校名称").fill(`${who.name}核心校`);
  await page.getByLabel("成员校 1 学校代码").fill(who.member);
  await page.getByLabel("成员校 1 学校名称").fill(`${who.name}成员校`);
  await page.getByRole("button", { name: "登记教育集团" }).click();
  await expect(page).toHaveURL(/\/school\/group\/g-[0-9a-z]{26}$/);
  return page.url().split("/").pop()!;
}

/** Opens the school's year page on cycle `year` (kept for the tab's other pages). */
export async function schoolOpensYear(page: Page, year: number): Promise<void> {
  await page.goto(`/school/year?year=${year}`);
  await expect(page.getByRole("heading", { name: "本年度考核" })).toBeVisible();
  await expect(page.getByText(`${year} 年度`)).toBeVisible();
}

/** A small valid one-page PDF (the upload check reads its whole structure): objects, xref table, trailer. */
export function samplePdf(title: string): Buffer {
  const hex = "FEFF" + [...title].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")).join("");
  const text = "BT /F1 18 Tf 72 770 Td (Evidence) Tj ET";
  const bodies = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Title <${hex}> /Producer (groupeval) >>`,
  ];
  let out = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R /Info ${bodies.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** On the evidence page, uploads `name` (a real PDF) for `indicatorId` and waits until it is VERIFIED. */
export async function schoolUploadsEvidence(page: Page, indicator: string, name: string): Promise<void> {
  const section = page.getByRole("region", { name: new RegExp(`^${indicator} `) });
  await section.getByLabel("选择要上传的印证材料").setInputFiles({
    name, mimeType: "application/pdf", buffer: samplePdf(name),
  });
  await section.getByRole("button", { name: `上传 ${name}` }).click();
  // followed without a reload: PENDING, then VERIFIED
  await expect(section.getByRole("cell", { name: "已核验" })).toBeVisible({ timeout: 60_000 });
}

type Framework = {
  id: string; version: string;
  categories: { indicators: { id: string; name: { zh: string }; rule: Record<string, unknown> }[] }[];
};

/** The framework as the API describes it. */
export async function framework(request: APIRequestContext, token: string, id = FRAMEWORK): Promise<Framework> {
  const answer = await request.get(`/frameworks/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as Framework;
}

/**
 * Fills in every indicator of `described` through its widget on the self-assessment page: percentages
 * (completion, survey), each measure of a threshold rule, and a grade per school. Answers the number of
 * indicators filled in.
 */
export async function schoolFillsSelfAssessment(page: Page, described: Framework): Promise<number> {
  let filled = 0;
  for (const indicator of described.categories.flatMap((c) => c.indicators)) {
    const label = `${indicator.id} ${indicator.name.zh}`;
    const rule = indicator.rule as { type: string; measures?: { name: { zh: string }; target: number }[] };
    switch (rule.type) {
      case "COMPLETION_RATIO":
        await fillNumber(page, `${label}：比例（%）`, String(80 + (filled % 20)));
        break;
      case "SURVEY_PERCENTAGE":
        await fillNumber(page, `${label}：满意率（%）`, "92.5");
        break;
      case "THRESHOLD_DEDUCTION":
        for (const measure of rule.measures ?? []) {
          const target = Math.round(measure.target * 10000) / 100;
          await fillNumber(page, `${label}：${measure.name.zh}（%，目标 ${target}%）`, String(target - 1.5));
        }
        break;
      case "GRADE_MAPPED":
        await page.getByRole("combobox", { name: `${label}：第 1 所学校等级` }).click();
        await page.getByRole("option", { name: /^良好/ }).click();
        break;
      default:
        throw new Error(`no step fills a ${rule.type} indicator (${indicator.id})`);
    }
    filled += 1;
  }
  return filled;
}

async function fillNumber(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press("Tab");
}

/**
 * On the self-assessment page: every indicator filled in through its widget, the draft saved, the total the page
 * shows equal to the API's for the saved sheet, submitted after the confirmation (which lists the
 * `withoutEvidence` indicators that have no evidence yet), then read only. Answers the saved input and its total.
 */
export async function schoolSubmitsSelfAssessment(page: Page, request: APIRequestContext, { school, groupId, year,
  withoutEvidence }: { school: string; groupId: string; year: number; withoutEvidence: number })
  : Promise<{ input: Record<string, unknown>; total: string }> {
  await page.getByRole("navigation", { name: "导航菜单" }).getByText("学校自评").click();
  await expect(page.getByRole("heading", { name: "学校自评" })).toBeVisible();
  const token = await schoolToken(request, school);
  const described = await framework(request, token);
  const filled = await schoolFillsSelfAssessment(page, described);
  expect(filled).toBe(described.categories.flatMap((c) => c.indicators).length);
  await expect(page.getByText("全部指标已填写")).toBeVisible();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存")).toBeVisible();
  const auth = { Authorization: `Bearer ${token}` };
  const saved = await request.get(`/groups/${groupId}/cycles/${year}/sheets/self`, { headers: auth });
  expect(saved.status()).toBe(200);
  const sheet = (await saved.json()) as { input: Record<string, unknown>; status: string };
  expect(sheet.status).toBe("DRAFT");
  expect(Object.keys(sheet.input.indicators as object)).toHaveLength(filled);
  const scored = await request.post(`/frameworks/${described.id}/score?mode=draft&version=${described.version}`,
    { headers: auth, data: sheet.input });
  expect(scored.status()).toBe(200);
  const total = ((await scored.json()) as { total: number }).total.toFixed(2);
  await expect.poll(() => shownTotal(page)).toBe(total);
  await checkPage(page, `school-self-assessment-filled-${year}`);

  await page.getByRole("button", { name: "提交自评" }).click();
  const confirm = page.getByRole("dialog", { name: "确认提交自评" });
  await expect(confirm.getByText(`尚无印证材料的指标（${withoutEvidence} 项）：`)).toBeVisible();
  await checkPage(page, `school-self-assessment-confirm-${year}`);
  await confirm.getByRole("button", { name: "确认提交" }).click();
  await expect(page.getByText(/自评已于 .* 提交，不能再修改。/)).toBeVisible();
  await expect(page.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  await expect(page.getByLabel("A01 集团章程与管理制度：比例（%）", { exact: true })).toHaveAttribute("readonly", "");
  await checkPage(page, `school-self-assessment-submitted-${year}`);
  return { input: sheet.input, total };
}

/** The total the page shows (the score preview), as its text with two decimals. */
export async function shownTotal(page: Page): Promise<string> {
  const status = page.getByRole("status").filter({ hasText: "总分" }).first();
  const text = (await status.textContent()) ?? "";
  const match = /总分\s*([0-9]+\.[0-9]{2})/.exec(text);
  expect(match, text).not.toBeNull();
  return match![1]!;
}
