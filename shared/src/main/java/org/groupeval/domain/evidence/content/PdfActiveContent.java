package org.groupeval.domain.evidence.content;

import org.groupeval.domain.evidence.content.PdfParser.Name;

import java.util.List;
import java.util.Map;

/**
 * The first active content a PDF's dictionaries show (docs/evidence.md, "PDF"): JavaScript, a launch action, an
 * embedded file, an XFA form or rich media, names compared decoded ({@code /J#61vaScript} is {@code /JavaScript}).
 * Evidence is read by reviewers; none of it needs a script or a program, and these are how hostile PDFs act.
 */
final class PdfActiveContent {

    private String found;

    /** What was found first, with its object: "JavaScript (object 12)"; null if nothing. */
    String found() {
        return found;
    }

    /** Notes the first active content a dictionary shows (object {@code num}; -1 in a trailer). */
    void inspect(Map<String, Object> dict, long num) {
        if (found != null) {
            return;
        }
        String where = num < 0 ? "" : " (object " + num + ")";
        for (String key : List.of("JS", "JavaScript")) {
            if (dict.containsKey(key)) {
                found = "JavaScript" + where;
                return;
            }
        }
        Object action = dict.get("S");
        if (new Name("JavaScript").equals(action)) {
            found = "JavaScript" + where;
        } else if (new Name("Launch").equals(action)) {
            found = "a launch action, which runs a program" + where;
        } else if (dict.containsKey("EmbeddedFiles") || dict.containsKey("EF")
                || new Name("EmbeddedFile").equals(dict.get("Type")) || new Name("GoToE").equals(action)) {
            found = "an embedded file" + where;
        } else if (dict.containsKey("XFA")) {
            found = "an XFA form, which can run scripts" + where;
        } else if (dict.containsKey("RichMediaContent") || new Name("RichMedia").equals(dict.get("Subtype"))) {
            found = "rich media (Flash)" + where;
        }
    }
}
