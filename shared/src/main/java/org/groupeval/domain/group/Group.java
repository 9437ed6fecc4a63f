package org.groupeval.domain.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An education group (教育集团): a core school leading one or more member schools; the unit that is evaluated and
 * ranked. {@code version} is the optimistic-locking version, exposed as the ETag.
 */
public record Group(String groupId, String name, String type, String district, School coreSchool,
                    List<School> memberSchools, Contact contact, Instant createdAt, Instant updatedAt,
                    long version) {

    public Group {
        memberSchools = memberSchools == null ? List.of() : List.copyOf(memberSchools);
    }

    /** Every school of the group, core first. */
    public List<School> schools() {
        List<School> all = new ArrayList<>(memberSchools.size() + 1);
        all.add(coreSchool);
        all.addAll(memberSchools);
        return all;
    }

    public List<String> schoolCodes() {
        return schools().stream().map(School::code).toList();
    }

    public boolean hasSchool(String code) {
        return schoolCodes().contains(code);
    }

    public Group withVersion(long newVersion) {
        return new Group(groupId, name, type, district, coreSchool, memberSchools, contact, createdAt, updatedAt,
                newVersion);
    }
}
