package org.groupeval.domain.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An education group (教育集团): a core school leading one or more member schools; the unit that is evaluated and
 * ranked. {@code status} is {@link GroupStatus#ACTIVE} until the group is dissolved or merged into another, which
 * {@code ended} then describes (docs/api.md, Group lifecycle). {@code version} is the optimistic-locking version,
 * exposed as the ETag.
 */
public record Group(String groupId, String name, String type, String district, School coreSchool,
                    List<School> memberSchools, Contact contact, Instant createdAt, Instant updatedAt,
                    GroupStatus status, GroupEnd ended, long version) {

    public Group {
        memberSchools = memberSchools == null ? List.of() : List.copyOf(memberSchools);
        status = status == null ? GroupStatus.ACTIVE : status;
    }

    /** An active group. */
    public Group(String groupId, String name, String type, String district, School coreSchool,
                 List<School> memberSchools, Contact contact, Instant createdAt, Instant updatedAt, long version) {
        this(groupId, name, type, district, coreSchool, memberSchools, contact, createdAt, updatedAt,
                GroupStatus.ACTIVE, null, version);
    }

    public boolean active() {
        return status == GroupStatus.ACTIVE;
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
                status, ended, newVersion);
    }

    /** The group, ended ({@link GroupStatus#DISSOLVED} or {@link GroupStatus#MERGED}) as {@code end} says. */
    public Group ended(GroupStatus endStatus, GroupEnd end) {
        return new Group(groupId, name, type, district, coreSchool, memberSchools, contact, createdAt, end.at(),
                endStatus, end, version);
    }

    /** The group with these member schools (a merge adds the merged group's schools). */
    public Group withMembers(List<School> members, Instant at) {
        return new Group(groupId, name, type, district, coreSchool, members, contact, createdAt, at, status, ended,
                version);
    }
}
