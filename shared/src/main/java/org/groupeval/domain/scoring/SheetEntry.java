package org.groupeval.domain.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a reviewer entered on a sheet (docs/api.md, Score sheets): the indicators' inputs, the level bonus claimed,
 * and the veto and fraud flags. Any member may be left out (a draft, or the city's decisions on a panel cycle's
 * city sheet, which holds no indicators). The scorer reads it as the sheet's JSON tree ({@link #toTree()}).
 */
public record SheetEntry(IndicatorInputs indicators, BonusClaim bonus, FlagInput veto, FlagInput fraud) {

    public static final SheetEntry EMPTY = new SheetEntry(null, null, null, null);

    /** The input of one indicator as entered, or null. */
    public Object indicatorInput(String indicatorId) {
        return indicators == null ? null : indicators.get(indicatorId);
    }

    /** The flag named {@code veto} or {@code fraud}, or null. */
    public FlagInput flag(String name) {
        return switch (name) {
            case "veto" -> veto;
            case "fraud" -> fraud;
            default -> throw new IllegalArgumentException("no flag " + name);
        };
    }

    /** The sheet as the scorer and the framework's rule readers take it: its JSON tree, members as given. */
    public Map<String, Object> toTree() {
        return given("indicators", indicators == null ? null : indicators.values(),
                "bonus", bonus == null ? null : bonus.toTree(), "veto", veto == null ? null : veto.toTree(),
                "fraud", fraud == null ? null : fraud.toTree());
    }

    /** A JSON object of the members given ({@code name, value, name, value …}; a null value is left out). */
    static Map<String, Object> given(Object... members) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            if (members[i + 1] != null) {
                tree.put((String) members[i], members[i + 1]);
            }
        }
        return tree;
    }
}
