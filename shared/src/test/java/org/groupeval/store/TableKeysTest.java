package org.groupeval.store;

import org.groupeval.domain.Grade;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The key scheme of GroupsTable, EvidenceTable and ResultsTable exactly as docs/data-model.md states it: stored items
 * and the cursors of issued page tokens carry these strings, so a change here is a change of the stored format.
 */
class TableKeysTest {

    private static final String G = "g-01kexamp1e0000000000000000";

    private static void assertKey(String pk, String sk, ItemKey key) {
        assertEquals(pk, key.pk());
        assertEquals(sk, key.sk());
    }

    @Test
    void groupsTable() {
        assertKey("GROUP#" + G, "GROUP", GroupKeys.group(G));
        assertKey("SCHOOL#S001", "SCHOOL", GroupKeys.claim("S001"));
        Group group = new Group(G, "n", "CLOSE", "610902", new School("S001", "c"), List.of(), null, Instant.EPOCH,
                Instant.EPOCH, 1);
        StoredItem item = GroupKeys.item(group);
        assertEquals(List.of("GROUP#" + G, "GROUP", "DISTRICT#610902", "CLOSE#" + G, "GROUPS", "CLOSE#" + G),
                List.of(item.getPk(), item.getSk(), item.getGsi1pk(), item.getGsi1sk(), item.getGsi2pk(),
                        item.getGsi2sk()));
        assertEquals("Group", item.getKind());
        assertEquals("DISTRICT#610921", GroupKeys.district("610921"));
        assertEquals("INTEGRATED#", GroupKeys.ofType("INTEGRATED"));
    }

    @Test
    void evidenceTable() {
        String pk = "CYCLE#2026#GROUP#" + G;
        assertKey(pk, "EVIDENCE#ev-1", EvidenceKeys.evidence(2026, G, "ev-1"));
        assertKey(pk, "EVIDENCE_COUNT", EvidenceKeys.counter(2026, G));
        assertKey(pk, "STATEMENT", EvidenceKeys.statement(2026, G));
        Evidence e = new Evidence("ev-1", G, 2026, "A01", "t", "m", "f.pdf", "application/pdf", 1L, "0".repeat(64),
                EvidenceStatus.PENDING, null, Instant.EPOCH, "u", null, null, null, 1);
        StoredItem item = EvidenceKeys.item(e);
        assertEquals(List.of(pk, "EVIDENCE#ev-1", pk + "#INDICATOR#A01", "EVIDENCE#ev-1"),
                List.of(item.getPk(), item.getSk(), item.getGsi1pk(), item.getGsi1sk()));
    }

    @Test
    void resultsTable() {
        assertKey("CYCLE#2026", "RUN#000042", ResultKeys.run(2026, 42));
        assertKey("CYCLE#2026", "RUN#LATEST", ResultKeys.latest(2026));
        assertKey("CYCLE#2026", "RUN#PUBLISHED", ResultKeys.published(2026));
        assertKey("CYCLE#2026", "SCHEDULED#2026-11-01T02:00:00.000Z",
                ResultKeys.scheduled(2026, Instant.parse("2026-11-01T02:00:00Z")));
        assertKey("GROUP#" + G, "RESULT#2026#000003", ResultKeys.result(G, 2026, 3));
        assertKey("GROUP#" + G, "SENIOR_POST_BONUS", ResultKeys.bonus(G));
        assertEquals(G, ResultKeys.bonusGroupId(ResultKeys.bonus(G).item("SeniorPostBonus")));
        GroupResult awarded = result(true);
        StoredItem item = ResultKeys.item(3, awarded);
        String rev = "RESULTS#2026#000003";
        String order = "0000007#" + G;
        assertEquals(List.of("GROUP#" + G, "RESULT#2026#000003", rev, order, rev + "#DISTRICT#610902", order,
                        rev + "#GRADE#GOOD", order, rev + "#AWARDED", order),
                List.of(item.getPk(), item.getSk(), item.getGsi1pk(), item.getGsi1sk(), item.getGsi2pk(),
                        item.getGsi2sk(), item.getGsi3pk(), item.getGsi3sk(), item.getGsi4pk(), item.getGsi4sk()));
        assertEquals(G, ResultKeys.rankedGroupId(order));
        StoredItem notAwarded = ResultKeys.item(3, result(false));
        assertNull(notAwarded.getGsi4pk(), "GSI4 holds the awarded results only");
        assertEquals(rev + "#GRADE#FAIL", ResultKeys.ofGrade(2026, 3, Grade.FAIL));
    }

    @Test
    void idempotencyRecords() {
        assertKey("IDEMPOTENCY#sub-1#key-1", "IDEMPOTENCY", IdempotencyKey.of("sub-1", "key-1", "x").itemKey());
    }

    private static GroupResult result(boolean award) {
        String json = "{\"groupId\":\"" + G + "\",\"year\":2026,\"name\":\"n\",\"district\":\"610902\","
                + "\"groupType\":\"CLOSE\",\"rank\":7,\"districtRank\":2,\"score\":85.00,\"basis\":\"CITY\","
                + "\"bandGrade\":\"GOOD\",\"grade\":\"GOOD\",\"award\":" + award + ",\"seniorPostBonus\":false,"
                + "\"flags\":[],\"explanation\":{\"flags\":[]}}";
        return Json.read(json, GroupResult.class);
    }
}
