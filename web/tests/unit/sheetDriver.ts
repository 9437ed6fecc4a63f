// Drives the sheet form the way a user does: fields found by their accessible names (aria-label, label text),
// values typed and boxes clicked. `fillRule` enters a rule's input through its widget.
import { mount, type VueWrapper, type DOMWrapper } from "@vue/test-utils";
import { nextTick } from "vue";
import SheetForm from "@/components/sheet/SheetForm.vue";
import { fieldLabel, partLabel, ruleList, type ChecklistItem, type DurationBand, type Framework, type FieldError,
  type Measure, type Part, type Rule, type ScoredSheet, type SheetInput } from "@/components/sheet/model";
import zh from "@/i18n/parts/zh-CN";
import { scaleNumber } from "@/utils/format";

export type Form = VueWrapper<InstanceType<typeof SheetForm>>;

/** The form with a controlled model: every update is fed back as the parent page would. */
export function mountSheet(framework: Framework, sheet: SheetInput,
                           extra: { readonly?: boolean; errors?: FieldError[]; preview?: ScoredSheet | null } = {}) {
  const updates: SheetInput[] = [];
  const wrapper: Form = mount(SheetForm, {
    attachTo: document.body,
    props: {
      framework, modelValue: sheet, ...extra,
      "onUpdate:modelValue": async (value: SheetInput) => {
        updates.push(value);
        await wrapper.setProps({ modelValue: value });
      },
    },
  });
  return { wrapper, updates, model: () => wrapper.props("modelValue") as SheetInput };
}

export function byLabel(root: Form | DOMWrapper<Element>, label: string): DOMWrapper<HTMLElement> {
  const found = root.findAll<HTMLElement>(`[aria-label="${label.replace(/["\\]/g, "\\$&")}"]`);
  if (found.length !== 1) throw new Error(`${found.length} elements are labelled "${label}"`);
  return found[0]!;
}

export function inputLabelled(root: Form | DOMWrapper<Element>, label: string): DOMWrapper<HTMLInputElement> {
  const element = byLabel(root, label);
  const own = ["INPUT", "TEXTAREA"].includes(element.element.tagName);
  return (own ? element : element.find("input")) as DOMWrapper<HTMLInputElement>;
}

export async function typeNumber(root: Form, label: string, value: number) {
  const input = inputLabelled(root, label);
  await input.setValue(String(value));
  await input.trigger("change");
  await flush();
}

/** The button (or checkbox, radio) inside `scope` whose text is `text`. */
export function control(scope: DOMWrapper<Element>, selector: string, text: string): DOMWrapper<Element> {
  const found = scope.findAll(selector).filter((b) => b.text().trim() === text);
  if (found.length < 1) throw new Error(`no ${selector} "${text}" in "${scope.attributes("aria-label")}"`);
  return found[0]!;
}

export async function clickText(scope: DOMWrapper<Element>, selector: string, text: string) {
  await control(scope, selector, text).trigger("click");
  await flush();
}

export async function check(scope: DOMWrapper<Element>, text: string) {
  const label = control(scope, "label.el-checkbox", text);
  await label.find("input").setValue(true);
  await flush();
}

/** Opens the select labelled `label` and picks the option whose text is `option`. */
export async function choose(root: Form, label: string, option: string) {
  const input = inputLabelled(root, label);
  const select = input.element.closest(".el-select");
  if (!select) throw new Error(`"${label}" is not a select`);
  (select.querySelector(".el-select__wrapper") as HTMLElement).click();
  await flush();
  const options = [...document.querySelectorAll<HTMLElement>("li[role=option]")]
    .filter((li) => li.textContent?.trim() === option && li.offsetParent !== undefined);
  const last = options[options.length - 1];
  if (!last) throw new Error(`no option "${option}" for "${label}"`);
  last.click();
  await flush();
}

export async function flush() {
  for (let i = 0; i < 3; i += 1) {
    await nextTick();
    await Promise.resolve();
  }
}

