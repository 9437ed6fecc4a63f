// The statement of work (附件2): the CSV the browser writes is the API's (the Java StatementCsvTest's expectation),
// reads back to the same rows, and the table edits rows, tracks unsaved changes, imports and shows field errors.
import { afterEach, describe, expect, it, vi } from "vitest";
import { mount } from "@vue/test-utils";
import StatementTable from "@/components/statement/StatementTable.vue";
import type { Evidence } from "@/api/evidence";
import { parseCsv, statementFromCsv, statementToCsv, type StatementRow } from "@/utils/statementCsv";
import { chengdu } from "./frameworks";
import { choose, flush } from "./sheetDriver";

const indicators = chengdu.categories.flatMap((c) => c.indicators).map((i) => ({ id: i.id, name: i.name }));
const name = (id: string) => indicators.find((i) => i.id === id)!.name.zh;
const charter = {
  evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6a", groupId: "g-01kexamp1e0000000000000000", year: 2026, indicatorId: "B01",
  title: "集团章程", materialNumber: "B01-01", fileName: "a.pdf", contentType: "application/pdf", size: 1, sha256: "0".repeat(64),
  status: "VERIFIED", declaredAt: "2026-04-01T00:00:00Z", declaredBy: "u",
} satisfies Evidence;
const plan = { ...charter, evidenceId: "ev-01jd0a6k3m9v2x7c5b8n4q1r6b", title: "三年规划", materialNumber: "B01-02" };
const context = {
  indicatorName: (id: string) => name(id),
  evidence: (id: string) => [charter, plan].find((e) => e.evidenceId === id),
};

afterEach(() => {
  document.body.innerHTML = "";
  vi.unstubAllGlobals();
});

describe("the statement CSV", () => {
  const rows: StatementRow[] = [
    { number: "1", description: "制定章程,\"经审议\"", indicatorId: "B01", evidenceIds: [charter.evidenceId] },
    { number: "2", description: "+1 成员校", indicatorId: "B03", evidenceIds: [] },
  ];

  it("is the table the API exports", () => {
    expect(statementToCsv(rows, context)).toBe("\uFEFF序号,工作内容描述,支撑指标编号,支撑指标,印证材料名称,印证材料编号,材料ID\r\n"
      + `1,"制定章程,""经审议""",B01,${name("B01")},集团章程,B01-01,${charter.evidenceId}\r\n`
      + `2,'+1 成员校,B03,${name("B03")},,,\r\n`);
  });

  it("reads back to the same rows, files one per line included", () => {
    const several: StatementRow[] = [...rows,
      { number: "3", description: "多行\r\n说明", indicatorId: "B01", evidenceIds: [charter.evidenceId, plan.evidenceId] },
      { number: "4", description: "=SUM(A1)", indicatorId: "B02", evidenceIds: [] }];
    const csv = statementToCsv(several, context);
    expect(parseCsv(csv)[3]![6]).toBe(`${charter.evidenceId}\n${plan.evidenceId}`);
    expect(statementFromCsv(csv)).toEqual({ rows: several, problems: [] });
  });

  it("says what is wrong with a file that is not the table", () => {
    expect(statementFromCsv("a,b\r\n1,2\r\n").problems).toEqual([{ line: 1,
      message: "the header must be 序号,工作内容描述,支撑指标编号,支撑指标,印证材料名称,印证材料编号,材料ID" }]);
    expect(statementFromCsv("序号,工作内容描述,支撑指标编号,支撑指标,印证材料名称,印证材料编号,材料ID\n,x,,,,,\n").problems)
      .toEqual([{ line: 2, message: "序号 is empty" }, { line: 2, message: "支撑指标编号 is empty" }]);
    expect(() => parseCsv('a,"b')).toThrow("not closed");
  });
});

function table(rows: StatementRow[], extra: Record<string, unknown> = {}) {
  const wrapper = mount(StatementTable, {
    attachTo: document.body,
    props: {
      modelValue: rows, saved: rows, indicators, evidence: [charter, plan], ...extra,
      "onUpdate:modelValue": async (value: StatementRow[]) => { await wrapper.setProps({ modelValue: value }); },
    },
  });
  return wrapper;
}

