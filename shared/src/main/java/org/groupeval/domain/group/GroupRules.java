package org.groupeval.domain.group;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes a group registration valid (rules.md §3; docs/api.md, Codes). Every invalid field is reported at once,
 * each with its JSON Pointer. Who may see or change a group: {@link org.groupeval.domain.access.GroupAccess}.
 */
public final class GroupRules {

    public static final int MAX_NAME = 100;
    /** A DynamoDB transaction holds at most 100 writes: the group, its claims and an idempotency record. */
    public static final int MAX_MEMBERS = 60;
    /** The longest e-mail address there is (RFC 5321: a 256-octet path less its angle brackets). */
    public static final int MAX_EMAIL = 254;
    /**
     * An address: a local part, '@', and a domain of two or more dot-separated labels. Every quantifier is possessive
     * and no two adjacent parts can match the same character, so a match never backtracks: linear in the (bounded)
     * length, whatever is sent.
     */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]++@[^@\\s.]++(?:\\.[^@\\s.]++)++");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{5,30}");

    private GroupRules() {
    }

    /** Validates a registration or full update and returns it normalised (trimmed names, upper-cased codes). */
    public static GroupRequest validate(GroupRequest request) {
        List<FieldError> errors = new ArrayList<>();
        requireName(errors, "/name", request.name());
        if (request.type() == null || request.type().isBlank()) {
            errors.add(new FieldError("/type", "type is required: one of " + GroupType.codes()));
        } else if (GroupType.of(request.type().trim()).isEmpty()) {
            errors.add(new FieldError("/type", "unknown group type '" + request.type() + "': use one of "
                    + GroupType.codes()));
        }
        if (request.district() == null || !Identifiers.isDistrict(request.district().trim())) {
            errors.add(new FieldError("/district",
                    "district must be a 6-digit administrative division code (GB/T 2260), e.g. 610902"));
        }
        School core = request.coreSchool();
        if (core == null) {
            errors.add(new FieldError("/coreSchool", "coreSchool {code, name} is required"));
        } else {
            requireSchool(errors, "/coreSchool", core);
        }
        List<School> members = request.memberSchools();
        if (members == null || members.isEmpty()) {
            errors.add(new FieldError("/memberSchools", "a group has at least one member school"));
        } else {
            if (members.size() > MAX_MEMBERS) {
                errors.add(new FieldError("/memberSchools", "at most " + MAX_MEMBERS + " member schools"));
            }
            Map<String, Integer> seen = new HashMap<>();
            String coreCode = core == null ? null : normalizeCode(core.code());
            for (int i = 0; i < members.size(); i++) {
                School member = members.get(i);
                String pointer = "/memberSchools/" + i;
                if (member == null) {
                    errors.add(new FieldError(pointer, "a member school {code, name} is required"));
                    continue;
                }
                requireSchool(errors, pointer, member);
                String code = normalizeCode(member.code());
                if (code == null) {
                    continue;
                }
                if (code.equals(coreCode)) {
                    errors.add(new FieldError(pointer + "/code", "school " + code
                            + " is the core school and cannot also be a member"));
                }
                Integer first = seen.putIfAbsent(code, i);
                if (first != null) {
                    errors.add(new FieldError(pointer + "/code", "school " + code
                            + " is listed twice (also at /memberSchools/" + first + ")"));
                }
            }
        }
        Contact contact = request.contact();
        if (contact != null) {
            if (contact.name() != null && contact.name().trim().length() > MAX_NAME) {
                errors.add(new FieldError("/contact/name", "at most " + MAX_NAME + " characters"));
            }
            if (contact.phone() != null && !PHONE.matcher(contact.phone().trim()).matches()) {
                errors.add(new FieldError("/contact/phone", "a phone number of 5–30 digits, spaces, + - ( )"));
            }
            if (contact.email() != null && !isEmail(contact.email().trim())) {
                errors.add(new FieldError("/contact/email", "not an e-mail address (name@domain.example, at most "
                        + MAX_EMAIL + " characters)"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.size() + " field(s) of the group are not valid", errors);
        }
        return new GroupRequest(request.name().trim(), request.type().trim(), request.district().trim(),
                normalize(core), members.stream().map(GroupRules::normalize).toList(), normalize(contact));
    }

    /** Whether the text is an e-mail address: its length is bounded before the pattern sees it. */
    public static boolean isEmail(CharSequence text) {
        return text.length() <= MAX_EMAIL && EMAIL.matcher(text).matches();
    }

    /** A new group from a valid request. */
    public static Group create(String groupId, GroupRequest valid, Instant now) {
        return new Group(groupId, valid.name(), valid.type(), valid.district(), valid.coreSchool(),
                valid.memberSchools(), valid.contact(), now, now, 1);
    }

    /**
     * Applies a valid full update. The district and the core school identify who owns and reviews the group, so they
     * cannot change: a different core school is a different group.
     */
    public static Group update(Group current, GroupRequest valid, Instant now) {
        GroupLifecycle.checkActive(current);
        List<FieldError> errors = new ArrayList<>();
        if (!current.district().equals(valid.district())) {
            errors.add(new FieldError("/district", "the district of a registered group cannot change (was "
                    + current.district() + ")"));
        }
        if (!current.coreSchool().code().equals(valid.coreSchool().code())) {
            errors.add(new FieldError("/coreSchool/code", "the core school of a registered group cannot change (is "
                    + current.coreSchool().code() + "); register a new group instead"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("the group's identity cannot change", errors);
        }
        return new Group(current.groupId(), valid.name(), valid.type(), current.district(), valid.coreSchool(),
                valid.memberSchools(), valid.contact(), current.createdAt(), now, current.version());
    }

    /** 412: the group is no longer at the version the caller read ({@code current} is what it is now). */
    public static DomainException changedSince(Group current) {
        return DomainException.preconditionFailed("Group " + current.groupId() + " has changed since you read it (now "
                + "version " + current.version() + "); read it again and reapply your change.")
                .with("currentETag", "\"" + current.version() + "\"");
    }

    /**
     * 409: schools another group holds (rules.md §3.2: a school belongs to at most one group, and the loser learns
     * the holder). {@code holders}: each school code refused, in the order the request named them, with the id of
     * the group that holds it (null when it is not known).
     */
    public static DomainException schoolsTaken(Map<String, String> holders) {
        List<Map<String, String>> taken = new ArrayList<>();
        holders.forEach((school, holder) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("schoolCode", school);
            entry.put("holderGroupId", holder);
            taken.add(entry);
        });
        String detail = taken.stream().map(t -> "school " + t.get("schoolCode") + " already belongs to group "
                + t.get("holderGroupId")).reduce((a, b) -> a + "; " + b).orElseThrow()
                + ". A school belongs to at most one group.";
        return DomainException.conflict("school-already-in-group", "School already belongs to a group", detail)
                .with("holderGroupId", taken.get(0).get("holderGroupId"))
                .with("schools", taken);
    }

    public static String normalizeCode(String code) {
        return code == null || code.isBlank() ? null : Caller.normalizeSchool(code);
    }

    private static School normalize(School school) {
        return new School(normalizeCode(school.code()), school.name().trim());
    }

    private static Contact normalize(Contact contact) {
        if (contact == null) {
            return null;
        }
        return new Contact(trim(contact.name()), trim(contact.phone()), trim(contact.email()));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void requireName(List<FieldError> errors, String pointer, String name) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(pointer, "a non-empty name is required"));
        } else if (name.trim().length() > MAX_NAME) {
            errors.add(new FieldError(pointer, "at most " + MAX_NAME + " characters (has " + name.trim().length() + ")"));
        }
    }

    private static void requireSchool(List<FieldError> errors, String pointer, School school) {
        if (school.code() == null || !Identifiers.isSchoolCode(school.code().trim())) {
            errors.add(new FieldError(pointer + "/code", "a school code is 1–20 letters or digits"));
        }
        requireName(errors, pointer + "/name", school.name());
    }
}
