// Every problem type the API answers (openapi.yaml, components/responses; docs/api.md) with a message for the
// people who use the client, in Chinese and English. The API's `detail` says what happened in the case at hand and
// is shown beneath; a type this table does not know shows the `detail` alone. Field errors (`errors[].pointer`)
// go to the form fields they name. tests/unit/problems.test.ts fails when openapi.yaml gains a type missing here.
import type { Problem } from "./client";

export type Locale = "zh-CN" | "en";

type Messages = Record<string, { "zh-CN": string; en: string }>;

export const PROBLEM_MESSAGES: Messages = {
  "validation-failed": { "zh-CN": "填写的内容有误，请按提示修改。", en: "Some entries are not valid; please correct them." },
  "unauthenticated": { "zh-CN": "登录已失效，请重新登录。", en: "Your sign-in has expired; please sign in again." },
  "forbidden": { "zh-CN": "您无权查看或操作此内容。", en: "You may not view or change this." },
  "not-found": { "zh-CN": "未找到该内容，可能已被删除。", en: "Not found; it may have been removed." },
  "payload-too-large": { "zh-CN": "提交的内容过大，请精简后重试。", en: "What you sent is too large; please shorten it." },
  "unsupported-media-type": { "zh-CN": "提交的格式不受支持。", en: "The format sent is not supported." },
  "precondition-failed": { "zh-CN": "其他人已修改了此内容，请刷新后再保存。", en: "Someone else changed this meanwhile; reload before saving." },
  "precondition-required": { "zh-CN": "保存前需要先读取最新内容，请刷新页面。", en: "Reload the page before saving." },
  "idempotency-key-reused": { "zh-CN": "同一提交编号已用于不同内容，请刷新后重新提交。", en: "This submission key was used for different content; reload and submit again." },
  "internal-error": { "zh-CN": "系统出现故障，请稍后再试；如仍有问题，请将请求编号告知管理员。", en: "The service failed; try again later, and quote the request id if it persists." },
  "busy": { "zh-CN": "系统繁忙，未保存任何内容，请稍后重试。", en: "The service is busy; nothing was saved. Please try again." },
  "conflict": { "zh-CN": "与现有数据冲突，未保存。", en: "This conflicts with existing data; nothing was saved." },
  "export-too-large": { "zh-CN": "导出的文件过大，请按区县分别导出。", en: "The export is too large; export one district at a time." },
  "group-not-active": { "zh-CN": "该集团已撤销或合并，不能再修改或参评。", en: "This group was dissolved or merged; it can no longer be changed or take part." },
  "not-a-participant": { "zh-CN": "该集团未参加本年度考核，不能填报或评审。", en: "This group does not take part in this year's evaluation." },
  "merge-across-districts": { "zh-CN": "只能并入同一区县的集团。", en: "A group can only be merged into a group of the same district." },
  "too-many-members": { "zh-CN": "合并后成员校数量超过上限，未合并。", en: "The merged group would have more member schools than allowed; nothing was merged." },
  "unknown-group": { "zh-CN": "要并入的集团不存在，请核对集团编号。", en: "The group to merge into does not exist; check its id." },
  "school-already-in-group": { "zh-CN": "所填学校已属于其他教育集团。", en: "A school named here already belongs to another group." },
  "city-stage-confirmed": { "zh-CN": "市级评审已确认，不能再修改。", en: "The city stage is confirmed; it can no longer change." },
  "conflict-of-interest": { "zh-CN": "所选专家与该集团存在利益冲突，需回避。", en: "An expert chosen has a conflict of interest with this group." },
  "cycle-changed": { "zh-CN": "考核年度设置已被修改，请刷新后重试。", en: "The year's settings changed; reload and try again." },
  "cycle-exists": { "zh-CN": "该考核年度已存在。", en: "This evaluation year already exists." },
  "cycle-framework-unknown": { "zh-CN": "所选指标体系不存在。", en: "The framework chosen does not exist." },
  "cycle-not-found": { "zh-CN": "该考核年度尚未开启。", en: "This evaluation year has not been opened." },
  "cycle-settings-invalid": { "zh-CN": "考核年度的设置不合理，请检查各阶段截止时间。", en: "The year's settings are not consistent; check the stages' deadlines." },
  "deadline-passed": { "zh-CN": "已超过截止时间，不能再提交或修改。", en: "The deadline has passed; this can no longer be submitted or changed." },
  "evidence-limit-reached": { "zh-CN": "佐证材料已达上限（类型、大小或数量）。", en: "An evidence limit (type, size or count) is reached." },
  "extension-not-later": { "zh-CN": "延期后的截止时间必须晚于原截止时间。", en: "An extension must end later than the deadline it extends." },
  "flag-not-allowed": { "zh-CN": "此阶段不能做该项认定。", en: "This finding may not be made at this stage." },
  "framework-locked": { "zh-CN": "指标体系已在使用中，不能再更换。", en: "The framework is in use and can no longer change." },
  "group-not-recommended": { "zh-CN": "该集团未获区县推荐，不进入市级评审。", en: "The group was not recommended by its district for the city stage." },
  "later-stage-submitted": { "zh-CN": "后续评审阶段已提交，本阶段不能再修改。", en: "A later stage is submitted; this stage can no longer change." },
  "no-draft": { "zh-CN": "尚无草稿，请先保存再提交。", en: "There is no draft yet; save before submitting." },
  "no-panel": { "zh-CN": "该集团尚未组建专家组。", en: "The group has no expert panel yet." },
  "panel-changed": { "zh-CN": "专家组已被他人修改，请刷新后重试。", en: "The panel changed meanwhile; reload and try again." },
  "panel-flags-undecided": { "zh-CN": "专家组对一票否决等认定意见不一致，需先统一。", en: "The panel's findings differ; they must agree first." },
  "panel-incomplete": { "zh-CN": "专家组成员尚未全部提交评分。", en: "Not every expert of the panel has submitted." },
  "panel-scores-indicators": { "zh-CN": "专家组评分的指标不一致。", en: "The panel's experts scored different indicators." },
  "panel-too-small": { "zh-CN": "专家组人数不足。", en: "The panel has too few experts." },
  "ranking-busy": { "zh-CN": "排名正在计算中，请稍后再试。", en: "A ranking is being computed; try again shortly." },
  "ranking-changed": { "zh-CN": "排名已更新，请刷新后重试。", en: "The ranking changed; reload and try again." },
  "ranking-not-complete": { "zh-CN": "排名尚未完成，不能发布。", en: "The ranking is not complete and cannot be published." },
  "recommendation-below-pass": { "zh-CN": "未达合格分数线的集团不能推荐。", en: "A group below the pass mark cannot be recommended." },
  "recommendation-required": { "zh-CN": "请填写是否推荐参加市级评审。", en: "State whether the group is recommended to the city." },
  "seated-expert-conflict": { "zh-CN": "已入组的专家存在利益冲突。", en: "A seated expert has a conflict of interest." },
  "self-assessment-pending": { "zh-CN": "学校自评尚未提交。", en: "The school's self-assessment is not submitted yet." },
  "self-assessment-submitted": { "zh-CN": "自评已提交，材料不能再修改。", en: "The self-assessment is submitted; materials can no longer change." },
  "sheet-incomplete": { "zh-CN": "评分表尚未填写完整。", en: "The sheet is not complete." },
  "sheet-submitted": { "zh-CN": "评分表已提交，不能再修改。", en: "The sheet is submitted and can no longer change." },
  "stages-open": { "zh-CN": "评审阶段尚未全部结束。", en: "Review stages are still open." },
  // answered by the local stack itself (not by a function)
  "unavailable": { "zh-CN": "系统正在启动，请稍候再试。", en: "The service is starting; please try again shortly." },
  "malformed-request": { "zh-CN": "请求无法识别。", en: "The request could not be read." },
};

