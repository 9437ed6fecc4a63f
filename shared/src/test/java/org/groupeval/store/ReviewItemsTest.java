package org.groupeval.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.domain.Grade;
import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.SheetSummary;
import org.groupeval.domain.ranking.TiePolicy;
import org.groupeval.domain.review.AuditAction;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.domain.review.Stage;
import org.groupeval.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ReviewTable's items as the review workflow has stored them (stored/review-items.json: one of each kind, from a
 * cycle run through every stage and a panel, {@code data} as the attribute holds it) read into the typed models, and
 * written back unchanged: the same keys, the same plain attributes, the same {@code data}. What the ranking reads of
 * them is read through the same mappers.
 */
class ReviewItemsTest {

    /** An item and its {@code data} attribute as stored (JSON text). */
    private record Stored(StoredItem item, String data) {
    }

    private static List<Stored> stored() throws IOException {
        try (InputStream in = ReviewItemsTest.class.getResourceAsStream("/stored/review-items.json")) {
            List<Stored> all = new ArrayList<>();
            for (JsonNode entry : Json.MAPPER.readTree(in)) {
                StoredItem item = Json.MAPPER.treeToValue(entry.get("item"), StoredItemFields.class).toItem();
                item.setData(entry.get("data").textValue());
                all.add(new Stored(item, item.getData()));
            }
            return all;
        }
    }

    /** The attributes of an item as the fixture spells them. */
    private record StoredItemFields(String kind, String pk, String sk, String gsi1pk, String gsi1sk, String gsi2pk,
                                    String gsi2sk, String gsi3pk, String gsi3sk, String status, String district,
                                    String grade, Long version) {
        StoredItem toItem() {
            StoredItem item = StoredItem.of(kind, pk, sk);
            item.setGsi1pk(gsi1pk);
            item.setGsi1sk(gsi1sk);
            item.setGsi2pk(gsi2pk);
            item.setGsi2sk(gsi2sk);
            item.setGsi3pk(gsi3pk);
            item.setGsi3sk(gsi3sk);
            item.setStatus(status);
            item.setDistrict(district);
            item.setGrade(grade);
            item.setVersion(version);
            return item;
        }
    }

    /** The item read into its model by the mapper of its kind, and written again by the same mapper. */
    private static StoredItem again(StoredItem item) {
        return switch (item.getKind()) {
            case CycleMapper.KIND -> CycleMapper.toItem(CycleMapper.fromItem(item));
            case SheetMapper.STAGE_SHEET, SheetMapper.EXPERT_SHEET -> SheetMapper.toItem(SheetMapper.fromItem(item));
            case PanelMapper.PANEL -> PanelMapper.toItem(PanelMapper.fromItem(item));
            case PanelMapper.SEAT -> {
                PanelMapper.Seat seat = PanelMapper.seatFromItem(item);
                yield PanelMapper.seatItem(new Panel(seat.groupId(), seat.year(), item.getDistrict(),
                        List.of(seat.expert()), null, null, 0), seat.expert());
            }
            case ExtensionMapper.KIND -> ExtensionMapper.toItem(ExtensionMapper.fromItem(item));
            case AuditMapper.KIND -> AuditMapper.toItem(AuditMapper.fromItem(item));
            case ConflictMapper.KIND -> ConflictMapper.toItem(ConflictMapper.fromItem(item));
            case ParticipantMapper.KIND -> ParticipantMapper.toItem(ParticipantMapper.fromItem(item));
            default -> throw new AssertionError("no mapper for " + item.getKind());
        };
    }

