package org.groupeval.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageCursorTest {

    @Test
    void roundTripsALastEvaluatedKey() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("GROUP#g-1"), "sk",
                AttributeValue.fromS("GROUP"), "gsi1pk", AttributeValue.fromS("DISTRICT#610902"),
                "gsi1sk", AttributeValue.fromS("INTEGRATED#g-1"));
        assertEquals(key, PageCursor.decode(PageCursor.encode(key)));
        assertNull(PageCursor.encode(Map.of()));
        assertNull(PageCursor.encode(null));
        assertNull(PageCursor.decode(null));
    }

    @Test
    void onlyReadsWhatItWrote() {
        // an empty value (DynamoDB refuses such a start key), no table key, not pairs
        for (String bad : new String[] {"pk=x\u001fsk=", "gsi1pk=x\u001fgsi1sk=y", "abc", "", "pk=x\u001f\u001fsk=y"}) {
            assertThrows(IllegalArgumentException.class, () -> PageCursor.decode(bad), bad);
        }
        assertThrows(IllegalStateException.class, () -> PageCursor.encode(Map.of("pk", AttributeValue.fromS(""),
                "sk", AttributeValue.fromS("x"))));
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
