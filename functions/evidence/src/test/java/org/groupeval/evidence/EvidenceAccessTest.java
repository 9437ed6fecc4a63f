package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.groupeval.evidence.EvidenceFixture.assertProblem;
import static org.groupeval.evidence.EvidenceFixture.body;
import static org.groupeval.evidence.EvidenceFixture.city;
import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.district;
import static org.groupeval.evidence.EvidenceFixture.expert;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.groupeval.evidence.EvidenceFixture.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may declare, list, read and withdraw evidence (rules.md §11.1). */
class EvidenceAccessTest {

    private static EvidenceFixture fx;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
    }

    private static String verified(World w, String indicatorId) {
        byte[] content = pdf("evidence for " + indicatorId);
        JsonNode declared = fx.declared(w, declaration(indicatorId, indicatorId + ".pdf", "application/pdf", content));
        assertEquals(200, fx.upload(declared, content).statusCode());
        String id = declared.get("evidenceId").asText();
        assertEquals("VERIFIED", fx.awaitChecked(w, id).get("status").asText());
        return id;
    }

    @Test
    void anotherSchoolCannotDeclareListOrDownload() {
        World w = fx.world();
        String id = verified(w, "A01");
        Map<String, String> other = school(EvidenceFixture.unique() + "X");
        assertProblem(fx.declare(w, declaration("A01", "x.pdf", "application/pdf", pdf("x")), other), 403);
        assertProblem(fx.list(w, other, Map.of()), 403);
        assertProblem(fx.getOne(w, id, other), 403);
        assertProblem(fx.withdraw(w, id, other), 403);
        Map<String, String> member = school(w.core().substring(0, w.core().length() - 1) + "M");
        assertProblem(fx.getOne(w, id, member), 403);
    }

    @Test
    void aCallerWhoCannotSeeAGroupCannotTellWhetherItExists() {
        World w = fx.world();
        World missing = new World(Ids.newId(Identifiers.GROUP), w.core(), w.district(), w.year());
        assertProblem(fx.list(missing, school(w.core()), Map.of()), 403);
        assertProblem(fx.list(missing, district(w.district()), Map.of()), 403);
        assertProblem(fx.list(missing, city(), Map.of()), 404);
    }

    @Test
    void theDistrictAndTheCityReadAndDownloadButAnotherDistrictCannot() {
        World w = fx.world();
        String id = verified(w, "A02");
        for (Map<String, String> reader : java.util.List.of(district(w.district()), city(), school(w.core()))) {
            APIGatewayV2HTTPResponse one = fx.getOne(w, id, reader);
            assertEquals(200, one.getStatusCode(), one.getBody());
            assertTrue(body(one).has("downloadUrl"));
            JsonNode list = body(fx.list(w, reader, Map.of()));
            assertEquals(id, list.at("/items/0/evidenceId").asText());
        }
        assertProblem(fx.getOne(w, id, district("999999")), 403);
        assertProblem(fx.declare(w, declaration("A01", "x.pdf", "application/pdf", pdf("x")), district(w.district())),
                403);
        assertProblem(fx.declare(w, declaration("A01", "x.pdf", "application/pdf", pdf("x")), city()), 403);
    }

    @Test
    void anExpertReadsOnlyTheGroupsOnWhosePanelTheySit() {
        World w = fx.world();
        String id = verified(w, "A03");
        String sub = "expert-" + EvidenceFixture.unique();
        assertProblem(fx.getOne(w, id, expert(sub)), 403);
        assertProblem(fx.list(w, expert(sub), Map.of()), 403);
        fx.panelSeat(w, sub);
        assertEquals(200, fx.getOne(w, id, expert(sub)).getStatusCode());
        assertEquals(1, body(fx.list(w, expert(sub), Map.of())).get("items").size());
        assertProblem(fx.withdraw(w, id, expert(sub)), 403);
    }

    @Test
    void noIdentityIsA401() {
        World w = fx.world();
        assertProblem(fx.call(EvidenceFixture.event("list-evidence.json", w, null)), 401);
    }

    @Test
    void theSchoolWithdrawsUntilItsSelfAssessmentIsSubmittedAndTheCityStillSeesTheFile() {
        World w = fx.world();
        String kept = verified(w, "A04");
        String withdrawn = verified(w, "A05");
        fx.selfSheet(w, "DRAFT");
        APIGatewayV2HTTPResponse gone = fx.withdraw(w, withdrawn, school(w.core()));
        assertEquals(204, gone.getStatusCode(), gone.getBody());
        assertEquals(204, fx.withdraw(w, withdrawn, school(w.core())).getStatusCode(), "withdrawing is idempotent");

        assertProblem(fx.getOne(w, withdrawn, school(w.core())), 404);
        assertProblem(fx.getOne(w, withdrawn, district(w.district())), 404);
        JsonNode schoolList = body(fx.list(w, school(w.core()), Map.of()));
        assertEquals(1, schoolList.get("items").size());
        assertEquals(kept, schoolList.at("/items/0/evidenceId").asText());
        assertProblem(fx.list(w, school(w.core()), Map.of("includeWithdrawn", "true")), 403);

        JsonNode audit = body(fx.getOne(w, withdrawn, city()));
        assertEquals("WITHDRAWN", audit.get("status").asText());
        assertEquals("user-" + w.core(), audit.get("withdrawnBy").asText());
        assertTrue(audit.has("downloadUrl"), "withdrawn files stay retrievable to the city");
        assertEquals(200, fx.download(audit.get("downloadUrl").asText()).statusCode());
        assertEquals(2, body(fx.list(w, city(), Map.of("includeWithdrawn", "true"))).get("items").size());

        fx.selfSheet(w, "SUBMITTED");
        APIGatewayV2HTTPResponse locked = fx.withdraw(w, kept, school(w.core()));
        assertProblem(locked, 409);
        assertEquals("urn:groupeval:problem:self-assessment-submitted", body(locked).get("type").asText());
        assertEquals("VERIFIED", body(fx.getOne(w, kept, school(w.core()))).get("status").asText());
    }

    @Test
    void unknownEvidenceIsA404ForThoseWhoMaySeeTheGroup() {
        World w = fx.world();
        assertProblem(fx.getOne(w, Ids.newId(Identifiers.EVIDENCE), school(w.core())), 404);
        assertProblem(fx.withdraw(w, Ids.newId(Identifiers.EVIDENCE), school(w.core())), 404);
    }

    @Test
    void aMalformedIdIsRefusedAsAMissingOneWouldBeWithoutALookup() {
        World w = fx.world();
        World stranger = fx.world();
        for (String bad : new String[] {"A".repeat(1_016), "ev-nothing", "EV-01JD0A6K3M9V2X7C5B8N4Q1R6T"}) {
            APIGatewayV2HTTPResponse read = fx.getOne(w, bad, school(w.core()));
            assertProblem(read, 400);
            assertEquals("/path/evidenceId", body(read).at("/errors/0/pointer").asText());
            assertProblem(fx.withdraw(w, bad, school(w.core())), 400);
            // a caller who may not see the group learns nothing more from a malformed id than from any other
            assertProblem(fx.getOne(w, bad, school(stranger.core())), 403);
            assertProblem(fx.withdraw(w, bad, school(stranger.core())), 403);
        }
        World overLong = new World("A".repeat(2_100), w.core(), w.district(), w.year());
        APIGatewayV2HTTPResponse cityRead = fx.list(overLong, city(), Map.of());
        assertProblem(cityRead, 400);
        assertEquals("/path/groupId", body(cityRead).at("/errors/0/pointer").asText());
        assertProblem(fx.list(overLong, school(w.core()), Map.of()), 403);
        assertProblem(fx.list(overLong, expert("E01"), Map.of()), 403);
        assertProblem(fx.declare(overLong, declaration("A01", "x.pdf", "application/pdf", pdf("x")),
                school(w.core())), 403);
        assertProblem(fx.call(EvidenceFixture.event("get-statement.json", overLong, district(w.district()))), 403);
    }

    @Test
    void theListPagesAndFiltersByIndicator() {
        World w = fx.world();
        for (String indicator : new String[] {"A06", "A06", "A07"}) {
            fx.declared(w, declaration(indicator, indicator + ".pdf", "application/pdf", pdf(indicator)));
        }
        JsonNode first = body(fx.list(w, school(w.core()), Map.of("limit", "2")));
        assertEquals(2, first.get("items").size());
        assertTrue(first.hasNonNull("nextToken"));
        JsonNode second = body(fx.list(w, school(w.core()), Map.of("limit", "2",
                "nextToken", first.get("nextToken").asText())));
        assertEquals(1, second.get("items").size());
        assertFalse(second.hasNonNull("nextToken") && second.get("items").size() == 2);

        JsonNode a06 = body(fx.list(w, district(w.district()), Map.of("indicatorId", "A06")));
        assertEquals(2, a06.get("items").size());
        a06.get("items").forEach(e -> assertEquals("A06", e.get("indicatorId").asText()));
        assertEquals("PENDING", a06.at("/items/0/status").asText(), "never uploaded: pending");
        assertFalse(a06.at("/items/0").has("downloadUrl"));

        assertProblem(fx.list(w, school(w.core()), Map.of("nextToken", "not-a-token")), 400);
        assertProblem(fx.list(w, school(w.core()), Map.of("limit", "0")), 400);
    }

    @Test
    void aPageTokenServesOnlyTheListAndTheCallerItWasIssuedFor() {
        World w = fx.world();
        World other = fx.world();
        for (World world : new World[] {w, other}) {
            for (String indicator : new String[] {"A06", "A06", "A07"}) {
                fx.declared(world, declaration(indicator, indicator + ".pdf", "application/pdf", pdf(indicator)));
            }
        }
        String token = body(fx.list(w, city(), Map.of("limit", "1"))).get("nextToken").asText();
        assertEquals(200, fx.list(w, city(), Map.of("limit", "1", "nextToken", token)).getStatusCode());
        // not for another group's list, another caller, or another filter of the same list
        assertBadPageToken(fx.list(other, city(), Map.of("nextToken", token)));
        assertBadPageToken(fx.list(w, district(w.district()), Map.of("nextToken", token)));
        assertBadPageToken(fx.list(w, school(w.core()), Map.of("nextToken", token)));
        assertBadPageToken(fx.list(w, city(), Map.of("indicatorId", "A06", "nextToken", token)));
        assertBadPageToken(fx.list(w, city(), Map.of("includeWithdrawn", "true", "nextToken", token)));
        // a key made up in the format tokens used to have, the report's crafted tokens, altered tokens
        String key = "pk=CYCLE#" + other.year() + "#GROUP#" + other.groupId() + "\u001fsk=EVIDENCE#";
        for (String forged : new String[] {"cGs9eB9zaz0", "cGs9R1JPVVAjeB9zaz1HUk9VUA",
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                token.substring(0, token.length() - 2), token.toUpperCase(java.util.Locale.ROOT)}) {
            assertBadPageToken(fx.list(w, city(), Map.of("nextToken", forged)));
        }
    }

    private static void assertBadPageToken(APIGatewayV2HTTPResponse response) {
        assertProblem(response, 400);
        assertEquals("/query/nextToken", body(response).at("/errors/0/pointer").asText(), response.getBody());
    }
}
