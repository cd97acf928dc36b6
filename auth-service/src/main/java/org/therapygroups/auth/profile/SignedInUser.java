package org.therapygroups.auth.profile;

import java.util.Set;

/**
 * The caller as their access token describes them.
 *
 * @param id the Keycloak user id (the token's subject)
 * @param username the Keycloak username, if the token says
 * @param name the full name, if the token says
 * @param roles the realm roles, without the {@code ROLE_} prefix
 */
record SignedInUser(String id, String username, String name, Set<String> roles) {

}
