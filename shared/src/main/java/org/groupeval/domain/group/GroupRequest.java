package org.groupeval.domain.group;

import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /groups} and {@code PUT /groups/{groupId}}, as the caller sent it (not yet valid). */
public record GroupRequest(String name, String type, String district, School coreSchool,
                           List<School> memberSchools, Contact contact) {

    /** Every school of a valid request, core first. */
    public List<School> schools() {
        List<School> all = new ArrayList<>(memberSchools.size() + 1);
        all.add(coreSchool);
        all.addAll(memberSchools);
        return all;
    }
}
