package org.groupeval.registration;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.group.Group;

/**
 * A group as the API shows it (docs/api.md, Groups): the group's members and the name of its district beside the
 * code ({@code districtName}, absent when the code has none).
 */
record GroupView(@JsonUnwrapped Group group, String districtName) {

    static GroupView of(Group group, DistrictNames names) {
        return new GroupView(group, names.nameOrNull(group.district()));
    }
}