const PREFIX = "urn:groupeval:problem:";

/** The problem type's slug: `urn:groupeval:problem:busy` → `busy`. */
export function problemSlug(type: string): string {
  return type.startsWith(PREFIX) ? type.slice(PREFIX.length) : type;
}

export interface ProblemText {
  /** The message for the type (or the detail, when the type is unknown here). */
  message: string;
  /** The API's own explanation of this case, when it adds to the message. */
  detail?: string;
  requestId?: string;
}

/** What to show for a problem. */
export function describeProblem(problem: Problem, locale: Locale): ProblemText {
  const known = PROBLEM_MESSAGES[problemSlug(problem.type)];
  const message = known ? known[locale] : problem.detail || problem.title;
  return {
    message,
    detail: known && problem.detail ? problem.detail : undefined,
    requestId: problem.requestId,
  };
}

/**
 * Field errors by form path: the JSON pointer `/memberSchools/1/code` becomes `memberSchools.1.code` (Element
 * Plus's `prop` of a nested form item); messages of one field are joined.
 */
export function fieldErrors(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const path = pointerToPath(error.pointer);
    out[path] = out[path] ? `${out[path]}；${error.message}` : error.message;
  }
  return out;
}

/** `/memberSchools/1/code` → `memberSchools.1.code` (RFC 6901 escapes undone). */
export function pointerToPath(pointer: string): string {
  return pointer.split("/").slice(1).map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~")).join(".");
}
