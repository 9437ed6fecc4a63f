// The conflict-of-interest declaration's own rules (the API's ConflictRequest), checked before it is sent so that
// every invalid field is shown at once.
export interface ConflictForm {
  kind: "school" | "group";
  target: string;
  reason: string;
}

const SCHOOL = /^[A-Za-z0-9]{1,20}$/;
const GROUP = /^g-[0-9a-hjkmnp-tv-z]{26}$/;

/** Field → rule broken (`target`, `reason`); empty when the form may be sent. */
export function validateConflict(form: ConflictForm): Record<string, "target" | "reason"> {
  const errors: Record<string, "target" | "reason"> = {};
  const target = form.target.trim();
  if (!(form.kind === "school" ? SCHOOL : GROUP).test(target)) errors.target = "target";
  const reason = form.reason.trim();
  if (reason.length < 1 || reason.length > 500) errors.reason = "reason";
  return errors;
}
