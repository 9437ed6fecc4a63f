// Conflicts of interest (回避) known before a panel is saved: an expert whose own school (affiliation) is in the
// group, or who declared a conflict with one of the group's schools or with the group itself. The API checks the
// same when it seats the panel; the page shows them first so the city can choose other experts.
import type { Conflict, PanelExpert } from "../../api/panels";

export interface PanelGroup {
  groupId: string;
  name: string;
  /** The codes of the core school and the member schools. */
  schools: string[];
}

export interface FoundConflict {
  groupId: string;
  groupName: string;
  expertSub: string;
  expertName: string;
  kind: "AFFILIATION" | "DECLARED_SCHOOL" | "DECLARED_GROUP";
  schoolCode?: string;
  reason?: string;
}

/** Every conflict between the experts and the groups; `declared` maps an expert's subject to its declared conflicts. */
export function panelConflicts(experts: PanelExpert[], groups: PanelGroup[], declared: Record<string, Conflict[]>):
FoundConflict[] {
  const found: FoundConflict[] = [];
  for (const group of groups) {
    const schools = new Set(group.schools.map((s) => s.toUpperCase()));
    for (const expert of experts) {
      const base = { groupId: group.groupId, groupName: group.name, expertSub: expert.subject, expertName: expert.name };
      const affiliation = expert.affiliation?.trim().toUpperCase();
      if (affiliation && schools.has(affiliation)) {
        found.push({ ...base, kind: "AFFILIATION", schoolCode: affiliation });
      }
      for (const conflict of declared[expert.subject] ?? []) {
        if (conflict.groupId && conflict.groupId === group.groupId) {
          found.push({ ...base, kind: "DECLARED_GROUP", reason: conflict.reason });
        } else if (conflict.schoolCode && schools.has(conflict.schoolCode.toUpperCase())) {
          found.push({ ...base, kind: "DECLARED_SCHOOL", schoolCode: conflict.schoolCode.toUpperCase(), reason: conflict.reason });
        }
      }
    }
  }
  return found;
}

/** The experts as the API takes them: trimmed, an empty affiliation left out. */
export function cleanExperts(experts: PanelExpert[]): PanelExpert[] {
  return experts.map((e) => {
    const out: PanelExpert = { subject: e.subject.trim(), name: e.name.trim() };
    const affiliation = e.affiliation?.trim();
    if (affiliation) {
      out.affiliation = affiliation.toUpperCase();
    }
    return out;
  });
}

/** The form's rules for the experts (the API's, checked first): path (`experts.1.subject`) → rule key. */
export function validateExperts(experts: PanelExpert[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (experts.length === 0) {
    errors.experts = "none";
  }
  const seen = new Set<string>();
  experts.forEach((e, i) => {
    const subject = e.subject.trim();
    if (!subject || subject.length > 200) {
      errors[`experts.${i}.subject`] = "subject";
    } else if (seen.has(subject)) {
      errors[`experts.${i}.subject`] = "duplicate";
    }
    seen.add(subject);
    if (!e.name.trim() || e.name.trim().length > 500) {
      errors[`experts.${i}.name`] = "name";
    }
    if ((e.affiliation ?? "").trim().length > 500) {
      errors[`experts.${i}.affiliation`] = "affiliation";
    }
  });
  return errors;
}
