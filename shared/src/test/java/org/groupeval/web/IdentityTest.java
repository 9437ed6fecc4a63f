package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityTest {

    static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(claims);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRequestContext(context);
        return event;
    }

    @Test
    void readsPlainClaims() {
        Caller c = Identity.require(withClaims(Map.of("sub", "u1", "role", "school", "school", "s001")));
        assertEquals(new Caller("u1", Role.SCHOOL, "S001", null), c);
    }

    @Test
    void readsCognitoCustomClaims() {
        Caller c = Identity.require(withClaims(Map.of("sub", "u2", "custom:role", "DISTRICT",
                "custom:district", "610902")));
        assertEquals(Role.DISTRICT, c.role());
        assertEquals("610902", c.district());
    }

    @Test
    void noClaimsUnknownRoleOrNoSubjectIs401() {
        assertEquals(401, assertThrows(DomainException.class, () -> Identity.require(new APIGatewayV2HTTPEvent())).status());
        assertTrue(Identity.from(withClaims(Map.of("sub", "u", "role", "KING"))).isEmpty());
        assertTrue(Identity.from(withClaims(Map.of("role", "CITY"))).isEmpty());
    }
}
