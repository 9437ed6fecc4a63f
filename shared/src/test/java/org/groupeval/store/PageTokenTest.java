package org.groupeval.store;

import org.groupeval.domain.DomainException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTokenTest {

    @Test
    void roundTripsAKeyAsAnOpaqueUrlSafeToken() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("GROUP#g-1"), "sk",
                AttributeValue.fromS("GROUP"), "gsi1pk", AttributeValue.fromS("DISTRICT#610902"),
                "gsi1sk", AttributeValue.fromS("INTEGRATED#g-1"));
        String token = PageToken.encode(key);
        assertTrue(token.matches("[A-Za-z0-9_-]+"));
        assertEquals(key, PageToken.decode(token));
        assertNull(PageToken.encode(Map.of()));
        assertNull(PageToken.decode(null));
    }

    @Test
    void aForgedTokenIsTheCallersError() {
        DomainException e = assertThrows(DomainException.class, () -> PageToken.decode("%%%"));
        assertEquals(400, e.status());
        assertEquals("/query/nextToken", e.errors().get(0).pointer());
        assertThrows(DomainException.class, () -> PageToken.decode("YWJj"));
    }

    @Test
    void idsAreUrlSafeUniqueAndTimeOrdered() throws InterruptedException {
        String a = Ids.newId("g");
        Thread.sleep(2);
        String b = Ids.newId("g");
        assertTrue(a.matches("g-[0-9a-z]{26}"), a);
        assertTrue(a.compareTo(b) < 0);
    }
}
