package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;

import java.util.Map;
import java.util.Optional;

/**
 * Reads the caller from the claims an HTTP API JWT authorizer puts into {@code requestContext.authorizer.jwt.claims}.
 * Accepts both plain ({@code role}) and Cognito custom-attribute ({@code custom:role}) claim names.
 */
public final class Identity {

    private Identity() {
    }

    public static Optional<Caller> from(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        if (claims == null || claims.isEmpty()) {
            return Optional.empty();
        }
        String subject = claim(claims, "sub");
        Optional<Role> role = Role.parse(claim(claims, "role"));
        if (subject == null || role.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(subject, role.get(), claim(claims, "school"), claim(claims, "district")));
    }

    /** The caller, or a 401 problem when the request carries no usable identity. */
    public static Caller require(APIGatewayV2HTTPEvent event) {
        return from(event).orElseThrow(() -> DomainException.unauthenticated(
                "Send a bearer token whose claims name a subject ('sub') and a role (SCHOOL, DISTRICT, CITY or EXPERT)."));
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return null;
        }
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }

    private static String claim(Map<String, String> claims, String name) {
        String value = claims.get(name);
        if (value == null || value.isBlank()) {
            value = claims.get("custom:" + name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
