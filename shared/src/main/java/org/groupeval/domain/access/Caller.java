package org.groupeval.domain.access;

import java.util.Locale;

/**
 * The authenticated caller, as the authorizer vouched for it. {@code school} is set for SCHOOL (and optionally for
 * EXPERT: the expert's own affiliation), {@code district} for DISTRICT. School codes are compared upper-cased.
 */
public record Caller(String subject, Role role, String school, String district) {

    public Caller {
        school = normalizeSchool(school);
        district = district == null || district.isBlank() ? null : district.trim();
    }

    public static String normalizeSchool(String code) {
        return code == null || code.isBlank() ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isSchool(String schoolCode) {
        return role == Role.SCHOOL && school != null && school.equals(normalizeSchool(schoolCode));
    }

    public boolean isDistrict(String districtCode) {
        return role == Role.DISTRICT && district != null && district.equals(districtCode);
    }

    /** A short description for audit records and messages: never contact data, never a token. */
    public String describe() {
        return role + ":" + subject;
    }
}