describe("the statement table", () => {
  const saved: StatementRow[] = [{ number: "1", description: "制定章程", indicatorId: "B01", evidenceIds: [] }];

  it("edits rows and shows unsaved changes until they match the saved statement", async () => {
    const wrapper = table(saved);
    expect(wrapper.text()).toContain("已保存");
    await wrapper.find('[aria-label="第 1 行工作内容描述"]').setValue("制定并公布章程");
    expect(wrapper.text()).toContain("有未保存的修改");
    expect(wrapper.emitted("dirty")!.at(-1)).toEqual([true]);
    await choose(wrapper as never, "第 1 行印证材料", "B01-01 集团章程");
    expect(wrapper.props("modelValue")[0]).toEqual({ number: "1", description: "制定并公布章程", indicatorId: "B01",
      evidenceIds: [charter.evidenceId] });
    await wrapper.findAll("button").find((b) => b.text() === "添加一行")!.trigger("click");
    expect(wrapper.props("modelValue")[1]).toEqual({ number: "2", description: "", indicatorId: "B01", evidenceIds: [] });
    await wrapper.find('button[aria-label="删除第 2 行"]').trigger("click");
    await wrapper.find('[aria-label="第 1 行工作内容描述"]').setValue("制定章程");
    await wrapper.setProps({ modelValue: [{ ...wrapper.props("modelValue")[0]!, evidenceIds: [] }] });
    expect(wrapper.text()).toContain("已保存");
    expect(wrapper.emitted("dirty")!.at(-1)).toEqual([false]);
  });

  it("imports a CSV file as the rows", async () => {
    const wrapper = table([]);
    const csv = statementToCsv([{ number: "7", description: "交流", indicatorId: "B04", evidenceIds: [] }], context);
    const input = wrapper.find<HTMLInputElement>('input[type=file][aria-label="导入 CSV"]');
    Object.defineProperty(input.element, "files", { value: [new File([csv], "s.csv", { type: "text/csv" })] });
    await input.trigger("change");
    for (let i = 0; i < 20 && !wrapper.find("[role=status]").exists(); i += 1) await new Promise((r) => setTimeout(r, 5));
    await flush();
    expect(wrapper.find("[role=status]").text()).toBe("已导入 1 行");
    expect(wrapper.props("modelValue")).toEqual([{ number: "7", description: "交流", indicatorId: "B04", evidenceIds: [] }]);
  });

  it("exports the rows as the API's CSV", async () => {
    const blobs: Blob[] = [];
    vi.stubGlobal("URL", Object.assign(Object.create(URL), { createObjectURL: (b: Blob) => { blobs.push(b); return "blob:x"; },
      revokeObjectURL: () => {} }));
    const wrapper = table([{ number: "1", description: "章程", indicatorId: "B01", evidenceIds: [charter.evidenceId] }]);
    await wrapper.findAll("button").find((b) => b.text() === "导出 CSV")!.trigger("click");
    const written = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await blobs[0]!.arrayBuffer());
    expect(written).toBe(statementToCsv(wrapper.props("modelValue"), context));
  });

  it("shows field errors at their rows and is read-only once submitted", () => {
    const wrapper = table(saved, { readonly: true, errors: [
      { pointer: "/rows/0/evidenceIds/0", message: "ev-x is not a file of B01" },
      { pointer: "/rows/0/number", message: "number 1 is used twice" }] });
    const cells = wrapper.findAll("tbody td");
    expect(cells[0]!.find("[role=alert]").text()).toBe("number 1 is used twice");
    expect(cells[3]!.find("[role=alert]").text()).toBe("ev-x is not a file of B01");
    expect(wrapper.findAll("button").filter((b) => /添加|删除|导入/.test(b.text()))).toHaveLength(0);
    expect(wrapper.find('[aria-label="第 1 行工作内容描述"]').attributes("readonly")).toBeDefined();
  });
});