const z = zh.sheet;
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

/** Enters `input` for `rule` through its widget, the widget being labelled `label`. */
export async function fillRule(form: Form, rule: Rule, input: Record<string, unknown>, label: string,
                               localize: (text: { zh: string; en: string }) => string = (t) => t.zh) {
  switch (rule.type) {
    case "COMPLETION_RATIO":
    case "SURVEY_PERCENTAGE": {
      const percent = typeof input.ratio === "number" ? scaleNumber(input.ratio, 2) : input.percent as number;
      await typeNumber(form, fieldLabel(label, rule.type === "SURVEY_PERCENTAGE" ? z.satisfaction : z.percent), percent);
      return;
    }
    case "JUDGED_POINTS":
      await typeNumber(form, fieldLabel(label, z.judged), input.points as number);
      return;
    case "CHECKLIST": {
      const group = byLabel(form, label);
      const checked = input.checked as string[];
      if (checked.length === 0) {
        await check(group, z.none);
      }
      for (const id of checked) {
        const item = ruleList<ChecklistItem>(rule, "items").find((i) => i.id === id)!;
        const { formatScore } = await import("@/utils/format");
        await check(group, fill(z.itemPoints, { name: localize(item.name), points: formatScore(item.points) }));
      }
      return;
    }
    case "GRADE_MAPPED": {
      const grades = input.grades as string[];
      for (const [index, grade] of grades.entries()) {
        if (index > 0) await clickText(byLabel(form, label), "button", z.addSchool);
        const percent = ruleList<{ grade: string; percent: number }>(rule, "grades").find((g) => g.grade === grade)!.percent;
        await choose(form, fieldLabel(label, fill(z.school, { n: index + 1 })),
          `${zh.grade[grade as keyof typeof zh.grade]}（${percent}%）`);
      }
      return;
    }
    case "THRESHOLD_DEDUCTION":
      for (const measure of ruleList<Measure>(rule, "measures")) {
        await typeNumber(form, fieldLabel(label, fill(z.measurePercent,
          { name: localize(measure.name), target: scaleNumber(measure.target, 2) })), scaleNumber(input[measure.id] as number, 2));
      }
      return;
    case "DURATION_BANDS": {
      const group = byLabel(form, label);
      const unit = rule.unit === "YEARS" ? z.years : z.months;
      if (Array.isArray(input.durations)) {
        await clickText(group, "label.el-radio-button", z.byDurations);
        const durations = input.durations as number[];
        if (durations.length === 0) await check(group, z.none);
        for (const [index, duration] of durations.entries()) {
          if (index > 0) await clickText(byLabel(form, label), "button", z.addPerson);
          await typeNumber(form, fieldLabel(label, fill(z.personDuration, { n: index + 1, unit })), duration);
        }
      } else {
        const counts = input.counts as Record<string, number>;
        if (Object.keys(counts).length === 0) await check(group, z.none);
        for (const band of ruleList<DurationBand>(rule, "bands")) {
          if (counts[band.id] === undefined) continue;
          await typeNumber(form, fieldLabel(label, fill(z.bandPeople, { band: band.label ? localize(band.label) : band.id })),
            counts[band.id]!);
        }
      }
      return;
    }
    case "LEVEL_COUNTS": {
      if (Object.keys(input).length === 0) await check(byLabel(form, label), z.none);
      for (const [level, count] of Object.entries(input)) {
        await typeNumber(form, fieldLabel(label, fill(z.levelCount, { level: zh.level[level as keyof typeof zh.level] })),
          count as number);
      }
      return;
    }
    case "COMPOSITE":
      for (const part of ruleList<Part>(rule, "parts")) {
        const partInput = input[part.id];
        if (partInput !== undefined && partInput !== null) {
          await fillRule(form, part.rule, partInput as Record<string, unknown>, partLabel(label, localize(part.name)), localize);
        }
      }
      return;
    default:
      throw new Error(`no driver for rule type ${rule.type}`);
  }
}
