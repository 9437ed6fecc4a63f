package org.groupeval.domain.group;

import java.util.ArrayList;
import java.util.List;

/**
 * What a group was in one cycle (docs/review.md, Participation): its name, type, district and schools as of the
 * close of the cycle's self-assessment. Results, progress and the history of a year show this, not the group as it
 * is now.
 */
public record GroupSnapshot(String name, String type, String district, School coreSchool,
                            List<School> memberSchools) {

    public GroupSnapshot {
        memberSchools = memberSchools == null ? List.of() : List.copyOf(memberSchools);
    }

    public static GroupSnapshot of(Group group) {
        return new GroupSnapshot(group.name(), group.type(), group.district(), group.coreSchool(),
                group.memberSchools());
    }

    /** Every school, core first. */
    public List<String> schoolCodes() {
        List<String> codes = new ArrayList<>(memberSchools.size() + 1);
        codes.add(coreSchool.code());
        memberSchools.forEach(s -> codes.add(s.code()));
        return codes;
    }
}
