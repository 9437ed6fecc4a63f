package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.framework.SheetInput;
import org.groupeval.domain.group.Group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may sit on a group's panel (rules.md §7.5: "an expert from a school of the group may not sit on its
 * panel"): the shape of a panel request, and the conflicts of interest that refuse an assignment: an affiliation
 * with the core school or a member school, or a conflict CITY declared for the expert (with a school of the group,
 * or with the group itself).
 */
public final class PanelRules {

    public static final int MAX_EXPERTS = 25;

    private PanelRules() {
    }

    /** The experts of a {@code PUT …/panel} body {@code {experts: [{subject, name, affiliation}]}}. */
    public static List<Panel.Expert> experts(Map<String, Object> body) {
        SheetInput in = new SheetInput(false);
        in.onlyKnownMembers(body, "", List.of("experts"));
        List<Object> list = in.list(body.get("experts"), "/experts");
        List<Panel.Expert> experts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (list != null && list.size() > MAX_EXPERTS) {
            in.error("/experts", "a panel has at most " + MAX_EXPERTS + " experts (got " + list.size() + ")");
        }
        for (int i = 0; list != null && i < list.size(); i++) {
            String at = SheetInput.at("/experts", i);
            Map<String, Object> e = in.object(list.get(i), at);
            if (e == null || !in.onlyKnownMembers(e, at, List.of("subject", "name", "affiliation"))) {
                continue;
            }
            String subject = in.text(e.get("subject"), at + "/subject");
            if (subject != null && !Identifiers.isExpertSubject(subject)) {
                in.error(at + "/subject", Identifiers.SUBJECT_RULE);
                subject = null;
            }
            if (subject != null && !seen.add(subject)) {
                in.error(at + "/subject", "expert " + subject + " is listed twice");
            }
            String name = in.text(e.get("name"), at + "/name");
            if (name != null && name.length() > 100) {
                in.error(at + "/name", "must be at most 100 characters");
            }
            String affiliation = null;
            if (e.get("affiliation") != null) {
                affiliation = in.text(e.get("affiliation"), at + "/affiliation");
                if (affiliation != null && !Identifiers.isSchoolCode(affiliation)) {
                    in.error(at + "/affiliation", "must be the school code of the expert's own school (1–20 letters "
                            + "or digits), or left out");
                    affiliation = null;
                }
            }
            if (subject != null && name != null) {
                experts.add(new Panel.Expert(subject, name.strip(), Caller.normalizeSchool(affiliation)));
            }
        }
        if (in.hasErrors()) {
            throw DomainException.invalid("the panel has " + in.errors().size() + " invalid field"
                    + (in.errors().size() == 1 ? "" : "s"), in.errors());
        }
        return experts;
    }

    /**
     * Refuses (409 {@code conflict-of-interest}, naming every conflict) a panel with an expert affiliated with a
     * school of the group or with a declared conflict against the group or one of its schools.
     */
    public static void checkConflicts(Group group, List<Panel.Expert> experts,
                                      Map<String, List<DeclaredConflict>> declared) {
        refuseIfAny(group, experts, declared, "conflict-of-interest", "Conflict of interest",
                "An expert may not sit on the panel of a group they have a conflict with.");
    }

    /**
     * Before the city confirms a panel's score: an expert seated before a conflict with the group was declared
     * (declarations do not unseat anyone) must be replaced first; 409 {@code seated-expert-conflict} otherwise.
     */
    public static void checkSeatedConflicts(Group group, List<Panel.Expert> experts,
                                            Map<String, List<DeclaredConflict>> declared) {
        refuseIfAny(group, experts, declared, "seated-expert-conflict", "A seated expert has a conflict of interest",
                "Replace them on the panel (PUT …/panel) before the city confirms the score of group "
                        + group.groupId() + "; their sheet then no longer counts.");
    }

    /** 409 {@code type} naming every conflict (and the {@code conflicts} list), then what to do; nothing if none. */
    private static void refuseIfAny(Group group, List<Panel.Expert> experts,
                                    Map<String, List<DeclaredConflict>> declared, String type, String title,
                                    String remedy) {
        List<Map<String, Object>> conflicts = conflicts(group, experts, declared);
        if (!conflicts.isEmpty()) {
            throw DomainException.conflict(type, title, describe(group, conflicts) + ". " + remedy)
                    .with("conflicts", conflicts);
        }
    }