    @Test
    void everyKindOfItemReadsIntoItsModelAndWritesBackTheSameKeysAttributesAndData() throws IOException {
        List<Stored> all = stored();
        assertEquals(21, all.size());
        for (Stored s : all) {
            StoredItem item = s.item();
            StoredItem written = again(item);
            String what = item.getKind() + " " + item.getPk() + " " + item.getSk();
            assertEquals(List.of(item.getKind(), item.getPk(), item.getSk()),
                    List.of(written.getKind(), written.getPk(), written.getSk()), what);
            assertEquals(indexKeys(item), indexKeys(written), what);
            assertEquals(java.util.Arrays.asList(item.getStatus(), item.getDistrict(), item.getGrade(),
                    item.getVersion()), java.util.Arrays.asList(written.getStatus(), written.getDistrict(),
                    written.getGrade(), written.getVersion()), what);
            JsonNode expected = Json.MAPPER.readTree(s.data());
            JsonNode actual = Json.MAPPER.readTree(written.getData());
            if (item.getKind().equals(CycleMapper.KIND)) {
                // the item's version and status are the cycle's; the copies in its data are not read
                for (JsonNode data : List.of(expected, actual)) {
                    ((ObjectNode) data).remove(List.of("version", "frameworkLocked"));
                }
            }
            assertEquals(expected, actual, what);
        }
    }

    private static List<String> indexKeys(StoredItem item) {
        return java.util.Arrays.asList(item.getGsi1pk(), item.getGsi1sk(), item.getGsi2pk(), item.getGsi2sk(),
                item.getGsi3pk(), item.getGsi3sk());
    }

    private static StoredItem find(List<Stored> all, String kind, String sk, String pkEnd) {
        return all.stream().map(Stored::item).filter(i -> i.getKind().equals(kind) && i.getSk().equals(sk)
                && i.getPk().endsWith(pkEnd)).findFirst().orElseThrow();
    }

    @Test
    void theModelsTypeWhatTheItemsHold() throws IOException {
        List<Stored> all = stored();
        ReviewSheet city = SheetMapper.fromItem(find(all, SheetMapper.STAGE_SHEET, "SHEET#city", "0001"));
        assertEquals(Stage.CITY, city.stage());
        assertEquals(SheetStatus.SUBMITTED, city.status());
        assertEquals(Grade.GOOD, city.grade());
        assertTrue(city.score().fraud().applied());
        assertEquals(0, new BigDecimal("6.00").compareTo(city.indicatorPoints("A01")));
        assertNotNull(city.input().indicators().get("A01"));

        ReviewSheet expert = SheetMapper.fromItem(find(all, SheetMapper.EXPERT_SHEET, "SHEET#city#EXPERT#SX1", "0003"));
        assertTrue(expert.isExpertSheet());
        assertTrue(expert.input().veto().isApplied());
        assertTrue(expert.input().bonus().claims());

        ReviewSheet panelCity = SheetMapper.fromItem(find(all, SheetMapper.STAGE_SHEET, "SHEET#city", "0003"));
        assertEquals(5, panelCity.panel().assigned());
        assertEquals("veto", panelCity.panel().raised().get(0).flag());
        assertFalse(panelCity.input().veto().isApplied());

        AuditRecord panelChange = all.stream().map(Stored::item).filter(i -> i.getKind().equals(AuditMapper.KIND))
                .map(AuditMapper::fromItem).filter(r -> r.action() == AuditAction.PANEL_CHANGED).findFirst()
                .orElseThrow();
        assertEquals(Stage.CITY, panelChange.stage());
    }

    @Test
    void theRankingReadsTheCycleAndTheSheetsThroughTheSameMappers() throws IOException {
        List<Stored> all = stored();
        RankingCycle cycle = RankingCycle.of(CycleMapper.fromItem(find(all, CycleMapper.KIND, "CYCLE", "2061")));
        assertEquals(TiePolicy.BREAK_BY_CATEGORIES, cycle.award().tiePolicy());
        assertEquals(List.of("teaching", "staff"), cycle.award().tieBreakCategories());
        assertNotNull(cycle.rankingAt());

        SheetSummary city = SheetSummary.of(SheetMapper.fromItem(find(all, SheetMapper.STAGE_SHEET, "SHEET#city",
                "0001")));
        assertTrue(city.submitted());
        assertEquals(0, new BigDecimal("96.00").compareTo(city.total()));
        assertTrue(city.fraud());
        assertFalse(city.veto());
        assertEquals(6, city.categoryPoints().size());
        SheetSummary district = SheetSummary.of(SheetMapper.fromItem(find(all, SheetMapper.STAGE_SHEET,
                "SHEET#district", "0001")));
        assertTrue(district.recommend());
    }
}
