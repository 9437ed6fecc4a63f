package org.groupeval.domain.group;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ways a group is formed (rules.md §2.2: 组建类型). The Ankang plan names three; other regions use four more,
 * so the list is data, not an enum: a deployment may add codes without touching the rules that use them.
 */
public record GroupType(String code, String zh, String en) {

    public static final String INTEGRATED = "INTEGRATED";

    private static final Map<String, GroupType> KNOWN = new LinkedHashMap<>();

    static {
        register(new GroupType(INTEGRATED, "一体型", "integrated (one legal entity, several campuses)"));
        register(new GroupType("TRUSTEESHIP", "托管型", "trusteeship (member keeps its status, managed by the core)"));
        register(new GroupType("COLLABORATIVE", "协作型", "collaborative (independent schools cooperating)"));
        register(new GroupType("CLOSE", "紧密型", "close"));
        register(new GroupType("ALLIANCE", "联盟型", "alliance"));
        register(new GroupType("PROJECT", "项目型", "project"));
        register(new GroupType("PARTNERSHIP", "合作型", "partnership"));
    }

    private static void register(GroupType type) {
        KNOWN.put(type.code(), type);
    }

    public static Optional<GroupType> of(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(KNOWN.get(code));
    }

    public static Set<String> codes() {
        return KNOWN.keySet();
    }

    /** Every type, in the order the rule book lists them. */
    public static Collection<GroupType> all() {
        return KNOWN.values();
    }

    /** A type by its code or its Chinese name (托管型), as a spreadsheet may give it. */
    public static Optional<GroupType> ofCodeOrName(String text) {
        return text == null ? Optional.empty() : of(text).or(() -> KNOWN.values().stream()
                .filter(t -> t.zh().equals(text)).findFirst());
    }
}