    /**
     * Every conflict of interest between the experts and the group: an affiliation with the core or a member school,
     * or a declared conflict with one of the group's schools or with the group; each with the expert's index
     * ({@code pointer} {@code /experts/i}).
     */
    public static List<Map<String, Object>> conflicts(Group group, List<Panel.Expert> experts,
                                                      Map<String, List<DeclaredConflict>> declared) {
        List<Map<String, Object>> conflicts = new ArrayList<>();
        Set<String> schools = new HashSet<>(group.schoolCodes().stream().map(Caller::normalizeSchool).toList());
        String core = Caller.normalizeSchool(group.coreSchool().code());
        for (int i = 0; i < experts.size(); i++) {
            Panel.Expert expert = experts.get(i);
            if (expert.affiliation() != null && schools.contains(expert.affiliation())) {
                conflicts.add(conflict(i, expert, expert.affiliation(),
                        expert.affiliation().equals(core) ? "CORE_SCHOOL" : "MEMBER_SCHOOL", null));
            }
            for (DeclaredConflict d : declared.getOrDefault(expert.subject(), List.of())) {
                if (d.groupId() != null && d.groupId().equals(group.groupId())) {
                    conflicts.add(conflict(i, expert, null, "DECLARED_GROUP", d.reason()));
                } else if (d.schoolCode() != null && schools.contains(Caller.normalizeSchool(d.schoolCode()))) {
                    conflicts.add(conflict(i, expert, Caller.normalizeSchool(d.schoolCode()), "DECLARED_SCHOOL",
                            d.reason()));
                }
            }
        }
        return conflicts;
    }

    private static String describe(Group group, List<Map<String, Object>> conflicts) {
        List<String> sentences = new ArrayList<>();
        for (Map<String, Object> c : conflicts) {
            String kind = (String) c.get("kind");
            sentences.add("expert " + c.get("expertSub") + switch (kind) {
                case "CORE_SCHOOL" -> " belongs to the core school " + c.get("schoolCode");
                case "MEMBER_SCHOOL" -> " belongs to the member school " + c.get("schoolCode");
                case "DECLARED_SCHOOL" -> " has a declared conflict with school " + c.get("schoolCode");
                default -> " has a declared conflict with group " + group.groupId();
            });
        }
        return String.join("; ", sentences);
    }

    private static Map<String, Object> conflict(int index, Panel.Expert expert, String school, String kind,
                                                String reason) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pointer", "/experts/" + index);
        c.put("expertSub", expert.subject());
        c.put("kind", kind);
        c.put("schoolCode", school);
        c.put("reason", reason);
        return c;
    }

    /** The {@code expertSub} of a path: an expert's token subject, or 400 naming {@code /path/expertSub}. */
    public static String expertSub(String raw) {
        if (!Identifiers.isExpertSubject(raw)) {
            throw DomainException.invalid("/path/expertSub", Identifiers.SUBJECT_RULE + " (got "
                    + Identifiers.quote(raw) + ")");
        }
        return raw;
    }

    /** A declared conflict from a {@code POST /experts/{expertSub}/conflicts} body {@code {schoolCode | groupId, reason}}. */
    public static DeclaredConflict declared(String expertSub, Map<String, Object> body, java.time.Instant now,
                                            String declaredBy) {
        SheetInput in = new SheetInput(false);
        if (!Identifiers.isExpertSubject(expertSub)) {
            in.error("/path/expertSub", Identifiers.SUBJECT_RULE);
        }
        in.onlyKnownMembers(body, "", List.of("schoolCode", "groupId", "reason"));
        String school = body.get("schoolCode") == null ? null : in.text(body.get("schoolCode"), "/schoolCode");
        String groupId = body.get("groupId") == null ? null : in.text(body.get("groupId"), "/groupId");
        if ((school == null) == (groupId == null) && !in.hasErrors()) {
            in.error("/schoolCode", "give exactly one of schoolCode (a school the expert may not review) or groupId");
        }
        if (school != null && !Identifiers.isSchoolCode(school)) {
            in.error("/schoolCode", "must be a school code: 1–20 letters or digits");
        }
        if (groupId != null && !Identifiers.isGroupId(groupId)) {
            in.error("/groupId", Identifiers.GROUP_ID_RULE);
        }
        String reason = in.text(body.get("reason"), "/reason");
        if (in.hasErrors()) {
            throw DomainException.invalid("the conflict has " + in.errors().size() + " invalid field"
                    + (in.errors().size() == 1 ? "" : "s"), in.errors());
        }
        return new DeclaredConflict(expertSub, Caller.normalizeSchool(school), groupId, reason.strip(), now,
                declaredBy);
    }
}
