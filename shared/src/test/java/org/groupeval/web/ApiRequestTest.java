package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiRequestTest {

    private static ApiRequest withBody(String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(body);
        return new ApiRequest(event);
    }

    private static List<String> refusedPointers(String body) {
        DomainException e = assertThrows(DomainException.class, () -> withBody(body).json());
        assertEquals(400, e.status());
        return e.errors().stream().map(FieldError::pointer).toList();
    }

    @Test
    void numbersWithinEighteenIntegerAndTwentyFractionDigitsPass() {
        assertEquals("999999999999999999", withBody("{\"n\": 999999999999999999}").json().get("n").asText());
        withBody("{\"r\": 0.12345678901234567890, \"z\": 0.000, \"t\": 5.000000000000000000000000000, \"e\": 1e17,"
                + " \"neg\": -12.5, \"list\": [1, 2.5]}").json();
    }

    @Test
    void everyNumberBeyondTheBoundsIsNamedWithItsPointer() {
        assertEquals(List.of("/big"), refusedPointers("{\"big\": 1234567890123456789}"));
        assertEquals(List.of("/a/0/x", "/a/2", "/b~1c"), refusedPointers(
                "{\"a\": [{\"x\": 1e1000000000}, 3, 1e-21], \"b/c\": 0.123456789012345678901, \"ok\": 1}"));
        // zero with an absurd exponent reaches the domain as a plain zero (the JSON tree normalises it)
        assertEquals(0, withBody("{\"z\": 0e-1000000000}").json().get("z").decimalValue().compareTo(BigDecimal.ZERO));
        assertEquals(true, withBody("{\"z\": 0e-1000000000}").json().get("z").decimalValue().scale() <= 20);
        assertEquals(List.of(""), refusedPointers("1E+2147483647"));
    }

    @Test
    void theDetailNamesTheOnlyProblemOrCountsThem() {
        DomainException one = assertThrows(DomainException.class, () -> withBody("{\"a\": 1e30}").json());
        assertEquals("is out of range: numbers may have at most 18 digits before the decimal point and 20 after it",
                one.getMessage());
        DomainException two = assertThrows(DomainException.class, () -> withBody("[1e30, 1e-30]").json());
        assertEquals("the request body has 2 numbers out of range", two.getMessage());
    }
}
