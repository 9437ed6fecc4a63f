package org.groupeval.domain.group;

/** Who to call about a group. Personal data: returned to authorised callers, never logged. */
public record Contact(String name, String phone, String email) {
}
