package org.groupeval.domain.framework;

/** Administrative level of an award, a report, a talk or a bonus (national, provincial, city, district). */
public enum Level {
    NATIONAL("国家级", "national"),
    PROVINCIAL("省级", "provincial"),
    CITY("市级", "city"),
    DISTRICT("区级", "district");

    private final String zh;
    private final String en;

    Level(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public static Level parse(String text) {
        for (Level level : values()) {
            if (level.name().equals(text)) {
                return level;
            }
        }
        return null;
    }
}
